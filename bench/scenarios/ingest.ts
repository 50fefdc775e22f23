import { type DatabaseKind, openTarget } from '../harness/database-target';
import { openLocation } from '../harness/lifecycle-verify';
import { ndjsonLine, uploadNdjson } from '../harness/ndjson-upload';
import { measureStatements } from '../harness/pg-statement-stats';
import { mib, sampleRss } from '../harness/proc-status';
import { type BenchContext, fig, fmt, type Measurement, type Scenario } from '../harness/scenario';
import { withServers } from '../harness/server-process';
import { seedTenant } from '../harness/tenant-seed';

const tasksFor = (ctx: BenchContext) => (ctx.options.smoke ? 5_000 : 1_000_000);

async function countTasks(target: Parameters<typeof openLocation>[0]): Promise<number> {
  const client = openLocation(target);
  try {
    const [row] = await client.all<{ n: unknown }>('SELECT COUNT(*) AS n FROM tasks');
    return Number(row?.n);
  } finally {
    await client.close();
  }
}

/**
 * `POST /v1/tasks/bulk` with N NDJSON tasks in one streamed request to one serve process; the process's RSS is
 * sampled every 25 ms from /proc and its high-water mark (VmHWM) read at the end: memory must stay flat.
 */
async function runIngest(ctx: BenchContext, db: DatabaseKind): Promise<Measurement> {
  const tasks = tasksFor(ctx);
  const target = await openTarget(ctx, db, `ingest_${db}`);
  try {
    const tenant = await seedTenant({
      dataDir: target.dataDir,
      databaseUrl: target.databaseUrl,
      projects: [{ name: 'cars', consensus: 1 }],
      annotators: 0,
    });
    const options = {
      dataDir: target.dataDir,
      databaseUrl: target.databaseUrl,
      cpuProfDir: ctx.options.cpuProfDir,
      sqlStatsDir: ctx.options.sqlStatsDir,
    };
    const { result, usage } = await withServers(1, options, async ([server]) => {
      if (server === undefined) throw new Error('no server');
      const statements = await measureStatements(target.location, ctx.options.sqlStatsDir);
      const rss = sampleRss(server.pid);
      const start = performance.now();
      const body = await uploadNdjson(server.url, tenant.adminKey, 'cars', tasks);
      const seconds = (performance.now() - start) / 1000;
      const memory = rss.stop();
      if (body.created !== tasks) throw new Error(`bulk ingest: created ${body.created} of ${tasks}`);
      await statements(`ingest-${db}`, tasks);
      return { seconds, memory };
    });
    const stored = await countTasks(target.location);
    if (stored !== tasks) throw new Error(`bulk ingest: ${stored} tasks in the database, expected ${tasks}`);
    const perSecond = tasks / result.seconds;
    ctx.figures.set(`ingest.${db}.tasksPerSecond`, perSecond);
    const peak = usage[0]?.peakRssMiB ?? 0;
    const { memory } = result;
    const quarters = [0.25, 0.5, 0.75, 1].map((q) => mib(memory.at(q)));
    // Flat: the second half of the upload peaks no higher than the first (a buffered body grows to the end;
    // a streamed one only saws up and down with the garbage collector).
    const secondOverFirst = memory.peakBetween(0.5, 1) - memory.peakBetween(0, 0.5);
    ctx.figures.set(`ingest.${db}.rssSecondHalfOverFirstMiB`, mib(secondOverFirst));
    ctx.figures.set(`ingest.${db}.peakRssMiB`, peak);
    const figure =
      `${fmt(perSecond)} tasks/s (${result.seconds.toFixed(1)} s); server RSS ${mib(memory.startKiB)} MiB before → ` +
      `${quarters.join(' / ')} MiB at a quarter, half, three quarters and the end of the upload ` +
      `(second half's peak ${mib(secondOverFirst)} MiB above the first half's) → ` +
      `peak ${peak} MiB (VmHWM; sampled ${mib(memory.peakKiB)}); verified ${fmt(stored)} rows`;
    console.log(`  ${db}: ${figure}`);
    return {
      scenario: 'bulk NDJSON ingest over HTTP (POST /v1/tasks/bulk, one streamed request)',
      database: `${target.label}; 1 serve process`,
      parameters: `${fmt(tasks)} image tasks with unique_id (≈ ${fmt((tasks * ndjsonLine(tasks).length) / 2 ** 20)} MiB of NDJSON), generated while streaming`,
      figure,
      peers: (f) =>
        db === 'sqlite'
          ? `target ≥ 200,000 tasks/s, memory flat; performance.md prototype 234k tasks/s; PostgreSQL same run ${fig(f, 'ingest.postgres.tasksPerSecond')} tasks/s`
          : `SQLite same run ${fig(f, 'ingest.sqlite.tasksPerSecond')} tasks/s; graphile-worker addJobs same run: see its rows`,
    };
  } finally {
    await target.dispose();
  }
}

export const ingestScenarios: readonly Scenario[] = [
  { name: 'ingest-sqlite', run: async (ctx) => [await runIngest(ctx, 'sqlite')] },
  { name: 'ingest-postgres', run: async (ctx) => [await runIngest(ctx, 'postgres')] },
];
