import type pg from 'pg';
import { queryRows } from './pg-rows';
import type { StatementNames } from './pg-statements';
import type { Row, SqlExecutor, SqlValue } from './sql-client';

export interface PgTransaction {
  readonly executor: SqlExecutor;
  /** Sends BEGIN without waiting for its answer: it leaves with the transaction's first awaited statement. */
  begin(): void;
  /** Commits; fails with the first failed deferred write, or when the server rolled back instead. */
  commit(): Promise<void>;
  rollback(): Promise<unknown>;
}

/**
 * One transaction on a pipelined connection (pg's `pipeline` mode: a statement is sent without waiting for the
 * answers to those before it, and the server runs them in order).
 * - BEGIN and deferred writes (`SqlExecutor.defer`) wait in the socket's buffer and leave in one write with the
 *   next awaited statement: one round trip, and one wake-up of the server process, for all of them.
 * - Statements awaited together (`Promise.all` of reads) leave in one write too, at the end of the
 *   synchronous run that sent them.
 * - That statement also waits for their answers, and fails with the first deferred failure: the statements
 *   after a failure fail only as "current transaction is aborted", which would hide the cause.
 * - A COMMIT sent behind a failed write is safe: the server answers it with ROLLBACK, and `commit` checks.
 */
export function pipelinedTransaction(client: pg.PoolClient, names: StatementNames): PgTransaction {
  const query = (sql: string, params: readonly SqlValue[]) => queryRows(client, names.query(sql, params));
  const socket = client.connection.stream;
  let corked = false;
  let inFlight: Promise<unknown>[] = [];
  let failure: { error: unknown } | null = null;

  const flush = () => {
    if (!corked) return;
    corked = false;
    socket.uncork();
  };

  const cork = () => {
    if (corked) return;
    socket.cork();
    corked = true;
  };

  function send(sql: string, params: readonly SqlValue[] = []): void {
    cork();
    const sent = query(sql, params);
    sent.catch((error: unknown) => {
      failure ??= { error };
    });
    inFlight.push(sent);
  }

  async function answer(sql: string, params: readonly SqlValue[] = []): Promise<pg.QueryResult> {
    cork();
    const answered = query(sql, params);
    // Leaves once this synchronous run ends: statements awaited together (`Promise.all`) share one write.
    queueMicrotask(flush);
    const own = await answered.then(
      (result) => ({ ok: true as const, result }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    if (inFlight.length > 0) {
      const sent = inFlight;
      inFlight = [];
      await Promise.allSettled(sent);
    }
    if (failure !== null) throw failure.error;
    if (!own.ok) throw own.error;
    return own.result;
  }

  return {
    executor: {
      dialect: 'postgres',
      all: async <T = Row>(sql: string, params: readonly SqlValue[] = []) =>
        (await answer(sql, params)).rows as T[],
      run: async (sql: string, params: readonly SqlValue[] = []) => (await answer(sql, params)).rowCount ?? 0,
      defer: (sql: string, params: readonly SqlValue[] = []) => {
        send(sql, params);
        return Promise.resolve();
      },
      deferOne: (sql: string, params: readonly SqlValue[] = []) => {
        send(names.exactlyOne(sql), params);
        return Promise.resolve();
      },
    },
    begin: () => send('BEGIN'),
    async commit() {
      const result = await answer('COMMIT');
      if (result.command !== 'COMMIT') throw new Error(`COMMIT was answered with ${result.command}`);
    },
    rollback() {
      flush();
      return client.query('ROLLBACK');
    },
  };
}
