import { Logger, makeWorkerUtils, run } from 'graphile-worker';
import pg from 'pg';
import { type BenchContext, fig, fmt, type Measurement, ratio, type Scenario } from '../harness/scenario';
import { TESSERA_PG_KEY } from './lifecycle';

/** worker.graphile.org/docs/performance: the settings behind its published figures (option names checked against 0.17.3's types). */
const BATCHED = {
  concurrentJobs: 24,
  maxPoolSize: 25,
  localQueue: { size: 500 },
  completeJobBatchDelay: 0,
  failJobBatchDelay: 0,
};

const silent = new Logger(() => () => undefined);

interface Mode {
  readonly key: 'default' | 'batched';
  readonly jobs: (ctx: BenchContext) => number;
  readonly describe: string;
}

const MODES: readonly Mode[] = [
  {
    key: 'default',
    jobs: (ctx) => (ctx.options.smoke ? 1_000 : 30_000),
    describe: 'default settings (concurrentJobs 1, pool 10)',
  },
  {
    key: 'batched',
    jobs: (ctx) => (ctx.options.smoke ? 5_000 : 200_000),
    describe: 'batched: concurrentJobs 24, maxPoolSize 25, localQueue 500, complete/failJobBatchDelay 0',
  },
];

async function remainingJobs(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ n: string }>('SELECT COUNT(*) AS n FROM graphile_worker._private_jobs');
    return Number(r.rows[0]?.n);
  } finally {
    await client.end();
  }
}

/** Queues `jobs` jobs, then runs a worker until every one has run and been completed (deleted). */
async function drain(url: string, mode: Mode, jobs: number): Promise<{ rate: number; addRate: number }> {
  const utils = await makeWorkerUtils({ connectionString: url, logger: silent });
  const added = performance.now();
  try {
    await utils.migrate();
    for (let i = 0; i < jobs; i += 10_000) {
      const n = Math.min(10_000, jobs - i);
      await utils.addJobs(
        Array.from({ length: n }, (_, j) => ({ identifier: 'bench', payload: { i: i + j } })),
      );
    }
  } finally {
    await utils.release();
  }
  const addRate = jobs / ((performance.now() - added) / 1000);
  let done = 0;
  let finish: () => void = () => undefined;
  const all = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const start = performance.now();
  const runner = await run({
    connectionString: url,
    logger: silent,
    noHandleSignals: true,
    taskList: {
      bench: async () => {
        done += 1;
        if (done === jobs) finish();
      },
    },
    ...(mode.key === 'batched' ? { preset: { worker: BATCHED } } : {}),
  });
  await all;
  await runner.stop(); // flushes batched completions
  const rate = jobs / ((performance.now() - start) / 1000);
  // The last handler has returned, but its job row may be deleted a moment later (seen in a CI smoke run).
  let left = await remainingJobs(url);
  for (let waited = 0; left !== 0 && waited < 5_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = await remainingJobs(url);
  }
  if (left !== 0) throw new Error(`graphile-worker ${mode.key}: ${left} jobs left after the run`);
  return { rate, addRate };
}

export const graphileWorkerScenario: Scenario = {
  name: 'peers-graphile-worker',
  async run(ctx) {
    const out: Measurement[] = [];
    for (const mode of MODES) {
      const db = await ctx.durablePg.createDatabase(`graphile_${mode.key}`);
      try {
        const jobs = mode.jobs(ctx);
        const { rate, addRate } = await drain(db.url, mode, jobs);
        const key = `graphile.${mode.key}.jobsPerSecond`;
        ctx.figures.set(key, rate);
        console.log(`  graphile-worker ${mode.key}: ${fmt(rate)} jobs/s`);
        out.push({
          scenario: `peer: graphile-worker 0.17.3 run() to completion, ${mode.key} (in process)`,
          database: ctx.durablePg.label,
          parameters: `${fmt(jobs)} jobs (addJobs at ${fmt(addRate)}/s), drained; ${mode.describe}`,
          figure: `${fmt(rate)} jobs/s`,
          peers: (f) =>
            `Tessera PostgreSQL lifecycle ${fig(f, TESSERA_PG_KEY)} tasks/s = ${ratio(f, TESSERA_PG_KEY, key)}` +
            (mode.key === 'default' ? ' (target ≥ 2.5×)' : ''),
        });
      } finally {
        await db.drop();
      }
    }
    return out;
  },
};
