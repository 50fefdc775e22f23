import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openPostgres } from '@tessera/db';

const run = promisify(execFile);
export const PG_BIN = '/usr/lib/postgresql/15/bin';

/** Debian's PostgreSQL 15 server binaries are installed (stack.md §5). */
export function postgresAvailable(): boolean {
  return existsSync(join(PG_BIN, 'postgres')) && existsSync(join(PG_BIN, 'pg_amcheck'));
}

/**
 * A PostgreSQL instance of the test's own, with the durability settings left at their safe defaults
 * (fsync, full_page_writes and synchronous_commit on): the shared test server runs without them for speed.
 */
export interface DurablePostgres {
  /** `postgresql://tessera@127.0.0.1:<port>/tessera` */
  readonly url: string;
  /** `pg_ctl stop -m immediate`: a crash (no checkpoint, WAL replayed at the next start). */
  crash(): Promise<void>;
  start(): Promise<void>;
  /** `pg_amcheck` over every table and index (heap and B-tree checks); exit code 0 = no corruption. */
  amcheck(): Promise<{ code: number; output: string }>;
  destroy(): Promise<void>;
}

async function freePort(from: number): Promise<number> {
  for (let port = from; port < from + 200; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free loopback port for PostgreSQL');
}

/** Runs a PostgreSQL binary, as the `postgres` user when we are root (initdb refuses root). */
async function pg(bin: string, args: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  const asRoot = process.getuid?.() === 0;
  const [file, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, bin), ...args]]
    : [join(PG_BIN, bin), [...args]];
  return run(file, argv, { timeout: 60_000 });
}

export async function startDurablePostgres(): Promise<DurablePostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-durable-pg-'));
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    chownSync(dir, Number(stdout.trim()), -1);
  }
  const data = join(dir, 'data');
  await pg('initdb', ['-D', data, '-U', 'tessera', '-A', 'trust', '-E', 'UTF8', '--locale=C']);
  const port = await freePort(56_432 + (process.pid % 1000));
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=100`;
  const start = async () => {
    await pg('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', options, 'start']);
  };
  await start();
  const admin = openPostgres({ url: `postgresql://tessera@127.0.0.1:${port}/postgres`, poolSize: 1 });
  await admin.run('CREATE DATABASE tessera');
  await admin.close();
  const url = `postgresql://tessera@127.0.0.1:${port}/tessera`;
  return {
    url,
    crash: async () => {
      await pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    },
    start,
    async amcheck() {
      const args = ['-h', '127.0.0.1', '-p', String(port), '-U', 'tessera', '--install-missing'];
      try {
        const { stdout, stderr } = await run(join(PG_BIN, 'pg_amcheck'), [
          ...args,
          '--heapallindexed',
          'tessera',
        ]);
        return { code: 0, output: stdout + stderr };
      } catch (error) {
        const e = error as { code?: number; stdout?: string; stderr?: string };
        return {
          code: typeof e.code === 'number' ? e.code : -1,
          output: `${e.stdout ?? ''}${e.stderr ?? ''}`,
        };
      }
    },
    async destroy() {
      await pg('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
