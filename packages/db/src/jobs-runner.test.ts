import {
  createJobQueue,
  createJobRunner,
  type JobHandler,
  type JobLogger,
  type JobQueue,
  type JobRandom,
  jobsMigration,
} from '@tessera/jobs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engineMigration } from './migrations/0001-engine';
import { migrate } from './migrator';
import type { SqlClient } from './sql-client';
import { fakeClock } from './system';
import { LEASE, NO_JOBS, newJobId, scripted, T0 } from './testing/jobs-fixture';
import { type TestHandle, testDatabases } from './testing/test-databases';

describe.each(testDatabases())('job runner on $dialect', (db) => {
  let handle: TestHandle;
  let clock: ReturnType<typeof fakeClock>;
  let queue: JobQueue;
  const open = (sql: SqlClient, random: JobRandom = scripted(0.5)) =>
    createJobQueue({ sql, clock, newId: newJobId, random });

  beforeEach(async () => {
    handle = await db.open();
    await migrate(handle.client, [engineMigration, jobsMigration]);
    clock = fakeClock(T0);
    queue = open(handle.client);
  });
  afterEach(() => handle.dispose());

  it('runOnce runs handlers concurrently; a throwing handler fails its job and never crashes the runner', async () => {
    const logs: string[] = [];
    const logger: JobLogger = { warn: (_, m) => logs.push(m), error: (_, m) => logs.push(m) };
    let active = 0;
    let peak = 0;
    const ok: JobHandler = async (_payload, ctx) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 5));
      active--;
      expect(ctx).toMatchObject({ attempt: 1, workerId: 'r1', lockedUntil: T0 + LEASE });
    };
    const bad: JobHandler = async () => {
      throw new Error('handler exploded');
    };
    const sync = (() => {
      throw new TypeError('thrown synchronously');
    }) as JobHandler;
    const handlers = { ok, bad, sync };
    const runner = createJobRunner({
      queue,
      handlers,
      workerId: 'r1',
      concurrency: 4,
      leaseMs: LEASE,
      pollMs: 5,
      logger,
    });
    for (let i = 0; i < 3; i++) await queue.enqueue({ queue: 'ok', payload: { i } });
    const badId = (await queue.enqueue({ queue: 'bad' })) as string;
    const syncId = (await queue.enqueue({ queue: 'sync', maxAttempts: 1 })) as string;
    expect(await runner.runOnce()).toBe(4);
    expect(await runner.runOnce()).toBe(1);
    expect(await runner.runOnce()).toBe(0);
    expect(peak).toBe(3);
    expect(await queue.counts('ok')).toEqual({ ...NO_JOBS, done: 3 });
    expect(await queue.get(badId)).toMatchObject({
      status: 'queued',
      lastError: 'handler exploded',
      runAt: T0 + 500,
    });
    expect(await queue.get(syncId)).toMatchObject({ status: 'dead', lastError: 'thrown synchronously' });
    expect(logs).toEqual(expect.arrayContaining(['job failed, will retry', 'job dead-lettered']));
  });

  it('start polls until stopped, and stop waits for the jobs in flight', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let started = 0;
    const handlers: Record<string, JobHandler> = {
      fast: async () => undefined,
      slow: async () => {
        started++;
        await gate;
      },
    };
    const runner = createJobRunner({
      queue,
      handlers,
      workerId: 'r1',
      concurrency: 2,
      leaseMs: LEASE,
      pollMs: 2,
    });
    for (let i = 0; i < 10; i++) await queue.enqueue({ queue: 'fast' });
    runner.start();
    runner.start();
    for (let i = 0; i < 1_000 && (await queue.counts('fast')).done < 10; i++)
      await new Promise((r) => setTimeout(r, 5));
    expect(await queue.counts('fast')).toEqual({ ...NO_JOBS, done: 10 });
    const slowId = (await queue.enqueue({ queue: 'slow' })) as string;
    for (let i = 0; i < 1_000 && started === 0; i++) await new Promise((r) => setTimeout(r, 5));
    let stopped = false;
    const stopping = runner.stop().then(() => {
      stopped = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect((await queue.get(slowId))?.status).toBe('done');
    await queue.enqueue({ queue: 'fast' });
    await new Promise((r) => setTimeout(r, 20));
    expect((await queue.counts('fast')).queued).toBe(1);
  });

  it('keeps exactly one pending instance of a periodic job, through success, failure and a crash', async () => {
    const every = 60_000;
    let failNext = false;
    let runs = 0;
    const sweep: JobHandler = async (payload) => {
      runs++;
      expect(payload).toEqual({ scope: 'all' });
      if (failNext) throw new Error('sweep failed');
    };
    const runner = createJobRunner({
      queue,
      handlers: { sweep },
      workerId: 'r1',
      concurrency: 2,
      leaseMs: LEASE,
      pollMs: 5,
    });
    const options = { payload: { scope: 'all' }, maxAttempts: 1 };
    expect(await queue.schedulePeriodic('sweep', 'lease-sweeper', every, options)).not.toBeNull();
    expect(await queue.schedulePeriodic('sweep', 'lease-sweeper', every, options)).toBeNull();
    const pending = async () => {
      const c = await queue.counts('sweep');
      expect(c.queued + c.running).toBe(1);
      return c;
    };
    expect(await runner.runOnce()).toBe(1);
    expect(await pending()).toEqual({ ...NO_JOBS, queued: 1, done: 1 });
    expect(await runner.runOnce()).toBe(0);
    clock.advance(every - 1);
    expect(await runner.runOnce()).toBe(0);
    clock.advance(1);
    failNext = true;
    expect(await runner.runOnce()).toBe(1);
    expect(await pending()).toEqual({ ...NO_JOBS, queued: 1, done: 1, dead: 1 });
    const [deadOne] = await queue.listDead('sweep', 1);
    expect(await queue.retryDead(deadOne?.id as string)).toBe(false);
    clock.advance(every);
    expect(await queue.claim('sweep', 'ghost', 1, LEASE)).toHaveLength(1); // then the ghost worker crashes
    clock.advance(LEASE);
    expect(await runner.runOnce()).toBe(0);
    expect(await pending()).toEqual({ ...NO_JOBS, queued: 1, done: 1, dead: 2 });
    expect(await queue.schedulePeriodic('sweep', 'lease-sweeper', 1_000, options)).toBeNull();
    failNext = false;
    clock.advance(every);
    expect(await runner.runOnce()).toBe(1);
    expect(runs).toBe(3);
    expect(await pending()).toEqual({ ...NO_JOBS, queued: 1, done: 2, dead: 2 });
    clock.advance(999); // the interval is now 1 s
    expect(await runner.runOnce()).toBe(0);
    clock.advance(1);
    expect(await runner.runOnce()).toBe(1);
    expect(await pending()).toEqual({ ...NO_JOBS, queued: 1, done: 3, dead: 2 });
  });
});
