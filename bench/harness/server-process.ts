import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cpuSeconds, mib, statusKiB } from './proc-status';

const ENTRY = fileURLToPath(new URL('./serve-child.ts', import.meta.url));
/** Serve processes still running, so an interrupted run can stop them. */
const live = new Set<ChildProcess>();
process.on('exit', () => killLiveServes());

export interface ServeProcess {
  readonly url: string;
  readonly pid: number;
  readonly child: ChildProcess;
}

export interface ServeOptions {
  /** The data directory (SQLite file, secret key file): a temporary directory of the scenario. */
  readonly dataDir: string;
  /** PostgreSQL: the database URL. */
  readonly databaseUrl?: string;
  /** Write a `node --cpu-prof` profile here when the process stops. */
  readonly cpuProfDir?: string | null;
  /** Write the time spent per SQL statement here when the process stops (SQLite only, `sql-stats.ts`). */
  readonly sqlStatsDir?: string | null;
  /** Record every SQLite statement, with its arguments, to this file (`statement-log.ts`). */
  readonly statementLog?: string | null;
  /** Run the background jobs (lease sweeper, webhook fan-out) as shipped; default true. */
  readonly runJobs?: boolean;
}

/** Starts a `serve` process (own pid), with rate limits lifted, and resolves once it listens. */
export function startServe(options: ServeOptions, timeoutMs = 60_000): Promise<ServeProcess> {
  const prof = options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [];
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', ENTRY], {
    env: {
      ...process.env,
      PORT: '0',
      DATABASE_URL: options.databaseUrl ?? '',
      TESSERA_DATA: options.dataDir,
      // Several processes on one database must share the key that encrypts webhook secrets.
      TESSERA_SECRET_KEY: 'ab'.repeat(32),
      TESSERA_RUN_JOBS: options.runJobs === false ? '0' : '1',
      TESSERA_RATE_PER_SECOND: '10000000',
      TESSERA_RATE_BURST: '10000000',
      TESSERA_LOG_LEVEL: 'warn',
      TESSERA_BENCH_SQL_STATS_DIR: options.sqlStatsDir ?? '',
      TESSERA_BENCH_STATEMENT_LOG: options.statementLog ?? '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), timeoutMs);
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (line !== undefined && out.includes('\n')) {
        clearTimeout(timer);
        resolve({ url: (JSON.parse(line) as { url: string }).url, pid: child.pid as number, child });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${String(code)}: ${stderr}`));
    });
  });
}

export interface ServeUsage {
  /** Peak resident set (VmHWM), MiB. */
  readonly peakRssMiB: number;
  readonly cpuSeconds: number;
}

/** Peak memory and CPU time so far; read before stopping the process. */
export function usageOf(server: ServeProcess): ServeUsage {
  return { peakRssMiB: mib(statusKiB(server.pid, 'VmHWM')), cpuSeconds: cpuSeconds(server.pid) };
}

/** Stops a serve process by its pid (SIGTERM, SIGKILL after `graceMs`). */
export async function stopServe(server: ServeProcess, graceMs = 15_000): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.child.once('exit', () => resolve()));
  process.kill(server.pid, 'SIGTERM');
  const timer = setTimeout(() => {
    if (server.child.exitCode === null) process.kill(server.pid, 'SIGKILL');
  }, graceMs);
  await exited;
  clearTimeout(timer);
}

/** Runs `fn` against `count` serve processes, then reads their peak memory and CPU and stops them. */
export async function withServers<T>(
  count: number,
  options: ServeOptions,
  fn: (servers: readonly ServeProcess[]) => Promise<T>,
): Promise<{ readonly result: T; readonly usage: readonly ServeUsage[] }> {
  const servers: ServeProcess[] = [];
  try {
    const started = await Promise.allSettled(Array.from({ length: count }, () => startServe(options)));
    for (const r of started) if (r.status === 'fulfilled') servers.push(r.value);
    const failed = started.find((r) => r.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    const result = await fn(servers);
    return { result, usage: servers.map(usageOf) };
  } finally {
    await Promise.all(servers.map((s) => stopServe(s)));
  }
}

/** Kills every serve process this harness started and has not stopped yet (an interrupted run). */
export function killLiveServes(): void {
  for (const child of live) if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
}
