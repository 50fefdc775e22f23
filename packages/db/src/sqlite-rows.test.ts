import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqlClient } from './sql-client';
import { openSqlite } from './sqlite-client';

/** The executor reads rows as arrays and builds the objects itself: the same rows better-sqlite3 builds. */
describe('SQLite rows built by the executor', () => {
  let dir: string;
  let client: SqlClient;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tessera-rows-'));
    client = openSqlite({ path: join(dir, 'db.sqlite') });
    await client.run('CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER, r REAL, j TEXT, b BLOB, z TEXT)');
    await client.run('INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)', [
      'a',
      1_700_000_000_000,
      0.5,
      '{"x":1}',
      null,
      'z',
    ]);
    await client.run('INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)', ['b', -3, null, null, null, null]);
  });
  afterEach(async () => {
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** What better-sqlite3's own object rows say for the same statement. */
  const native = (sql: string, params: unknown[] = []) => {
    const db = new Database(join(dir, 'db.sqlite'), { readonly: true });
    try {
      return db.prepare(sql).all(...params);
    } finally {
      db.close();
    }
  };

  it('reads the same rows, values and column order as better-sqlite3', async () => {
    const sql = 'SELECT * FROM t WHERE id IN (?, ?) ORDER BY id';
    const rows = await client.all(sql, ['a', 'b']);
    expect(rows).toEqual(native(sql, ['a', 'b']));
    expect(Object.keys(rows[0] as object)).toEqual(['id', 'n', 'r', 'j', 'b', 'z']);
    expect(rows[1]).toEqual({ id: 'b', n: -3, r: null, j: null, b: null, z: null });
  });

  it('keeps the last value of a name the select list repeats, as better-sqlite3 does', async () => {
    const sql = "SELECT id, n AS id, 'last' AS id FROM t WHERE id = ?";
    expect(await client.all(sql, ['a'])).toEqual(native(sql, ['a']));
    expect(await client.all(sql, ['a'])).toEqual([{ id: 'last' }]);
  });

  it('answers an empty read with no rows, and a write with RETURNING with its rows inside a transaction', async () => {
    expect(await client.all('SELECT id FROM t WHERE id = ?', ['nobody'])).toEqual([]);
    const returned = await client.transaction((tx) =>
      tx.all('UPDATE t SET n = n + 1 WHERE id = ? RETURNING id, n', ['b']),
    );
    expect(returned).toEqual([{ id: 'b', n: -2 }]);
    expect(await client.transaction((tx) => tx.all('UPDATE t SET n = 0 WHERE id = ?', ['b']))).toEqual([]);
  });
});
