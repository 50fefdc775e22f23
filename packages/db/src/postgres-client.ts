import pg from 'pg';
import { queryExecutor } from './pg-query-executor';
import { pgTypes } from './pg-rows';
import { sharedPipeline } from './pg-shared-pipeline';
import { StatementNames } from './pg-statements';
import { pipelinedTransaction } from './pg-transaction';
import type { SqlClient, SqlExecutor } from './sql-client';

export interface PostgresOptions {
  readonly url: string;
  /** Pool size; scale by batching, not connections (≈ 2–4 × database cores). */
  readonly poolSize?: number;
  /** Runs every connection with this search_path (tests isolate themselves in a schema). */
  readonly schema?: string;
  readonly applicationName?: string;
}

/** Serialization failures and deadlocks are retried by `transaction`. */
const RETRYABLE = new Set(['40001', '40P01']);

/** Statements on the pool: each on whichever connection is free, answered before the next is sent. */
function poolExecutor(pool: pg.Pool, names: StatementNames): SqlExecutor {
  return queryExecutor((sql, params) => pool.query(names.query(sql, params)));
}

function openPool(options: PostgresOptions, max: number, settings: readonly string[]): pg.Pool {
  const all = [...(options.schema ? [`search_path=${options.schema}`] : []), ...settings];
  const pool = new pg.Pool({
    connectionString: options.url,
    max,
    types: pgTypes,
    // Lets a transaction send BEGIN and its deferred writes without waiting for their answers.
    pipeline: true,
    application_name: options.applicationName ?? 'tessera',
    ...(all.length > 0 ? { options: all.map((s) => `-c ${s}`).join(' ') } : {}),
  });
  pool.on('error', () => {
    // An idle client died (server restart); the pool replaces it on the next checkout.
  });
  return pool;
}

/** PostgreSQL through a pg pool: one pooled connection per transaction, READ COMMITTED, named statements. */
export function openPostgres(options: PostgresOptions): SqlClient {
  const pool = openPool(options, options.poolSize ?? 8, []);
  // One connection carries every asynchronously committed statement, pipelined (pg-shared-pipeline.ts); the
  // pool only opens it again when it breaks.
  const asyncPool = openPool(options, 1, ['synchronous_commit=off']);
  const names = new StatementNames();
  const direct = poolExecutor(pool, names);
  const shared = sharedPipeline(asyncPool, names);

  async function inTransaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await pool.connect();
      // pg-pool drops its error listener while a client is checked out: without this one, the server ending
      // the connection between two statements (a restart, pg_terminate_backend) is an uncaught 'error' that
      // kills the process. The next query rejects instead, and release() discards the broken client.
      const onError = () => undefined;
      client.on('error', onError);
      const tx = pipelinedTransaction(client, names);
      try {
        tx.begin();
        const result = await fn(tx.executor);
        await tx.commit();
        return result;
      } catch (error) {
        await tx.rollback().catch(() => undefined);
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
    asyncCommit: shared.executor,
    close: async () => {
      await shared.close();
      await Promise.all([pool.end(), asyncPool.end()]);
    },
  };
}
