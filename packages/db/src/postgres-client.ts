import pg from 'pg';
import { CUSTOM_PLAN, type Row, type SqlClient, type SqlExecutor, type SqlValue } from './sql-client';

export interface PostgresOptions {
  readonly url: string;
  /** Pool size; scale by batching, not connections (≈ 2–4 × database cores). */
  readonly poolSize?: number;
  /** Runs every connection with this search_path (tests isolate themselves in a schema). */
  readonly schema?: string;
  readonly applicationName?: string;
}

const INT8 = 20;
const NUMERIC = 1700;
/** bigint and numeric columns arrive as JS numbers (epoch ms and counters fit in 2^53). */
const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format ?? 'text'),
};

/** Serialization failures and deadlocks are retried by `transaction`. */
const RETRYABLE = new Set(['40001', '40P01']);

/** Rewrites `?` placeholders to `$1…$n` once per SQL text and names the statement so pg prepares it once. */
class StatementNames {
  private readonly names = new Map<string, { name: string; text: string }>();
  get(sql: string): { name: string; text: string } {
    let entry = this.names.get(sql);
    if (entry === undefined) {
      let n = 0;
      entry = { name: `t${this.names.size + 1}`, text: sql.replace(/\?/g, () => `$${++n}`) };
      this.names.set(sql, entry);
    }
    return entry;
  }
}

function executor(client: pg.Pool | pg.PoolClient, names: StatementNames): SqlExecutor {
  const query = async (sql: string, params: readonly SqlValue[]) => {
    const { name, text } = names.get(sql);
    const named = sql.startsWith(CUSTOM_PLAN) ? {} : { name };
    return client.query({ ...named, text, values: params as unknown[] });
  };
  return {
    dialect: 'postgres',
    all: async <T = Row>(sql: string, params: readonly SqlValue[] = []) =>
      (await query(sql, params)).rows as T[],
    run: async (sql: string, params: readonly SqlValue[] = []) => (await query(sql, params)).rowCount ?? 0,
  };
}

/** PostgreSQL through a pg pool: one pooled connection per transaction, READ COMMITTED, named statements. */
export function openPostgres(options: PostgresOptions): SqlClient {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 8,
    types,
    application_name: options.applicationName ?? 'tessera',
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  pool.on('error', () => {
    // An idle client died (server restart); the pool replaces it on the next checkout.
  });
  const names = new StatementNames();
  const direct = executor(pool, names);

  async function inTransaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await pool.connect();
      // pg-pool drops its error listener while a client is checked out: without this one, the server ending
      // the connection between two statements (a restart, pg_terminate_backend) is an uncaught 'error' that
      // kills the process. The next query rejects instead, and release() discards the broken client.
      const onError = () => undefined;
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await fn(executor(client, names));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        const code = (error as { code?: string }).code;
        if (code !== undefined && RETRYABLE.has(code) && attempt < 5) continue;
        throw error;
      } finally {
        client.removeListener('error', onError);
        client.release();
      }
    }
  }

  return {
    ...direct,
    transaction: inTransaction,
    // READ COMMITTED takes a snapshot per statement even inside BEGIN … COMMIT: a transaction would add two
    // round trips and nothing else.
    read: (fn) => fn(direct),
    close: () => pool.end(),
  };
}
