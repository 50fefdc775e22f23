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
  /** graphile-worker's maxPoolSize for this mode (10 is its default); the harness owns the pool, see `drain`. */
  readonly poolSize: number;
  readonly jobs: (ctx: BenchContext) => number;
  readonly describe: string;
}

const MODES: readonly Mode[] = [
  {
    key: 'default',
    poolSize: 10,
    jobs: (ctx) => (ctx.options.smoke ? 1_000 : 30_000),
    describe: 'default settings (concurrentJobs 1, pool 10)',
  },
  {
    key: 'batched',
    poolSize: BATCHED.maxPoolSize,
    jobs: (ctx) => (ctx.options.smoke ? 5_000 : 200_000),
    describe: 'batched: concurrentJobs 24, maxPoolSize 25, localQueue 500, complete/failJobBatchDelay 0',
  },
];

/**
 * Queues `jobs` jobs, then runs a worker until every one has run and been completed (deleted).
 * The pool is ours, not graphile-worker's: on release it removes its pool's error listeners and calls `end()`
 * without awaiting it, so idle clients can still be open when `DROP DATABASE … WITH (FORCE)` terminates them,
 * and the pool's 'error' then has no listener (a CI smoke run crashed so). Ours is ended before the drop.
 */
async function drain(url: string, mode: Mode, jobs: number): Promise<{ rate: number; addRate: number }> {
  const pgPool = new pg.Pool({ connectionString: url, max: mode.poolSize });
  const poolErrors: Error[] = [];
  pgPool.on('error', (e) => poolErrors.push(e));
  pgPool.on('connect', (client) => client.on('error', (e) => poolErrors.push(e)));
  try {
    const addRate = await addAll(pgPool, jobs);
    const rate = await runToCompletion(pgPool, mode, jobs);
    const left = await settledRemaining(pgPool);
    if (left !== 0) throw new Error(`graphile-worker ${mode.key}: ${left} jobs left after the run`);
    if (poolErrors.length > 0)
      throw new Error(`graphile-worker ${mode.key}: pool error: ${poolErrors[0]?.message}`);
    return { rate, addRate };
  } finally {
    await pgPool.end();
  }
}

async function addAll(pgPool: pg.Pool, jobs: number): Promise<number> {
  const utils = await makeWorkerUtils({ pgPool, logger: silent });
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
  return jobs / ((performance.now() - added) / 1000);
}

async function runToCompletion(pgPool: pg.Pool, mode: Mode, jobs: number): Promise<number> {
  let done = 0;
  let finish: () => void = () => undefined;
  const all = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const start = performance.now();
  const runner = await run({
    pgPool,
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
  return jobs / ((performance.now() - start) / 1000);
}

/** The last handler has returned, but its job row may be deleted a moment later (seen in a CI smoke run). */
async function settledRemaining(pgPool: pg.Pool): Promise<number> {
  const count = async () =>
    Number(
      (await pgPool.query<{ n: string }>('SELECT COUNT(*) AS n FROM graphile_worker._private_jobs')).rows[0]
        ?.n,
    );
  let left = await count();
  for (let waited = 0; left !== 0 && waited < 5_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = await count();
  }
  return left;
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
