import PgBoss from 'pg-boss';
import { LatencyRecorder, type LatencySummary, ms } from '../harness/latency';
import { type BenchContext, fig, fmt, type Measurement, ratio, type Scenario } from '../harness/scenario';
import { TESSERA_PG_KEY } from './lifecycle';

interface Sizes {
  /** Backlogs that one-at-a-time fetching is measured at (each for at most `seconds`). */
  readonly backlogs: readonly number[];
  readonly seconds: number;
  /** Jobs drained by fetching batches of 100. */
  readonly batched: number;
}

const sizes = (ctx: BenchContext): Sizes =>
  ctx.options.smoke
    ? { backlogs: [1_000], seconds: 2, batched: 2_000 }
    : { backlogs: [10_000, 100_000], seconds: 15, batched: 50_000 };

async function insertJobs(boss: PgBoss, name: string, count: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < count; i += 1000) {
    await boss.insert(
      Array.from({ length: Math.min(1000, count - i) }, (_, j) => ({ name, data: { i: i + j } })),
    );
  }
  return count / ((performance.now() - start) / 1000);
}

/** Fetch one job, complete it, repeat, for at most `seconds`: pg-boss's fetch sorts the backlog each time. */
async function oneAtATime(
  boss: PgBoss,
  name: string,
  seconds: number,
): Promise<{ rate: number; done: number; fetch: LatencySummary }> {
  const fetch = new LatencyRecorder();
  const start = performance.now();
  let done = 0;
  while (performance.now() - start < seconds * 1000) {
    const [job] = await fetch.time(() => boss.fetch(name));
    if (job === undefined) break;
    await boss.complete(name, job.id);
    done += 1;
  }
  return { rate: done / ((performance.now() - start) / 1000), done, fetch: fetch.summary() };
}

/** Fetch 100, complete the 100 in one call, until the queue is empty. */
async function batched(boss: PgBoss, name: string, expected: number): Promise<number> {
  const start = performance.now();
  let done = 0;
  for (;;) {
    const jobs = await boss.fetch(name, { batchSize: 100 });
    if (jobs.length === 0) break;
    await boss.complete(
      name,
      jobs.map((j) => j.id),
    );
    done += jobs.length;
  }
  const seconds = (performance.now() - start) / 1000;
  if (done !== expected) throw new Error(`pg-boss batched: completed ${done} of ${expected}`);
  if ((await boss.getQueueSize(name)) !== 0) throw new Error('pg-boss batched: jobs left in the queue');
  return done / seconds;
}

export const pgBossScenario: Scenario = {
  name: 'peers-pg-boss',
  async run(ctx) {
    const s = sizes(ctx);
    const db = await ctx.durablePg.createDatabase('pgboss');
    const boss = new PgBoss({ connectionString: db.url });
    const errors: unknown[] = [];
    boss.on('error', (e) => errors.push(e));
    const out: Measurement[] = [];
    try {
      await boss.start();
      for (const backlog of s.backlogs) {
        const name = `single-${backlog}`;
        await boss.createQueue(name);
        const sent = await insertJobs(boss, name, backlog);
        const r = await oneAtATime(boss, name, s.seconds);
        ctx.figures.set(`pgboss.single.${backlog}.jobsPerSecond`, r.rate);
        ctx.figures.set(`pgboss.single.${backlog}.fetchMs`, r.fetch.p50);
        const figure = `${fmt(r.rate)} jobs/s; ${ms(r.fetch.p50)} ms per fetch (p50), p99 ${ms(r.fetch.p99)} ms`;
        console.log(`  pg-boss one at a time, ${fmt(backlog)} queued: ${figure}`);
        out.push({
          scenario: 'peer: pg-boss 10.4.2 fetch one job at a time + complete (in process)',
          database: ctx.durablePg.label,
          parameters: `${fmt(backlog)} jobs queued (inserted at ${fmt(sent)}/s); ${fmt(r.done)} fetched and completed in ≤ ${s.seconds} s; default settings`,
          figure,
          peers: (f) =>
            `Tessera PostgreSQL lifecycle ${fig(f, TESSERA_PG_KEY)} tasks/s = ${ratio(f, TESSERA_PG_KEY, `pgboss.single.${backlog}.jobsPerSecond`)}` +
            (backlog === 100_000 ? ' (target ≥ 100×)' : ''),
        });
      }
      await boss.createQueue('batched');
      const sent = await insertJobs(boss, 'batched', s.batched);
      const rate = await batched(boss, 'batched', s.batched);
      ctx.figures.set('pgboss.batched.jobsPerSecond', rate);
      console.log(`  pg-boss batches of 100: ${fmt(rate)} jobs/s`);
      out.push({
        scenario: 'peer: pg-boss 10.4.2 fetch batches of 100 + complete (in process)',
        database: ctx.durablePg.label,
        parameters: `${fmt(s.batched)} jobs (inserted at ${fmt(sent)}/s), drained; default settings`,
        figure: `${fmt(rate)} jobs/s`,
        peers: (f) =>
          `Tessera PostgreSQL lifecycle ${fig(f, TESSERA_PG_KEY)} tasks/s = ${ratio(f, TESSERA_PG_KEY, 'pgboss.batched.jobsPerSecond')} (target ≥ 2.5×)`,
      });
      if (errors.length > 0) throw new Error(`pg-boss reported errors: ${String(errors[0])}`);
      return out;
    } finally {
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
      await db.drop();
    }
  },
};
