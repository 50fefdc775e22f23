import { testDatabases } from '@tessera/db';
import type { JobQueue } from '@tessera/jobs';
import { afterEach, describe, expect, it } from 'vitest';
import { createTaskRenderer } from '../dto/task-renderer';
import { createTestApp, type TestApp } from '../testing/test-app';
import { completeTask, setupProject, tableResolver } from '../testing/webhook-test-kit';
import { createOutboxFanout } from './outbox-fanout';

type Row = Record<string, unknown>;

/** W1 at the fan-out boundary: every committed outbox row becomes exactly one delivery per receiver. */
describe.each(testDatabases())('outbox fan-out on $dialect', (db) => {
  let t: TestApp;
  afterEach(async () => t?.dispose());

  async function start() {
    const dns = tableResolver({ 'hooks.example': ['93.184.215.14'] });
    t = await createTestApp(db, {}, { webhookNet: { resolver: dns.resolver } });
    const setup = await setupProject(t, await t.tenant());
    const ep = await setup.call('POST', '/v1/webhooks', {
      url: 'https://hooks.example/in',
      event_types: ['task.completed', 'batch.status_changed'],
    });
    expect(ep.status).toBe(201);
    for (let i = 0; i < 6; i++) await completeTask(t, setup, `img-${i}`, 'https://hooks.example/cb');
    return setup;
  }

  const fanoutWith = (jobs: JobQueue) =>
    createOutboxFanout({
      sql: t.ctx.db.client,
      jobs,
      clock: t.ctx.clock,
      ids: t.ctx.ids,
      settings: t.ctx.config.webhooks,
      engine: t.ctx.engine,
      renderer: createTaskRenderer(t.ctx.engine, t.ctx.db.store),
    });

  async function counts() {
    const sql = t.ctx.db.client;
    const [outbox] = await sql.all<Row>(
      "SELECT COUNT(*) AS n, SUM(CASE WHEN dispatched_at IS NULL THEN 1 ELSE 0 END) AS pending FROM outbox WHERE event_type = 'task.completed'",
    );
    const perKey = await sql.all<Row>(
      'SELECT endpoint_key, message_id, COUNT(*) AS n FROM webhook_deliveries GROUP BY endpoint_key, message_id',
    );
    const [jobs] = await sql.all<Row>("SELECT COUNT(*) AS n FROM jobs WHERE queue = 'webhooks.deliver'");
    return {
      events: Number(outbox?.n),
      pending: Number(outbox?.pending ?? 0),
      deliveries: perKey.reduce((a, r) => a + Number(r.n), 0),
      duplicated: perKey.filter((r) => Number(r.n) !== 1).length,
      jobs: Number(jobs?.n),
    };
  }

  it('creates each delivery once even when several workers fan out at the same time', async () => {
    await start();
    // three workers at once (on PostgreSQL each transaction takes its own pooled connection)
    const workers = [fanoutWith(t.ctx.jobs), fanoutWith(t.ctx.jobs), fanoutWith(t.ctx.jobs)];
    await Promise.all(workers.map((w) => w.run(2)));
    const c = await counts();
    expect(c.events).toBe(6);
    expect(c.pending).toBe(0);
    expect(c.duplicated).toBe(0);
    expect(c.deliveries).toBe(12); // the endpoint and the callback_url, per task.completed
    expect(c.jobs).toBe(12);
    await fanoutWith(t.ctx.jobs).run();
    expect(await counts()).toEqual(c);
  });

  it('without endpoints, delivers only to the tasks that have a callback URL and marks every row', async () => {
    const dns = tableResolver({ 'hooks.example': ['93.184.215.14'] });
    t = await createTestApp(db, {}, { webhookNet: { resolver: dns.resolver } });
    const setup = await setupProject(t, await t.tenant());
    for (let i = 0; i < 5; i++) {
      await completeTask(t, setup, `img-${i}`, i % 2 === 0 ? 'https://hooks.example/cb' : undefined);
    }
    await fanoutWith(t.ctx.jobs).run(3);
    const c = await counts();
    expect(c).toMatchObject({ events: 5, pending: 0, duplicated: 0, deliveries: 3, jobs: 3 });
    const [undispatched] = await t.ctx.db.client.all<Row>(
      'SELECT COUNT(*) AS n FROM outbox WHERE dispatched_at IS NULL',
    );
    expect(Number(undispatched?.n)).toBe(0);
  });

  it('loses nothing when the fan-out fails before its commit: the rows are fanned out again', async () => {
    await start();
    let enqueued = 0;
    const failing: JobQueue = {
      ...t.ctx.jobs,
      async enqueue(job, tx) {
        if (++enqueued === 5) throw new Error('crash between insert and commit');
        return t.ctx.jobs.enqueue(job, tx);
      },
    };
    await expect(fanoutWith(failing).run()).rejects.toThrow(/crash/);
    const after = await counts();
    expect(after).toMatchObject({ pending: 6, deliveries: 0, jobs: 0 });
    await fanoutWith(t.ctx.jobs).run();
    expect(await counts()).toMatchObject({ pending: 0, deliveries: 12, duplicated: 0, jobs: 12 });
  });
});
