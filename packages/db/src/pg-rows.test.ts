import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgTypes, queryRows } from './pg-rows';
import { StatementNames } from './pg-statements';

const url = process.env.TESSERA_PG_URL;

/** The rows `queryRows` builds are the rows pg's own `Result` builds, statement kind by statement kind. */
describe.skipIf(!url)('PostgreSQL rows built by queryRows', () => {
  let client: pg.Client;
  const names = new StatementNames();
  beforeAll(async () => {
    client = new pg.Client({ connectionString: url, types: pgTypes, pipeline: true } as pg.ClientConfig);
    await client.connect();
    await client.query(
      `CREATE TEMP TABLE rows_t (id TEXT PRIMARY KEY, n BIGINT, r DOUBLE PRECISION, d NUMERIC, s SMALLINT,
       j TEXT, c1 TEXT, c2 TEXT, c3 TEXT, c4 TEXT, c5 TEXT, c6 TEXT, c7 TEXT, c8 TEXT, c9 TEXT, c10 TEXT)`,
    );
  });
  afterAll(async () => {
    await client.end();
  });

  /** The same statement through pg's default path and through queryRows (each as a named statement). */
  async function both(sql: string, params: readonly (string | number | null)[] = []) {
    const config = names.query(sql, params);
    const plain = await client.query({ ...config, name: `${config.name}_plain` });
    const lean = await queryRows(client, config);
    return { plain, lean };
  }

  it('reads wide rows, nulls and numeric types as pg does (bigint and numeric as numbers)', async () => {
    for (let i = 0; i < 3; i++) {
      await client.query(
        'INSERT INTO rows_t VALUES ($1, $2, 0.5, 12.25, 1, $3, $4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, $5)',
        [`t${i}`, 1_700_000_000_000 + i, JSON.stringify({ i }), `x${i}`, i % 2 === 0 ? null : 'odd'],
      );
    }
    const { plain, lean } = await both('SELECT * FROM rows_t WHERE id <> ? ORDER BY id', ['none']);
    expect(lean.rows).toEqual(plain.rows);
    expect(lean.rows[1]).toMatchObject({
      id: 't1',
      n: 1_700_000_000_001,
      r: 0.5,
      d: 12.25,
      s: 1,
      c10: 'odd',
    });
    expect(Object.keys(lean.rows[0] as object)).toEqual(plain.fields.map((f) => f.name));
    expect(lean.fields.map((f) => f.name)).toEqual(plain.fields.map((f) => f.name));
    expect([lean.rowCount, lean.command]).toEqual([3, 'SELECT']);
    // Built by the lean result (a subclass), not by pg's own.
    expect(Object.getPrototypeOf(plain)).toBe(pg.Result.prototype);
    expect(lean).toBeInstanceOf(pg.Result);
    expect(Object.getPrototypeOf(lean)).not.toBe(pg.Result.prototype);
  });

  it('answers writes with their row count and RETURNING rows, and empty reads with no rows', async () => {
    const update = await both('UPDATE rows_t SET c2 = ? WHERE id IN (?, ?)', ['y', 't0', 't1']);
    expect([update.lean.rowCount, update.lean.command, update.lean.rows]).toEqual([2, 'UPDATE', []]);
    const returning = await queryRows(
      client,
      names.query('INSERT INTO rows_t (id, n) VALUES (?, ?) RETURNING id, n', ['t9', 42]),
    );
    expect(returning.rows).toEqual([{ id: 't9', n: 42 }]);
    const empty = await both('SELECT id FROM rows_t WHERE id = ?', ['nobody']);
    expect([empty.lean.rows, empty.lean.rowCount]).toEqual([[], 0]);
  });

  it('keeps pg’s own path for a column named __proto__ (an own property, not the prototype)', async () => {
    const { plain, lean } = await both('SELECT id AS "__proto__", n FROM rows_t WHERE id = ?', ['t0']);
    expect(lean.rows).toEqual(plain.rows);
    expect(Object.getOwnPropertyDescriptor(lean.rows[0], '__proto__')?.value).toBe('t0');
  });

  it('rejects with the server’s error, and the pipelined statements around it still answer', async () => {
    const [a, b, c] = await Promise.allSettled([
      queryRows(client, names.query('SELECT ?::int AS v', [1])),
      queryRows(client, names.query('SELECT 1 / 0 AS v', [])),
      queryRows(client, names.query('SELECT ?::int AS v', [3])),
    ]);
    expect(a.status === 'fulfilled' && a.value.rows).toEqual([{ v: 1 }]);
    expect(b.status === 'rejected' && b.reason).toBeInstanceOf(pg.DatabaseError);
    expect(c.status === 'fulfilled' && c.value.rows).toEqual([{ v: 3 }]);
  });
});
