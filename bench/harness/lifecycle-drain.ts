import { type LoadPlan, type LoadResult, runAnnotators } from './annotator-load';
import type { DatabaseLocation } from './lifecycle-verify';
import { measureStatements } from './pg-statement-stats';
import { withPgClient } from './postgres-server';
import { cpuSeconds, cpuSecondsOf, machineBusySeconds, writes } from './proc-status';
import type { ServeProcess } from './server-process';

/** One measured drain of a freshly created backlog, and what each process spent on it. */
export interface Drain {
  readonly tasks: number;
  readonly tasksPerSecond: number;
  readonly load: LoadResult;
  /** Seconds the bulk creation of this drain's tasks took (before the drain, not in its figures). */
  readonly createSeconds: number;
  readonly serverCpu: number;
  readonly machineCpu: number;
  /** CPU seconds of every PostgreSQL process, or null on SQLite. */
  readonly postgresCpu: number | null;
  /** Bytes and write syscalls of the serve processes (database files and sockets). */
  readonly written: { readonly bytes: number; readonly calls: number };
}

export interface DrainSetup {
  readonly servers: readonly ServeProcess[];
  readonly location: DatabaseLocation;
  readonly plan: LoadPlan;
  readonly consensus: number;
  /** Bulk-creates `n` tasks numbered from `from` over HTTP. */
  readonly bulkCreate: (from: number, n: number) => Promise<void>;
  readonly sqlStatsDir: string | null;
}

/**
 * PostgreSQL: ANALYZE before a measured drain, as pgbench vacuums before its runs. The scenario's tables are
 * seconds old: the serve processes' prepared statements were planned while `assignments` and `annotations`
 * were nearly empty, and nothing replans them before autovacuum's first pass (a minute after start). With
 * those plans, the current-round read of a submit took 766 µs (a Seq Scan of `assignments`) instead of tens.
 * ANALYZE invalidates them, so the drain measures a queue whose statistics describe its tables.
 */
async function analyzePostgres(at: DatabaseLocation): Promise<void> {
  if (at.kind === 'postgres') await withPgClient(at.url, (c) => c.query('ANALYZE'));
}

const writesOf = (servers: readonly ServeProcess[]) =>
  servers
    .map((s) => writes(s.pid))
    .reduce((a, w) => ({ bytes: a.bytes + w.bytes, calls: a.calls + w.calls }));

/**
 * Creates `tasks` tasks (numbered from `from`), then lets the annotators drain them, measuring only the drain.
 * Fails unless every task was submitted `consensus` times. `statsName` names the PostgreSQL statement stats.
 */
export async function measureDrain(
  setup: DrainSetup,
  from: number,
  tasks: number,
  statsName: string,
): Promise<Drain> {
  const { servers } = setup;
  const created = performance.now();
  await setup.bulkCreate(from, tasks);
  const createSeconds = (performance.now() - created) / 1000;
  await analyzePostgres(setup.location);
  const cpuBefore = servers.reduce((a, s) => a + cpuSeconds(s.pid), 0);
  const machineBefore = machineBusySeconds();
  const postgresBefore = setup.location.kind === 'postgres' ? cpuSecondsOf('postgres') : 0;
  const writtenBefore = writesOf(servers);
  const statements = await measureStatements(setup.location, setup.sqlStatsDir);
  const load = await runAnnotators(setup.plan);
  const serverCpu = servers.reduce((a, s) => a + cpuSeconds(s.pid), 0) - cpuBefore;
  const machineCpu = machineBusySeconds() - machineBefore;
  const postgresCpu = setup.location.kind === 'postgres' ? cpuSecondsOf('postgres') - postgresBefore : null;
  const writtenAfter = writesOf(servers);
  if (load.submitted !== tasks * setup.consensus) {
    throw new Error(`annotators submitted ${load.submitted}, expected ${tasks * setup.consensus}`);
  }
  await statements(statsName, tasks);
  return {
    tasks,
    tasksPerSecond: tasks / load.seconds,
    load,
    createSeconds,
    serverCpu,
    machineCpu,
    postgresCpu,
    written: {
      bytes: writtenAfter.bytes - writtenBefore.bytes,
      calls: writtenAfter.calls - writtenBefore.calls,
    },
  };
}

/** The drain with the median rate (of an even count, the slower middle one): its figures stay one drain's. */
export function medianDrain(drains: readonly Drain[]): Drain {
  const sorted = [...drains].sort((a, b) => a.tasksPerSecond - b.tasksPerSecond);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  if (median === undefined) throw new Error('medianDrain: no drains');
  return median;
}
