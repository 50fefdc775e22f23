import { createJobQueue, InvalidJobError, type JobQueue, type JobRandom, jobsMigration } from '@tessera/jobs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engineMigration } from './migrations/0001-engine';
import { migrate } from './migrator';
import type { SqlClient } from './sql-client';
import { fakeClock } from './system';
import { jobIds, LEASE, NO_JOBS, newJobId, scripted, T0 } from './testing/jobs-fixture';
import { type TestHandle, testDatabases } from './testing/test-databases';

describe.each(testDatabases())('jobs on $dialect', (db) => {
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

  it('claims due jobs in (run_at, id) order, up to the limit, and completes them for their holder only', async () => {
    const later = await queue.enqueue({ queue: 'q', payload: { n: 1 }, delayMs: 2_000 });
    const b = await queue.enqueue({ queue: 'q', payload: { n: 2 } });
    const c = await queue.enqueue({ queue: 'q', payload: { n: 3 }, runAt: T0 - 10 });
    const d = await queue.enqueue({ queue: 'q', payload: { n: 4 } });
    await queue.enqueue({ queue: 'other' });
    const first = await queue.claim('q', 'w1', 2, LEASE);
    expect(jobIds(first)).toEqual([c, b]);
    expect(first[0]).toMatchObject({
      status: 'running',
      attempts: 1,
      lockedBy: 'w1',
      lockedUntil: T0 + LEASE,
    });
    expect(first[0]?.payload).toEqual({ n: 3 });
    expect(jobIds(await queue.claim('q', 'w2', 10, LEASE))).toEqual([d]);
    expect(await queue.claim('q', 'w2', 10, LEASE)).toEqual([]);
    clock.advance(2_000);
    expect(jobIds(await queue.claim('q', 'w2', 10, LEASE))).toEqual([later]);
    expect(await queue.complete(b as string, 'w2')).toBe(false);
    expect(await queue.complete(b as string, 'w1')).toBe(true);
    expect(await queue.complete(b as string, 'w1')).toBe(false);
    expect(await queue.get(b as string)).toMatchObject({
      status: 'done',
      lockedUntil: null,
      updatedAt: T0 + 2_000,
    });
    expect(await queue.counts('q')).toEqual({ ...NO_JOBS, running: 3, done: 1 });
    expect(await queue.counts('other')).toEqual({ ...NO_JOBS, queued: 1 });
    await expect(queue.enqueue({ queue: '' })).rejects.toBeInstanceOf(InvalidJobError);
    await expect(queue.enqueue({ queue: 'q', maxAttempts: 0 })).rejects.toBeInstanceOf(InvalidJobError);
  });

  it("commits an enqueue with the caller's transaction, and rolls it back with it", async () => {
    const failing = handle.client.transaction(async (tx) => {
      await queue.enqueue({ queue: 'q', payload: { rolledBack: true } }, tx);
      throw new Error('business rule');
    });
    await expect(failing).rejects.toThrow('business rule');
    const id = await handle.client.transaction((tx) => queue.enqueue({ queue: 'q' }, tx));
    expect(await queue.counts('q')).toEqual({ ...NO_JOBS, queued: 1 });
    expect(jobIds(await queue.claim('q', 'w1', 10, LEASE))).toEqual([id]);
  });

  it('keeps at most one pending job per dedupe key', async () => {
    const id = await queue.enqueue({ queue: 'q', dedupeKey: 'sync:1' });
    expect(id).not.toBeNull();
    expect(await queue.enqueue({ queue: 'q', dedupeKey: 'sync:1' })).toBeNull();
    expect(await queue.enqueue({ queue: 'q', dedupeKey: 'sync:2' })).not.toBeNull();
    await queue.claim('q', 'w1', 1, LEASE);
    expect(await queue.enqueue({ queue: 'q', dedupeKey: 'sync:1' })).toBeNull();
    await queue.complete(id as string, 'w1');
    const racers = [handle.client, handle.reopen(), handle.reopen()].map((c) => open(c));
    const results = await Promise.all(racers.map((q) => q.enqueue({ queue: 'q', dedupeKey: 'sync:1' })));
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await queue.counts('q')).toEqual({ ...NO_JOBS, queued: 2, done: 1 });
  });

  it('retries after exponential backoff with full jitter (exact run_at on the fake clock)', async () => {
    queue = open(handle.client, scripted(0.5, 0.25, 0.999, 0, 0.5));
    const id = (await queue.enqueue({
      queue: 'q',
      maxAttempts: 6,
      backoff: { baseMs: 1_000, maxMs: 5_000 },
    })) as string;
    // caps 1000, 2000, 4000, 5000, 5000 times the scripted randoms
    const delays = [500, 500, 3_996, 0, 2_500];
    for (const [i, delay] of delays.entries()) {
      const [job] = await queue.claim('q', 'w1', 1, LEASE);
      expect(job).toMatchObject({ id, attempts: i + 1 });
      clock.advance(7);
      const after = await queue.fail(id, 'w1', new Error(`boom ${i + 1}`));
      expect(after).toMatchObject({
        status: 'queued',
        runAt: clock.now() + delay,
        lastError: `boom ${i + 1}`,
      });
      expect(after).toMatchObject({ lockedBy: null, lockedUntil: null });
      if (delay > 0) expect(await queue.claim('q', 'w1', 1, LEASE)).toEqual([]);
      clock.set(after?.runAt ?? 0);
    }
    const defaults = open(handle.client, scripted(0.5));
    const other = (await defaults.enqueue({ queue: 'd' })) as string;
    await defaults.claim('d', 'w1', 1, LEASE);
    expect((await defaults.fail(other, 'w1', 'plain string'))?.runAt).toBe(clock.now() + 500);
    expect((await defaults.get(other))?.lastError).toBe('plain string');
    expect(await defaults.fail(other, 'w1', 'not held any more')).toBeUndefined();
  });

  it('dead-letters a poison job after max_attempts with its last error; it is never claimed again', async () => {
    const id = (await queue.enqueue({ queue: 'q', payload: { poison: true }, maxAttempts: 3 })) as string;
    const keep = await queue.enqueue({ queue: 'q', runAt: T0 + 50 * 3_600_000 });
    for (let attempt = 1; attempt <= 3; attempt++) {
      const [job] = await queue.claim('q', 'w1', 1, LEASE);
      expect(job).toMatchObject({ id, attempts: attempt });
      const after = await queue.fail(id, 'w1', new Error(`bad input ${attempt}`));
      expect(after?.status).toBe(attempt < 3 ? 'queued' : 'dead');
      clock.set(after?.runAt ?? 0);
    }
    clock.advance(100 * 3_600_000);
    expect(jobIds(await queue.claim('q', 'w2', 10, LEASE))).toEqual([keep]);
    const dead = await queue.listDead('q', 10);
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({
      id,
      status: 'dead',
      attempts: 3,
      lastError: 'bad input 3',
      payload: { poison: true },
    });
    expect(await queue.counts('q')).toEqual({ ...NO_JOBS, running: 1, dead: 1 });
    expect(await queue.retryDead(id)).toBe(true);
    expect(await queue.retryDead(id)).toBe(false);
    expect(await queue.claim('q', 'w2', 10, LEASE)).toMatchObject([
      { id, attempts: 1, lastError: 'bad input 3' },
    ]);
  });

  it("redelivers a crashed worker's jobs once the lease runs out, counting the attempt", async () => {
    const created = 200;
    await handle.client.transaction(async (tx) => {
      for (let i = 0; i < created; i++)
        await queue.enqueue({ queue: 'q', payload: { i }, maxAttempts: 2 }, tx);
    });
    const conserved = async () => {
      const c = await queue.counts('q');
      expect(c.queued + c.running + c.done + c.dead).toBe(created);
    };
    const crashed = await queue.claim('q', 'w1', created, LEASE);
    expect(crashed).toHaveLength(created);
    await conserved();
    clock.advance(LEASE - 1);
    expect(await queue.claim('q', 'w2', created, LEASE)).toEqual([]);
    clock.advance(1);
    const again = await queue.claim('q', 'w2', created, LEASE);
    await conserved();
    expect(jobIds(again).sort()).toEqual(jobIds(crashed).sort());
    expect(again[0]).toMatchObject({ attempts: 2, lockedBy: 'w2', lastError: 'lease expired (worker w1)' });
    const id = again[0]?.id as string;
    expect(await queue.complete(id, 'w1')).toBe(false);
    expect(await queue.fail(id, 'w1', 'late')).toBeUndefined();
    expect(await queue.complete(id, 'w2')).toBe(true);
    clock.advance(LEASE); // w2 crashes too, on the last attempt: the rest go to the dead letter
    expect(await queue.claim('q', 'w3', created, LEASE)).toEqual([]);
    await conserved();
    expect(await queue.counts('q')).toEqual({ ...NO_JOBS, done: 1, dead: created - 1 });
    const [dead] = await queue.listDead('q', 1);
    expect(dead).toMatchObject({ status: 'dead', attempts: 2, lastError: 'lease expired (worker w2)' });
  });

  it('never hands one job to two concurrent claimers; each of 1,000 jobs completes exactly once', async () => {
    const total = 1_000;
    await handle.client.transaction(async (tx) => {
      for (let i = 0; i < total; i++) await queue.enqueue({ queue: 'bulk', payload: { i } }, tx);
    });
    const claimers = Array.from({ length: 4 }, () => open(handle.reopen()));
    const claims = new Map<string, number>();
    const completions = new Map<string, number>();
    const workers = new Set<number>();
    let overLimit = 0;
    await Promise.all(
      claimers.map(async (q, w) => {
        for (let round = 0; round < total; round++) {
          const jobs = await q.claim('bulk', `w${w}`, 7, 60_000);
          if (jobs.length === 0) return;
          if (jobs.length > 7) overLimit++;
          for (const j of jobs) claims.set(j.id, (claims.get(j.id) ?? 0) + 1);
          workers.add(w);
          const done = await Promise.all(jobs.map((j) => q.complete(j.id, `w${w}`)));
          jobs.forEach((j, i) => {
            if (done[i]) completions.set(j.id, (completions.get(j.id) ?? 0) + 1);
          });
        }
      }),
    );
    expect(overLimit).toBe(0);
    expect(claims.size).toBe(total);
    expect([...claims.values()].every((n) => n === 1)).toBe(true);
    expect(completions.size).toBe(total);
    expect([...completions.values()].every((n) => n === 1)).toBe(true);
    expect(await queue.counts('bulk')).toEqual({ ...NO_JOBS, done: total });
    expect(workers.size).toBe(claimers.length);
  });

  it('purges finished jobs older than a cutoff', async () => {
    for (let i = 0; i < 3; i++) await queue.enqueue({ queue: 'q' });
    for (const job of await queue.claim('q', 'w1', 3, LEASE)) await queue.complete(job.id, 'w1');
    await queue.enqueue({ queue: 'q' });
    clock.advance(10);
    expect(await queue.purgeDone(T0 + 1, 2)).toBe(2);
    expect(await queue.purgeDone(T0, 10)).toBe(0);
    expect(await queue.purgeDone(T0 + 1, 10)).toBe(1);
    expect(await queue.counts('q')).toEqual({ ...NO_JOBS, queued: 1 });
  });
});
