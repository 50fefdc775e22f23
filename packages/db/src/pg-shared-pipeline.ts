import pg from 'pg';
import { queryExecutor } from './pg-query-executor';
import { queryRows } from './pg-rows';
import type { StatementNames } from './pg-statements';
import type { SqlExecutor, SqlValue } from './sql-client';

/**
 * Whether a statement's error means its connection is gone: anything but an error the server sent (a socket
 * error, a closed client), a connection exception (class 08), or the server ending the session (57P01–57P05).
 * Any other error is the statement's own, and the connection goes on carrying the others.
 */
export function connectionLost(error: unknown): boolean {
  if (!(error instanceof pg.DatabaseError)) return true;
  const code = error.code ?? '';
  return code.startsWith('08') || code.startsWith('57P');
}

export interface SharedPipeline {
  readonly executor: SqlExecutor;
  /** Gives the connection back to its pool (for `pool.end()`); a later statement would take a new one. */
  close(): Promise<void>;
}

/**
 * Single autocommit statements of every caller on one pipelined connection, instead of one pooled connection
 * each. pg's `pipeline` mode sends a statement without waiting for the answers before it, each with its own
 * Sync: each is its own implicit transaction, and one that fails fails only itself. The socket is corked
 * until the event loop's check phase, so what the requests handled in one turn of the loop send leaves in one
 * write, and their answers come back together: one round trip, and one wake-up of the serve process and of
 * the server process, for many requests.
 *
 * For short statements only (the Idempotency-Key records, rate-limit buckets): the server runs them in order,
 * so a slow one delays those behind it. The connection is taken on first use and kept; when it breaks (server
 * restart, terminated backend), what it carried fails and the next statement takes a new one.
 */
export function sharedPipeline(pool: pg.Pool, names: StatementNames): SharedPipeline {
  let pinned: Promise<pg.PoolClient> | null = null;
  let corked = false;

  function connection(): Promise<pg.PoolClient> {
    if (pinned !== null) return pinned;
    const connecting = pool.connect().then((client) => {
      // pg-pool listens for errors only on idle clients: without this, a broken connection is an uncaught
      // 'error' that kills the process.
      client.on('error', () => drop(connecting, client));
      client.on('end', () => drop(connecting, client));
      return client;
    });
    pinned = connecting;
    connecting.catch(() => {
      if (pinned === connecting) pinned = null;
    });
    return connecting;
  }

  function drop(which: Promise<pg.PoolClient>, client: pg.PoolClient): void {
    if (pinned !== which) return;
    pinned = null;
    client.release(true);
  }

  function cork(client: pg.PoolClient): void {
    if (corked) return;
    const socket = client.connection.stream;
    socket.cork();
    corked = true;
    setImmediate(() => {
      corked = false;
      socket.uncork();
    });
  }

  async function query(sql: string, params: readonly SqlValue[]): Promise<pg.QueryResult> {
    const current = connection();
    const client = await current;
    cork(client);
    try {
      return await queryRows(client, names.query(sql, params));
    } catch (error) {
      // The server's FATAL reaches the statement it interrupted before the socket closes: statements sent
      // in between would go to a dead connection.
      if (connectionLost(error)) drop(current, client);
      throw error;
    }
  }

  return {
    executor: queryExecutor(query),
    async close() {
      const current = pinned;
      pinned = null;
      const client = await current?.catch(() => null);
      client?.release();
    },
  };
}
