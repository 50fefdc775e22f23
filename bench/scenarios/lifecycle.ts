import { cpus } from 'node:os';
import { createClient } from '@tessera/client';
import type { ClientKind } from '../harness/annotator-clients';
import { type CallPattern, runAnnotators } from '../harness/annotator-load';
import type { CpuBar } from '../harness/cpu-chart';
import { type DatabaseKind, type DatabaseTarget, openTarget } from '../harness/database-target';
import { describeLatency } from '../harness/latency';
import { type Drain, measureDrain, medianDrain } from '../harness/lifecycle-drain';
import { committedTransactions, verifyLifecycle } from '../harness/lifecycle-verify';
import {
  type BenchContext,
  type Figures,
  fig,
  fmt,
  type Measurement,
  ratio,
  type Scenario,
} from '../harness/scenario';
import { withServers } from '../harness/server-process';
import { imageTask, seedTenant } from '../harness/tenant-seed';

const annotators = (ctx: BenchContext) => (ctx.options.smoke ? 8 : 50);

interface Variant {
  readonly db: DatabaseKind;
  readonly processes: number;
  /** The SDK (the issue's client) or plain node:http (a lighter load generator: the server's capacity). */
  readonly client: ClientKind;
  /** One call per task (submit with `lease_next`) or two (lease, then submit). */
  readonly calls: CallPattern;
}

const CLIENT_LABEL: Record<ClientKind, string> = {
  sdk: 'SDK with its node:http transport',
  'sdk-fetch': "SDK on Node's built-in fetch",
  http: 'bare node:http, same requests',
};
const CLIENT_SHORT: Record<ClientKind, string> = {
  sdk: 'SDK',
  'sdk-fetch': 'SDK on fetch',
  http: 'bare HTTP',
};

/** Seconds each measured drain should take: N is sized from a warm-up drain on the same servers. */
const TARGET_SECONDS = 10;

function warmupTasks(ctx: BenchContext, v: Variant, consensus: number): number {
  if (ctx.options.smoke) return 0;
  return (consensus === 1 ? 2_000 : 700) * v.processes;
}

/** Tasks to drain: about TARGET_SECONDS at the warm-up's rate (consensus 3: each task is three cycles). */
function measuredTasks(ctx: BenchContext, warmupRate: number): number {
  if (ctx.options.smoke) return 200;
  return Math.min(150_000, Math.max(2_000, Math.round((warmupRate * TARGET_SECONDS) / 1000) * 1000));
}

export const lifecycleKey = (v: Variant, consensus: number, what: string): string =>
  `lifecycle.${v.db}.${v.processes}p.k${consensus}.${v.client}.${v.calls}.${what}`;

/** The Tessera PostgreSQL figure the peers are compared with: three serve processes, consensus 1. */
export const TESSERA_PG_KEY = lifecycleKey(
  { db: 'postgres', processes: 3, client: 'sdk', calls: 'combined' },
  1,
  'tasksPerSecond',
);

function peersText(f: Figures, key: string): string {
  return [
    `pg-boss batched ${fig(f, 'pgboss.batched.jobsPerSecond')} jobs/s (${ratio(f, key, 'pgboss.batched.jobsPerSecond')})`,
    `pg-boss one at a time @100k ${fig(f, 'pgboss.single.100000.jobsPerSecond')} jobs/s (${ratio(f, key, 'pgboss.single.100000.jobsPerSecond')})`,
    `graphile-worker default ${fig(f, 'graphile.default.jobsPerSecond')} jobs/s (${ratio(f, key, 'graphile.default.jobsPerSecond')})`,
    `graphile-worker batched ${fig(f, 'graphile.batched.jobsPerSecond')} jobs/s (${ratio(f, key, 'graphile.batched.jobsPerSecond')})`,
  ].join('; ');
}

interface Run {
  readonly drains: readonly Drain[];
  readonly warmup: number;
  readonly peakRssMiB: readonly number[];
  /** The database counts, checked after the last drain. */
  readonly verified: string;
}

/** Seeds a tenant, starts the serve processes, warms up, then measures `ctx.options.drains` drains. */
async function drainRepeatedly(
  ctx: BenchContext,
  v: Variant,
  consensus: number,
  target: DatabaseTarget,
): Promise<Run> {
  const t0 = performance.now();
  const since = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
  const tenant = await seedTenant({
    dataDir: target.dataDir,
    databaseUrl: target.databaseUrl,
    projects: [{ name: 'cars', consensus }],
    annotators: annotators(ctx),
  });
  const { cpuProfDir, sqlStatsDir, drains: count } = ctx.options;
  const options = { dataDir: target.dataDir, databaseUrl: target.databaseUrl, cpuProfDir, sqlStatsDir };
  const warmup = warmupTasks(ctx, v, consensus);
  console.log(`    seeded (${since()})`);
  const { result: drains, usage } = await withServers(v.processes, options, async (servers) => {
    console.log(`    ${servers.length} serve process(es) up (${since()})`);
    const admin = createClient({ baseUrl: servers[0]?.url as string, apiKey: tenant.adminKey, retries: 0 });
    const bulkCreate = async (from: number, n: number) => {
      const lines = (function* () {
        for (let i = from; i < from + n; i++) yield imageTask(String(i));
      })();
      const summary = await admin.bulkCreateTasks('cars', lines, { chunkLines: 5000, keepResults: false });
      if (summary.created !== n) throw new Error(`bulk create: ${summary.created} of ${n} created`);
    };
    const plan = {
      urls: servers.map((s) => s.url),
      keys: tenant.annotatorKeys,
      projectsOf: () => ['cars'],
      client: v.client,
      calls: v.calls,
    };
    let warmupRate = 0;
    if (warmup > 0) {
      await bulkCreate(0, warmup);
      warmupRate = warmup / (await runAnnotators(plan)).seconds;
    }
    const tasks = measuredTasks(ctx, warmupRate);
    console.log(
      `    warm-up ${fmt(warmupRate)} tasks/s; measuring ${count} × ${fmt(tasks)} tasks (${since()})`,
    );
    const setup = { servers, location: target.location, plan, consensus, bulkCreate, sqlStatsDir };
    const out: Drain[] = [];
    for (let d = 0; d < count; d++) {
      const name = `lifecycle-${v.db}-${v.processes}p-k${consensus}-${v.client}-${v.calls}${count > 1 ? `-d${d + 1}` : ''}`;
      out.push(await measureDrain(setup, warmup + d * tasks, tasks, name));
      console.log(`    drain ${d + 1}: ${fmt(out[d]?.tasksPerSecond ?? 0)} tasks/s (${since()})`);
    }
    return out;
  });
  const total = warmup + drains.reduce((a, d) => a + d.tasks, 0);
  const verified = await verifyLifecycle(target.location, total, consensus);
  const commits = await committedTransactions(target.location);
  const perTask =
    commits === null
      ? ''
      : `; ${(commits / total).toFixed(1)} PostgreSQL transactions per task over the whole run, reads included (pg_stat_database)`;
  return { drains, warmup, peakRssMiB: usage.map((u) => u.peakRssMiB), verified: `${verified}${perTask}` };
}

/** The median drain's figures, keyed for the peers and the chart. */
function setFigures(ctx: BenchContext, v: Variant, consensus: number, m: Drain): void {
  const key = (what: string) => lifecycleKey(v, consensus, what);
  const perTaskMs = (seconds: number) => (seconds / m.tasks) * 1000;
  ctx.figures.set(key('tasksPerSecond'), m.tasksPerSecond);
  ctx.figures.set(key('leaseP50'), m.load.lease.p50);
  ctx.figures.set(key('leaseP99'), m.load.lease.p99);
  ctx.figures.set(key('serveMsPerTask'), perTaskMs(m.serverCpu));
  ctx.figures.set(key('clientMsPerTask'), perTaskMs(m.load.clientCpuSeconds));
  ctx.figures.set(key('postgresMsPerTask'), perTaskMs(m.postgresCpu ?? 0));
  ctx.figures.set(key('machineMsPerTask'), perTaskMs(m.machineCpu));
}

function describeDrain(v: Variant, m: Drain, run: Run): string {
  const { load, tasks } = m;
  const perTask = (seconds: number) => ((seconds / tasks) * 1000).toFixed(2);
  const cores = cpus().length;
  const rates = run.drains.map((d) => fmt(d.tasksPerSecond)).join(' / ');
  return (
    `${fmt(m.tasksPerSecond)} tasks/s (${fmt(m.tasksPerSecond * 3600)}/h; ${fmt(load.submitted / load.seconds)} submits/s)` +
    (run.drains.length > 1
      ? `, median of ${run.drains.length} drains (${rates}; the rest from the median drain); `
      : '; ') +
    (v.calls === 'combined'
      ? `submit + lease next ${describeLatency(load.submit)} (first lease ${describeLatency(load.lease)}); `
      : `lease ${describeLatency(load.lease)}; submit ${describeLatency(load.submit)}; `) +
    `peak RSS per serve process ${run.peakRssMiB.join(' / ')} MiB; ` +
    `CPU during the ${load.seconds.toFixed(1)} s drain: serve ${m.serverCpu.toFixed(1)} s ` +
    `(${perTask(m.serverCpu)} ms per task), load generator ${load.clientCpuSeconds.toFixed(1)} s ` +
    `(${perTask(load.clientCpuSeconds)} ms per task), ` +
    (m.postgresCpu === null
      ? ''
      : `PostgreSQL processes ${m.postgresCpu.toFixed(1)} s (${perTask(m.postgresCpu)} ms per task: ` +
        `PostgreSQL alone would cap this at ${fmt((cores * tasks) / m.postgresCpu)} tasks/s on ${cores} cores), `) +
    `whole machine ${m.machineCpu.toFixed(1)} s (${perTask(m.machineCpu)} ms per task, ${cores} cores); ` +
    `serve wrote ${fmt(m.written.bytes / tasks / 1024)} KiB in ${(m.written.calls / tasks).toFixed(1)} write syscalls per task (database files and sockets); ` +
    run.verified
  );
}

async function runOnce(ctx: BenchContext, v: Variant, consensus: number): Promise<Measurement> {
  const target = await openTarget(ctx, v.db, `lifecycle_${v.db}_${v.processes}p_k${consensus}`);
  try {
    const run = await drainRepeatedly(ctx, v, consensus, target);
    const m = medianDrain(run.drains);
    setFigures(ctx, v, consensus, m);
    const figure = describeDrain(v, m, run);
    console.log(`  ${v.db} ${v.processes}p k=${consensus} ${v.client} ${v.calls}: ${figure}`);
    const flow =
      v.calls === 'combined'
        ? 'submit with lease_next → complete, one call per task'
        : 'lease → submit → complete';
    return {
      scenario: `labeling lifecycle over HTTP (${flow}), consensus ${consensus}`,
      database: `${target.label}; ${v.processes} serve process${v.processes > 1 ? 'es' : ''}`,
      parameters:
        `${run.drains.length} × ${fmt(m.tasks)} tasks (bulk-created at ${fmt(m.tasks / m.createSeconds)}/s before each drain; sized from a ${fmt(run.warmup)}-task warm-up), ` +
        `${annotators(ctx)} annotators (${CLIENT_LABEL[v.client]}, keep-alive), lease count 1, car box validated` +
        (v.db === 'postgres' ? '; ANALYZE before each measured drain' : ''),
      figure,
      peers: (f) => peersText(f, lifecycleKey(v, consensus, 'tasksPerSecond')),
    };
  } finally {
    await target.dispose();
  }
}

function scenario(v: Variant, consensus: readonly number[]): Scenario {
  return {
    name:
      `lifecycle-${v.db}-${v.processes}p` +
      `${v.client === 'sdk' ? '' : `-${v.client}-client`}${v.calls === 'combined' ? '' : '-two-calls'}`,
    inSmoke: v.client === 'sdk',
    async run(ctx) {
      // The smoke run (CI) exercises consensus 3 once, on SQLite, to stay under a minute.
      const ks = ctx.options.smoke && v.db === 'postgres' ? [1] : consensus;
      const out: Measurement[] = [];
      for (const k of ks) out.push(await runOnce(ctx, v, k));
      return out;
    },
  };
}

const VARIANTS: readonly (readonly [Variant, readonly number[]])[] = [
  [{ db: 'sqlite', processes: 1, client: 'sdk', calls: 'combined' }, [1, 3]],
  [{ db: 'sqlite', processes: 1, client: 'sdk', calls: 'separate' }, [1]],
  [{ db: 'postgres', processes: 1, client: 'sdk', calls: 'combined' }, [1, 3]],
  [{ db: 'postgres', processes: 3, client: 'sdk', calls: 'combined' }, [1, 3]],
  [{ db: 'postgres', processes: 3, client: 'sdk', calls: 'separate' }, [1]],
  [{ db: 'sqlite', processes: 1, client: 'http', calls: 'combined' }, [1]],
  [{ db: 'sqlite', processes: 1, client: 'sdk-fetch', calls: 'combined' }, [1]],
  [{ db: 'postgres', processes: 3, client: 'http', calls: 'combined' }, [1]],
];

export const lifecycleScenarios: readonly Scenario[] = VARIANTS.map(([v, ks]) => scenario(v, ks));

/** The issue's floor and target in tasks per second (PostgreSQL: asked of three serve processes). */
export const GOALS: Record<DatabaseKind, { floor: number; target: number }> = {
  sqlite: { floor: 5_000, target: 10_000 },
  postgres: { floor: 3_000, target: 8_000 },
};

/** One bar per consensus-1 run of this bench run, for `cpu-chart.ts`. */
export function lifecycleCpuBars(f: Figures): CpuBar[] {
  return VARIANTS.flatMap(([v]) => {
    const at = (what: string) => f.get(lifecycleKey(v, 1, what));
    const rate = at('tasksPerSecond');
    if (rate === undefined) return [];
    return [
      {
        label: `${v.db === 'sqlite' ? 'SQLite' : 'PostgreSQL'} ${v.processes}p, ${CLIENT_SHORT[v.client]}${v.calls === 'combined' ? '' : ', 2 calls'}`,
        tasksPerSecond: rate,
        serveMs: at('serveMsPerTask') ?? 0,
        postgresMs: at('postgresMsPerTask') ?? 0,
        clientMs: at('clientMsPerTask') ?? 0,
        machineMs: at('machineMsPerTask') ?? 0,
        ...GOALS[v.db],
      },
    ];
  });
}
