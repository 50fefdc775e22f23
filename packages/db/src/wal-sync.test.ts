import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqlClient } from './sql-client';
import { openSqlite } from './sqlite-client';
import type { FileSync } from './wal-sync';

/** A flush that completes only when the test says so, recording what each flush could see on disk. */
function heldSync() {
  const pending: ((error: Error | null) => void)[] = [];
  const sync: FileSync = (_fd, done) => {
    pending.push(done);
  };
  return {
    sync,
    started: () => pending.length,
    finish(index: number, error: Error | null = null) {
      (pending[index] as (error: Error | null) => void)(error);
    },
  };
}

const turn = () => new Promise((r) => setImmediate(r));

/** Which of `promises` have settled, without waiting for the others. */
async function settledFlags(promises: readonly Promise<unknown>[]): Promise<boolean[]> {
  const flags = promises.map(() => false);
  promises.forEach((p, i) => {
    p.then(
      () => {
        flags[i] = true;
      },
      () => {
        flags[i] = true;
      },
    );
  });
  await turn();
  await turn();
  return flags;
}

describe('SQLite synchronous=FULL: the WAL is flushed off the event loop, before anyone is answered', () => {
  let dir = '';
  let client: SqlClient | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tessera-walsync-'));
  });
  afterEach(async () => {
    await client?.close();
    client = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a commit only after a flush that started after it, and commits the next batch meanwhile', async () => {
    const held = heldSync();
    const plain = openSqlite({ path: join(dir, 'order.sqlite'), synchronous: 'NORMAL' });
    await plain.run('CREATE TABLE t (x INTEGER)');
    await plain.close();
    client = openSqlite({ path: join(dir, 'order.sqlite'), fileSync: held.sync });
    const db = client;

    const first = db.transaction((tx) => tx.run('INSERT INTO t VALUES (1)'));
    await turn();
    expect(held.started()).toBe(1);
    // committed (visible to readers) but not yet answered
    expect(await db.all('SELECT x FROM t')).toEqual([{ x: 1 }]);
    expect(await settledFlags([first])).toEqual([false]);

    // A second batch commits while the first flush runs; it must wait for a flush started after its commit.
    const second = db.transaction((tx) => tx.run('INSERT INTO t VALUES (2)'));
    await turn();
    expect(await db.all('SELECT x FROM t ORDER BY x')).toEqual([{ x: 1 }, { x: 2 }]);
    expect(held.started()).toBe(1);
    held.finish(0);
    expect(await settledFlags([first, second])).toEqual([true, false]);
    expect(held.started()).toBe(2);
    held.finish(1);
    await expect(second).resolves.toBe(1);
  });

  it('shares one flush among every batch committed while the previous flush ran', async () => {
    const held = heldSync();
    client = openSqlite({ path: join(dir, 'share.sqlite'), fileSync: held.sync });
    const db = client;
    const create = db.run('CREATE TABLE t (x INTEGER)');
    await turn();
    const waiting: Promise<number>[] = [];
    for (let i = 0; i < 5; i++) {
      waiting.push(db.transaction((tx) => tx.run('INSERT INTO t VALUES (?)', [i])));
      await turn();
    }
    expect(held.started()).toBe(1);
    held.finish(0);
    await create;
    expect(held.started()).toBe(2);
    held.finish(1);
    expect(await Promise.all(waiting)).toEqual([1, 1, 1, 1, 1]);
  });

  it('fails the batch with an I/O error when the flush fails, and every later write too', async () => {
    const held = heldSync();
    client = openSqlite({ path: join(dir, 'fail.sqlite'), fileSync: held.sync });
    const db = client;
    const create = db.run('CREATE TABLE t (x INTEGER)');
    await turn();
    held.finish(0, Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }));
    await expect(create).rejects.toMatchObject({ code: 'SQLITE_IOERR_FSYNC' });
    await expect(db.run('CREATE TABLE u (x INTEGER)')).rejects.toMatchObject({
      code: 'SQLITE_IOERR_FSYNC',
    });
    expect(held.started()).toBe(1);
    // nothing after the failure was even committed (no reader sees it)
    expect(await db.all("SELECT name FROM sqlite_master WHERE name = 'u'")).toEqual([]);
  });

  it('flushes the real WAL file with fs.fsync when nothing is injected', async () => {
    client = openSqlite({ path: join(dir, 'real.sqlite') });
    await client.run('CREATE TABLE t (x INTEGER)');
    const writes = Array.from({ length: 50 }, (_, i) =>
      (client as SqlClient).transaction((tx) => tx.run('INSERT INTO t VALUES (?)', [i])),
    );
    expect(await Promise.all(writes)).toHaveLength(50);
    expect(await client.all('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 50 }]);
  });

  it('does not flush with synchronous=NORMAL (a process crash loses nothing, a power loss may)', async () => {
    const held = heldSync();
    client = openSqlite({ path: join(dir, 'normal.sqlite'), synchronous: 'NORMAL', fileSync: held.sync });
    await client.run('CREATE TABLE t (x INTEGER)');
    expect(held.started()).toBe(0);
  });
});
