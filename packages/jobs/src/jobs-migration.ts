import type { JobSqlDialect } from './job-sql';

/**
 * The `jobs` table. Types follow `@tessera/db`'s column types: TEXT ids and JSON, INTEGER counters, BIGINT
 * epoch milliseconds, identical on SQLite and PostgreSQL. Status values are literals in every query so the
 * partial indexes below are usable by prepared (generic) plans on both databases.
 */
function statements(_dialect: JobSqlDialect): string[] {
  return [
    `CREATE TABLE jobs (
      id TEXT PRIMARY KEY,
      queue TEXT NOT NULL,
      payload TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'dead')),
      attempts INTEGER NOT NULL,
      max_attempts INTEGER NOT NULL,
      run_at BIGINT NOT NULL,
      locked_by TEXT,
      locked_until BIGINT,
      last_error TEXT,
      dedupe_key TEXT,
      backoff_base_ms BIGINT NOT NULL,
      backoff_max_ms BIGINT NOT NULL,
      repeat_every_ms BIGINT,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL)`,
    // Matches the claim's WHERE and ORDER BY exactly and holds only claimable rows.
    `CREATE INDEX jobs_claim ON jobs (queue, run_at, id) WHERE status = 'queued'`,
    // Running jobs whose lease ran out (a crashed or stalled worker).
    `CREATE INDEX jobs_stale ON jobs (locked_until) WHERE status = 'running'`,
    // At most one pending (queued or running) job per dedupe key: periodic jobs, "sync X" jobs.
    `CREATE UNIQUE INDEX jobs_dedupe ON jobs (dedupe_key)
      WHERE dedupe_key IS NOT NULL AND status IN ('queued', 'running')`,
    // The dead-letter list, newest first.
    `CREATE INDEX jobs_dead ON jobs (queue, updated_at, id) WHERE status = 'dead'`,
    // Purging finished jobs by age.
    `CREATE INDEX jobs_done ON jobs (updated_at) WHERE status = 'done'`,
  ];
}

/** The jobs migration, in the shape of `@tessera/db`'s `Migration` (applied after `0001-engine`). */
export const jobsMigration: { readonly name: '0002-jobs'; statements(dialect: JobSqlDialect): string[] } = {
  name: '0002-jobs',
  statements,
};
