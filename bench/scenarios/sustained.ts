import { createClient } from '@tessera/client';
import { runAnnotators } from '../harness/annotator-load';
import { type DatabaseKind, type DatabaseTarget, openTarget } from '../harness/database-target';
import { verifyLifecycle } from '../harness/lifecycle-verify';
import { withPgClient } from '../harness/postgres-server';
import { cpuSecondsOf } from '../harness/proc-status';
import { type BenchContext, fig, fmt, type Measurement, type Scenario } from '../harness/scenario';
import { type ServeProcess, withServers } from '../harness/server-process';
import { imageTask, seedTenant, type Tenant } from '../harness/tenant-seed';

const WINDOWS = 6;
const annotators = (ctx: BenchContext) => (ctx.options.smoke ? 8 : 50);
/** Tasks per window: every annotator labels the same number. */
const perWindow = (ctx: BenchContext) => (ctx.options.smoke ? 200 : 10_000);
/** The untimed warm-up (a fifth of a window) and every task the scenario creates. */
const sizes = (n: number) => ({ warmup: n / 5, total: n / 5 + WINDOWS * n });

interface Window {
  readonly tasksPerSecond: number;
  /** CPU of every PostgreSQL process per task, or null on SQLite. */
  readonly postgresMsPerTask: number | null;
}

/** Creates every task, then times the warm-up (untimed) and each window of `n` tasks. */
async function labelInWindows(
  ctx: BenchContext,
  target: DatabaseTarget,
  server: ServeProcess,
  tenant: Tenant,
  n: number,
): Promise<Window[]> {
  const { warmup, total } = sizes(n);
  const admin = createClient({ baseUrl: server.url, apiKey: tenant.adminKey, retries: 0 });
  const lines = (function* () {
    for (let i = 0; i < total; i++) yield imageTask(String(i));
  })();
  const summary = await admin.bulkCreateTasks('cars', lines, { chunkLines: 5000, keepResults: false });
  if (summary.created !== total) throw new Error(`bulk create: ${summary.created} of ${total} created`);
  const at = target.location;
  if (at.kind === 'postgres') await withPgClient(at.url, (c) => c.query('ANALYZE'));
  const plan = (tasks: number) => ({
    urls: [server.url],
    keys: tenant.annotatorKeys,
    projectsOf: () => ['cars'],
    calls: 'combined' as const,
    leasesPerAnnotator: tasks / annotators(ctx),
  });
  await runAnnotators(plan(warmup));
  const out: Window[] = [];
  for (let w = 0; w < WINDOWS; w++) {
    const pgBefore = at.kind === 'postgres' ? cpuSecondsOf('postgres') : 0;
    const load = await runAnnotators(plan(n));
    if (load.submitted !== n) throw new Error(`window ${w + 1}: ${load.submitted} of ${n} submitted`);
    const pgMs = at.kind === 'postgres' ? ((cpuSecondsOf('postgres') - pgBefore) / n) * 1000 : null;
    out.push({ tasksPerSecond: n / load.seconds, postgresMsPerTask: pgMs });
    console.log(`    window ${w + 1}: ${fmt(n / load.seconds)} tasks/s`);
  }
  return out;
}

/**
 * One long drain, timed in windows: every task is created first, then 50 annotators (SDK, one call per task)
 * label a warm-up of N / 5 (untimed) and WINDOWS × N more, N per window, the queue never refilled. A queue
 * whose cost per task grows with the tasks already labelled (dead index entries on PostgreSQL, bench/README.md)
 * shows it as a falling rate.
 */
async function runSustained(ctx: BenchContext, db: DatabaseKind): Promise<Measurement> {
  const n = perWindow(ctx);
  const { warmup, total } = sizes(n);
  const target = await openTarget(ctx, db, `sustained_${db}`);
  try {
    const tenant = await seedTenant({
      dataDir: target.dataDir,
      databaseUrl: target.databaseUrl,
      projects: [{ name: 'cars', consensus: 1 }],
      annotators: annotators(ctx),
    });
    const { cpuProfDir, sqlStatsDir } = ctx.options;
    const options = { dataDir: target.dataDir, databaseUrl: target.databaseUrl, cpuProfDir, sqlStatsDir };
    const { result: windows } = await withServers(1, options, async ([server]) => {
      if (server === undefined) throw new Error('no server');
      return labelInWindows(ctx, target, server, tenant, n);
    });
    const verified = await verifyLifecycle(target.location, total, 1);
    const rates = windows.map((w) => w.tasksPerSecond);
    const held = Math.min(...rates) / Math.max(...rates);
    ctx.figures.set(`sustained.${db}.slowestOverFastest`, held);
    const pg = (w: Window) => (w.postgresMsPerTask === null ? '' : `${w.postgresMsPerTask.toFixed(2)}`);
    const figure =
      `${windows.map((w) => fmt(w.tasksPerSecond)).join(' / ')} tasks/s in windows of ${fmt(n)} ` +
      `(slowest ÷ fastest ${held.toFixed(2)})` +
      (db === 'postgres' ? `; PostgreSQL CPU per task ${windows.map(pg).join(' / ')} ms` : '') +
      `; ${verified}`;
    console.log(`  ${db}: ${figure}`);
    return {
      scenario: 'sustained labelling: one long drain, timed in windows (submit with lease_next, consensus 1)',
      database: `${target.label}; 1 serve process`,
      parameters:
        `${fmt(total)} tasks created first, then a warm-up of ${fmt(warmup)} and ${WINDOWS} windows of ${fmt(n)} (${annotators(ctx)} annotators, SDK, ` +
        `${fmt(n / annotators(ctx))} tasks each per window), the queue never refilled`,
      figure,
      peers: (f) => {
        const other = db === 'postgres' ? 'sqlite' : 'postgres';
        return `slowest ÷ fastest window on ${other === 'sqlite' ? 'SQLite' : 'PostgreSQL'} in this run: ${fig(f, `sustained.${other}.slowestOverFastest`, 2)}`;
      },
    };
  } finally {
    await target.dispose();
  }
}

export const sustainedScenarios: readonly Scenario[] = [
  { name: 'sustained-postgres', run: async (ctx) => [await runSustained(ctx, 'postgres')] },
  { name: 'sustained-sqlite', run: async (ctx) => [await runSustained(ctx, 'sqlite')] },
];
