/** A value bound to a `?` placeholder. */
export type JobSqlValue = string | number | null;

/** The SQL dialects the job queue writes statements for. */
export type JobSqlDialect = 'sqlite' | 'postgres';

/**
 * The smallest SQL surface the job queue needs: statements with `?` placeholders (the PostgreSQL client
 * rewrites them to `$n`). Structurally satisfied by `@tessera/db`'s `SqlExecutor`, so a caller can pass the
 * executor of its own transaction to `enqueue` and the job commits (or rolls back) with its business writes.
 */
export interface JobSqlExecutor {
  readonly dialect: JobSqlDialect;
  /** Runs a query (or a write with RETURNING) and resolves with its rows. */
  all<T = Record<string, unknown>>(sql: string, params?: readonly JobSqlValue[]): Promise<T[]>;
  /** Runs a statement and resolves with the number of rows it changed. */
  run(sql: string, params?: readonly JobSqlValue[]): Promise<number>;
}

/**
 * A connection (pool) that can also open write transactions; structurally satisfied by `@tessera/db`'s
 * `SqlClient`.
 */
export interface JobSql extends JobSqlExecutor {
  /** Runs `fn` in one write transaction (`BEGIN IMMEDIATE` on SQLite) and resolves after the commit. */
  transaction<T>(fn: (tx: JobSqlExecutor) => Promise<T>): Promise<T>;
}
