export type SqlValue = string | number | bigint | null;
export type Row = Record<string, unknown>;
export type Dialect = 'sqlite' | 'postgres';

/**
 * The smallest SQL surface the repositories need. SQL is written once with `?` placeholders; the PostgreSQL
 * client rewrites them to `$n`. Both clients prepare each distinct SQL text once and reuse it.
 */
export interface SqlExecutor {
  readonly dialect: Dialect;
  all<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs a statement and returns the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /**
   * A write whose outcome nobody reads (no rows, no count), for transactions that fail as a whole on any error.
   * In a PostgreSQL transaction it resolves at once: the statement waits in the connection's buffer and is sent
   * with the next awaited statement or the commit, which the server runs after it (so later reads see it); its
   * failure fails that statement or the commit, with the write's own error. Everywhere else it runs before it
   * resolves.
   */
  defer(sql: string, params?: readonly SqlValue[]): Promise<void>;
  /**
   * A write that must change exactly one row, sent like `defer`: for a row the unit already holds (read for
   * update on PostgreSQL; anything read inside SQLite's single writer), whose change therefore cannot miss.
   * If it changes another number of rows all the same, it fails, and the transaction with it: on PostgreSQL
   * the statement itself raises (`exactlyOneRowSql`), so a COMMIT pipelined behind it rolls back.
   */
  deferOne(sql: string, params?: readonly SqlValue[]): Promise<void>;
}

/**
 * A database connection (pool). Its own `all` reads committed data and its own `run` is a transaction of one
 * statement; everything that must be atomic goes through `transaction`.
 */
export interface SqlClient extends SqlExecutor {
  /**
   * Runs `fn` in one write transaction and resolves after the commit. On SQLite, transactions arriving in the
   * same event-loop turn share one commit (group commit), each inside its own savepoint, so one failing `fn`
   * rolls back only its own writes.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Runs `fn`'s reads. SQLite: on the read connection, every statement in one WAL snapshot. PostgreSQL: each
   * statement on its own pooled connection at READ COMMITTED, i.e. the latest committed data per statement
   * (what a `BEGIN READ ONLY` transaction gave too, without its two extra round trips).
   */
  read<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Single-statement transactions whose commit does not wait for its own durable flush, for records that only
   * need to be durable once something written after them is. PostgreSQL (`synchronous_commit = off`): the
   * write is visible to everyone at once, and since the WAL is flushed in order, any later durable commit
   * makes it durable too; a server crash can lose only the last ones (≤ 3 × `wal_writer_delay`) that no
   * durable commit followed. They all travel on one pipelined connection (`pg-shared-pipeline.ts`), so they
   * must be short. SQLite: the client's own statements, durable as every commit.
   */
  readonly asyncCommit: SqlExecutor;
  close(): Promise<void>;
}

/** Unique-constraint violation, from either database. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * PostgreSQL: statements that begin with this comment are sent unnamed, so they are planned on every execution
 * with the parameters' values and the table's current size. For lookups whose good plan depends on a table that grows fast (a bulk
 * ingest): the generic plan a named statement caches after five runs was made while the table was tiny.
 */
export const CUSTOM_PLAN = '/* custom plan */ ';

/** How the error of a `deferOne` write that changed another number of rows begins, on both databases. */
export const NOT_EXACTLY_ONE_ROW = 'a write expected to change one row changed';

/** The error of a `deferOne` write checked by the client (PostgreSQL raises it from the statement itself). */
export function notExactlyOneRow(changed: number, sql: string): Error {
  return new Error(`${NOT_EXACTLY_ONE_ROW} ${changed}: ${sql.slice(0, 80)}`);
}
