import { runAnnotators } from '../harness/annotator-load';
import { createBacklogSeeder } from '../harness/backlog-seed';
import { type DatabaseKind, openTarget } from '../harness/database-target';
import { describeLatency, ms } from '../harness/latency';
import { openLocation } from '../harness/lifecycle-verify';
import { type BenchContext, fig, fmt, type Measurement, type Scenario } from '../harness/scenario';
import { withServers } from '../harness/server-process';
import { seedTenant } from '../harness/tenant-seed';

const PROJECTS = 100;
const annotators = (ctx: BenchContext) => (ctx.options.smoke ? 8 : 50);
const warmup = (ctx: BenchContext) => (ctx.options.smoke ? 2 : 10);

const backlogs = (ctx: BenchContext) => (ctx.options.smoke ? [10_000] : [10_000, 1_000_000, 5_000_000]);
const leasesPerAnnotator = (ctx: BenchContext) => (ctx.options.smoke ? 5 : 100);
/**
 * Leases by one annotator alone, across all projects in turn: the latency of the lease itself, without
 * queueing behind 49 others. With 10k queued a project holds 100 tasks: 5 + 5 warm-up + 50 measured per
 * project leave it far from empty.
 */
const soloLeases = (ctx: BenchContext) => (ctx.options.smoke ? 10 : 500);

export const backlogKey = (db: DatabaseKind, backlog: number, what: string): string =>
  `backlog.${db}.${backlog}.${what}`;

/**
 * Lease latency with 10k, 1M and 5M queued tasks across 100 projects, one serve process, 50 annotators each
 * leasing in turn from their two projects (lease → submit). The lease walks the index `tasks_lease`, so its
 * latency must not grow with the backlog.
 */
async function runBacklog(ctx: BenchContext, db: DatabaseKind): Promise<Measurement[]> {
  const target = await openTarget(ctx, db, `backlog_${db}`);
  const out: Measurement[] = [];
  try {
    const tenant = await seedTenant({
      dataDir: target.dataDir,
      databaseUrl: target.databaseUrl,
      projects: Array.from({ length: PROJECTS }, (_, j) => ({ name: `p${j}`, consensus: 1 })),
      // One more annotator, member of every project, leases alone first (a few tasks per project).
      annotators: annotators(ctx) + 1,
      membership: (i) =>
        i === annotators(ctx)
          ? Array.from({ length: PROJECTS }, (_, j) => j)
          : [i % PROJECTS, (i + PROJECTS / 2) % PROJECTS],
      templateTask: true,
    });
    const client = openLocation(target.location);
    const seeder = createBacklogSeeder(client);
    try {
      for (const backlog of backlogs(ctx)) {
        const seeded = performance.now();
        const rowsPerSecond = await seeder.growTo(backlog);
        const seedSeconds = (performance.now() - seeded) / 1000;
        const options = {
          dataDir: target.dataDir,
          databaseUrl: target.databaseUrl,
          cpuProfDir: ctx.options.cpuProfDir,
          sqlStatsDir: ctx.options.sqlStatsDir,
        };
        const { result } = await withServers(1, options, async (servers) => {
          const n = annotators(ctx);
          const plan = {
            urls: servers.map((s) => s.url),
            keys: tenant.annotatorKeys.slice(0, n),
            projectsOf: (i: number) => tenant.memberOf[i] ?? [],
          };
          await runAnnotators({ ...plan, leasesPerAnnotator: warmup(ctx) });
          const solo = await runAnnotators({
            urls: plan.urls,
            keys: tenant.annotatorKeys.slice(n),
            projectsOf: () => tenant.memberOf[n] ?? [],
            leasesPerAnnotator: soloLeases(ctx),
          });
          const all = await runAnnotators({ ...plan, leasesPerAnnotator: leasesPerAnnotator(ctx) });
          return { solo, all };
        });
        const { solo, all } = result;
        ctx.figures.set(backlogKey(db, backlog, 'leaseP50'), all.lease.p50);
        ctx.figures.set(backlogKey(db, backlog, 'leaseP99'), all.lease.p99);
        ctx.figures.set(backlogKey(db, backlog, 'soloP50'), solo.lease.p50);
        ctx.figures.set(backlogKey(db, backlog, 'soloP99'), solo.lease.p99);
        const figure =
          `1 connection: lease ${describeLatency(solo.lease)}; ` +
          `${annotators(ctx)} connections: lease ${describeLatency(all.lease)} (max ${ms(all.lease.max)} ms), ` +
          `submit ${describeLatency(all.submit)}, ${fmt(all.submitted / all.seconds)} tasks/s`;
        console.log(`  ${db}, ${fmt(backlog)} queued: ${figure} (seeded in ${seedSeconds.toFixed(0)} s)`);
        const first = backlogs(ctx)[0] as number;
        out.push({
          scenario: 'lease latency vs backlog (over HTTP, lease → submit)',
          database: `${target.label}; 1 serve process`,
          parameters:
            `${fmt(backlog)} queued tasks across ${PROJECTS} projects (seeded by INSERT … SELECT at ${fmt(rowsPerSecond)} rows/s); ` +
            `1 annotator × ${soloLeases(ctx)} leases, then ${annotators(ctx)} annotators × ${leasesPerAnnotator(ctx)} (lease → submit, after ${warmup(ctx)} warm-up each)`,
          figure,
          peers: (f) =>
            `same run at ${fmt(first)} queued: 1 connection p50 ${fig(f, backlogKey(db, first, 'soloP50'), 1)} / p99 ${fig(f, backlogKey(db, first, 'soloP99'), 1)} ms, ` +
            `${annotators(ctx)} connections p50 ${fig(f, backlogKey(db, first, 'leaseP50'), 1)} / p99 ${fig(f, backlogKey(db, first, 'leaseP99'), 1)} ms; ` +
            `pg-boss fetch at 100k queued: ${fig(f, 'pgboss.single.100000.fetchMs', 1)} ms (p50); target p99 ≤ 10 ms at 50 connections at every size`,
        });
      }
    } finally {
      await client.close();
    }
    return out;
  } finally {
    await target.dispose();
  }
}

export const backlogScenarios: readonly Scenario[] = [
  { name: 'backlog-sqlite', run: (ctx) => runBacklog(ctx, 'sqlite') },
  { name: 'backlog-postgres', run: (ctx) => runBacklog(ctx, 'postgres') },
];
