import { createJobQueue, createJobRunner } from '@tessera/jobs';
import { afterEach, describe, expect, it } from 'vitest';
import { createIdGenerator } from './ids';
import { leaseSweeperHandlers, scheduleLeaseSweeper } from './lease-sweeper';
import { seededRandom } from './system';
import { createFixture, type EngineFixture, imageTask } from './testing/engine-fixture';
import { testDatabases } from './testing/test-databases';

describe.each(testDatabases())('lease sweeper job on $dialect', (db) => {
  let f: EngineFixture;
  afterEach(async () => f?.dispose());

  it('returns expired leases to the queue on its schedule', async () => {
    f = await createFixture(db, { workflow: { lease_seconds: 30 } });
    const ids = createIdGenerator(() => f.clock.now());
    const jobs = createJobQueue({
      sql: f.client,
      clock: f.clock,
      newId: () => ids.next('job'),
      random: seededRandom(1),
    });
    const runner = createJobRunner({
      queue: jobs,
      handlers: leaseSweeperHandlers(f.engine),
      workerId: 'w1',
      concurrency: 1,
      leaseMs: 60_000,
      pollMs: 10,
    });
    expect(await scheduleLeaseSweeper(jobs, 5_000)).not.toBeNull();
    expect(await scheduleLeaseSweeper(jobs, 5_000)).toBeNull();
    await f.engine.tasks.createTasks(f.orgId, f.project.id, [imageTask(), imageTask()]);
    const leases = await f.engine.queue.lease({ orgId: f.orgId, annotatorId: f.annotators[0]!.id, count: 2 });
    expect(leases).toHaveLength(2);
    expect(await runner.runOnce()).toBe(1); // nothing due yet
    expect((await f.engine.tasks.listTasks({ orgId: f.orgId, stage: 'queued', limit: 10 })).length).toBe(0);
    f.clock.advance(31_000);
    expect(await runner.runOnce()).toBe(1);
    expect((await f.engine.tasks.listTasks({ orgId: f.orgId, stage: 'queued', limit: 10 })).length).toBe(2);
    expect(await runner.runOnce()).toBe(0); // the next instance waits its 5 s
  });
});
