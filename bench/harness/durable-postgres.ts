import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { SLOW_PLAN_SETTINGS } from './pg-slow-plans';
import { type PostgresServer, postgresServerAt } from './postgres-server';

const PGBIN = '/usr/lib/postgresql/15/bin';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A second, durable PostgreSQL 15 (started like scripts/with-postgres.sh, but without `fsync=off`,
 * `synchronous_commit=off` and `full_page_writes=off`): the durable figures of the issue. As root (CI) the
 * server runs as the `postgres` user, since initdb refuses root. TESSERA_DURABLE_PG_URL uses a running one.
 */
export async function startDurablePostgres(
  options: { readonly statementStats: boolean } = { statementStats: false },
): Promise<PostgresServer> {
  const given = process.env.TESSERA_DURABLE_PG_URL;
  if (given) return postgresServerAt(given);
  if (!existsSync(join(PGBIN, 'postgres'))) {
    throw new Error(
      `PostgreSQL 15 is not installed (${PGBIN}); run through scripts/with-postgres.sh as root`,
    );
  }
  const root = process.getuid?.() === 0;
  const as = (cmd: string, args: string[]) =>
    root ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args]) : execFileSync(cmd, args);
  const dir = mkdtempSync('/tmp/tessera-bench-pg-');
  if (root) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const pgCtl = join(PGBIN, 'pg_ctl');
  const stopNow = () => {
    try {
      as(pgCtl, ['-D', data, '-m', 'fast', 'stop']);
    } catch {
      // already stopped
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // Whatever ends this process (a crash, a closed stdout), the server must not outlive it.
  process.once('exit', stopNow);
  const stop = async () => {
    process.off('exit', stopNow);
    stopNow();
  };
  try {
    as(join(PGBIN, 'initdb'), [
      '-D',
      data,
      '-U',
      'tessera',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    const port = await freePort();
    // pg_stat_statements and auto_explain only for `--sql-stats` (pg-statement-stats.ts, pg-slow-plans.ts):
    // they cost every statement a little.
    const stats = options.statementStats
      ? ` -c shared_preload_libraries=pg_stat_statements,auto_explain${SLOW_PLAN_SETTINGS.map((s) => ` -c ${s}`).join('')}`
      : '';
    const settings = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=300${stats}`;
    as(pgCtl, ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', settings, 'start']);
    // Clients on this host connect through the Unix socket in `dir` (as psql and pgbench do by default):
    // loopback TCP costs every query a kernel TCP round trip on the two cores the benchmark shares.
    return await postgresServerAt(
      `postgresql://tessera@127.0.0.1:${port}/postgres?host=${dir}`,
      stop,
      join(dir, 'log'),
    );
  } catch (error) {
    await stop();
    throw error;
  }
}
