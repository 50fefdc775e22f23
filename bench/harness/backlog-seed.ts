import type { SqlClient } from '@tessera/db';

/** Rows per INSERT … SELECT statement (one transaction each). */
const CHUNK_ROWS = 50_000;

function insertSql(client: SqlClient, columns: readonly string[], base: number): string {
  const pg = client.dialect === 'postgres';
  const pad = (v: string, n: number) => (pg ? `lpad(${v}::text, ${n}, '0')` : `printf('%0${n}d', ${v})`);
  // Ids and created_at grow with s.i across all projects, so every index is appended to at its end.
  const expr = (c: string) =>
    c === 'id'
      ? `'tsk_bk' || ${pad('s.i', 9)} || '_' || ${pad('t.rk', 3)}`
      : c === 'unique_id'
        ? 'NULL'
        : c === 'created_at' || c === 'updated_at'
          ? `${Math.trunc(base)} + s.i`
          : `t.${c}`;
  const select = columns.map(expr).join(', ');
  const into = `INSERT INTO tasks (${columns.join(', ')})`;
  return pg
    ? `${into} SELECT ${select} FROM generate_series(?::int, ?::int) AS s(i) CROSS JOIN bench_templates t ORDER BY s.i, t.rk`
    : `WITH RECURSIVE s(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM s WHERE i < ?) ${into} SELECT ${select} FROM s CROSS JOIN bench_templates t ORDER BY s.i, t.rk`;
}

/**
 * Grows a queued backlog fast with set-based SQL: each project's template task (created through the engine,
 * so every column is valid; snapshotted into `bench_templates` before any lease touches it) is copied by
 * INSERT … SELECT over generate_series (PostgreSQL) or a recursive CTE (SQLite), with new ids, no unique_id
 * and increasing created_at; the backlog is spread evenly over the projects.
 */
export function createBacklogSeeder(client: SqlClient) {
  let have = 1; // per project: its template
  let prepared: { sql: string; projects: number } | null = null;

  async function prepare() {
    if (prepared !== null) return prepared;
    await client.run(
      'CREATE TABLE bench_templates AS SELECT ROW_NUMBER() OVER (ORDER BY project_id) AS rk, tasks.* FROM tasks',
    );
    const rows = await client.all<Record<string, unknown>>('SELECT * FROM bench_templates');
    const columns = Object.keys(rows[0] ?? {}).filter((c) => c !== 'rk');
    const base = Math.max(...rows.map((r) => Number(r.created_at)));
    prepared = { sql: insertSql(client, columns, base), projects: rows.length };
    if (client.dialect === 'sqlite') await client.run('PRAGMA cache_size = -262144'); // this connection only
    return prepared;
  }

  return {
    /** Grows the backlog to `total` tasks; returns rows inserted per second. */
    async growTo(total: number): Promise<number> {
      const { sql, projects } = await prepare();
      const perProject = Math.floor(total / projects);
      const step = Math.max(1, Math.floor(CHUNK_ROWS / projects));
      const start = performance.now();
      let inserted = 0;
      while (have < perProject) {
        const n = Math.min(step, perProject - have);
        inserted += await client.run(sql, [have, have + n - 1]);
        have += n;
      }
      // Steady state: otherwise autovacuum's pass over the fresh rows runs during the measurement.
      if (client.dialect === 'postgres') await client.run('VACUUM (ANALYZE) tasks');
      return inserted / ((performance.now() - start) / 1000);
    },
  };
}
