import pg from 'pg';

/** A PostgreSQL server the scenarios create their own databases on. */
export interface PostgresServer {
  /** e.g. "postgresql 15.14, fsync on": read from the server itself, so a row says what it ran on. */
  readonly label: string;
  /** A fresh, empty database for one scenario; dropped by `drop()`. */
  createDatabase(prefix: string): Promise<ScratchDatabase>;
  /** Stops the server if this process started it. */
  stop(): Promise<void>;
  /** The server's log, when this process started it (slow plans are read from it: pg-slow-plans.ts). */
  readonly logFile: string | null;
}

export interface ScratchDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

let counter = 0;

/** Runs `fn` on a fresh client of the database at `url`, closed afterwards. */
export async function withPgClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A server reachable at `url` (any database on it); `stop` runs `onStop`. */
export async function postgresServerAt(
  url: string,
  onStop: () => Promise<void> = async () => undefined,
  logFile: string | null = null,
): Promise<PostgresServer> {
  const label = await withPgClient(url, async (c) => {
    const sql = `SELECT current_setting('server_version') AS version, current_setting('fsync') AS fsync,
      current_setting('synchronous_commit') AS commit`;
    const r = (await c.query<{ version: string; fsync: string; commit: string }>(sql)).rows[0];
    const via = new URL(url).searchParams.get('host')?.startsWith('/') ? 'Unix socket' : 'TCP';
    return `postgresql ${r?.version.split(' ')[0]} (fsync ${r?.fsync}, synchronous_commit ${r?.commit}; ${via})`;
  });
  return {
    label,
    async createDatabase(prefix) {
      const name = `bench_${prefix.replace(/[^a-z0-9]/g, '_')}_${process.pid}_${++counter}`;
      await withPgClient(url, (c) => c.query(`CREATE DATABASE ${name}`));
      return {
        name,
        url: databaseUrl(url, name),
        drop: () => withPgClient(url, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(),
      };
    },
    stop: onStop,
    logFile,
  };
}
