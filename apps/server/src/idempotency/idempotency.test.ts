import { PassThrough } from 'node:stream';
import { testDatabases } from '@tessera/db';
import { afterEach, describe, expect, it } from 'vitest';
import { countRows, createPublishedProject, taskLine, waitFor } from '../testing/ingest-test-kit';
import { createTestApp, type TestApp, type TestTenant } from '../testing/test-app';
import { IDEMPOTENCY_PURGE_QUEUE } from './idempotency-purge';

const DAY = 24 * 60 * 60 * 1000;

describe.each(testDatabases())('Idempotency-Key on $dialect', (db) => {
  let t: TestApp;
  let acme: TestTenant;
  afterEach(async () => t?.dispose());

  const setup = async () => {
    t = await createTestApp(db);
    acme = await t.tenant();
    await createPublishedProject(t, acme, 'cars');
  };
  const post = (
    key: string | null,
    payload: Record<string, unknown>,
    bearer = acme.adminKey,
    url = '/v1/tasks',
  ) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${bearer}`, ...(key === null ? {} : { 'idempotency-key': key }) },
      payload,
    });
  const task = (extra: Record<string, unknown> = {}) => ({
    project: 'cars',
    type: 'imageannotation',
    ...extra,
  });
  const tasksIn = async (orgId = acme.orgId) => (await countRows(t, 'tasks', orgId)).rows;

  it('I1: 100 sequential repeats create one task; every replay is byte-identical and marked', async () => {
    await setup();
    const first = await post('k-seq', task({ instruction: 'once' }));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    for (let i = 0; i < 99; i++) {
      const again = await post('k-seq', task({ instruction: 'once' }));
      expect(again.statusCode).toBe(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.headers['content-type']).toBe(first.headers['content-type']);
      expect(again.rawPayload.equals(first.rawPayload)).toBe(true);
    }
    expect(await tasksIn()).toBe(1);
    // Key order does not change the fingerprint (canonical JSON); a different body or route does.
    const reordered = await post('k-seq', { instruction: 'once', type: 'imageannotation', project: 'cars' });
    expect(reordered.rawPayload.equals(first.rawPayload)).toBe(true);
    const other = await post('k-seq', task({ instruction: 'twice' }));
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: 'idempotency_key_mismatch', status: 422 });
    const otherRoute = await post(
      'k-seq',
      { project: 'cars', instruction: 'once' },
      acme.adminKey,
      '/v1/task/imageannotation',
    );
    expect(otherRoute.statusCode).toBe(422);
    expect(await tasksIn()).toBe(1);
  });

  it('I1: 20 concurrent requests: one execution, in-flight duplicates 409, completed replies identical', async () => {
    await setup();
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => post('k-par', task({ instruction: 'par' }))),
    );
    expect(await tasksIn()).toBe(1);
    const done = replies.filter((r) => r.statusCode === 200);
    const busy = replies.filter((r) => r.statusCode === 409);
    expect(done.length + busy.length).toBe(20);
    expect(done.length).toBeGreaterThanOrEqual(1);
    for (const r of done) expect(r.body).toBe(done[0]?.body);
    for (const r of busy) {
      expect(r.json()).toMatchObject({ code: 'idempotency_key_in_flight' });
      expect(r.headers['retry-after']).toBe('1');
    }
    const later = await post('k-par', task({ instruction: 'par' }));
    expect(later.headers['idempotent-replayed']).toBe('true');
    expect(later.body).toBe(done[0]?.body);
  });

  it('does not store 400s, stores other outcomes (a 409 replays as 409), and checks the key format', async () => {
    await setup();
    const invalid = await post('k-400', task({ priority: 'high' }));
    expect(invalid.statusCode).toBe(400);
    const valid = await post('k-400', task({ unique_id: 'u-1' }));
    expect(valid.statusCode).toBe(200);
    expect(valid.headers['idempotent-replayed']).toBeUndefined();
    const conflict = await post('k-409', task({ unique_id: 'u-1' }));
    expect(conflict.statusCode).toBe(409);
    const replayed = await post('k-409', task({ unique_id: 'u-1' }));
    expect(replayed.statusCode).toBe(409);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body).toBe(conflict.body);
    expect((await post('x'.repeat(256), task())).json()).toMatchObject({ code: 'invalid_idempotency_key' });
    expect((await post('x'.repeat(255), task())).statusCode).toBe(200);
    expect((await post('', task())).statusCode).toBe(400);
    expect(await tasksIn()).toBe(2);
  });

  it('I2: the same key string from two tenants (or two keys of one tenant) makes independent resources', async () => {
    await setup();
    const globex = await t.tenant('Globex');
    await createPublishedProject(t, globex, 'cars');
    const a = await post('shared-key', task({ instruction: 'same' }));
    const b = await post('shared-key', task({ instruction: 'same' }), globex.adminKey);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(a.json().task_id).not.toBe(b.json().task_id);
    expect([await tasksIn(), await tasksIn(globex.orgId)]).toEqual([1, 1]);
    const manager = await acme.user('manager');
    const c = await post('shared-key', task({ instruction: 'same' }), manager.key);
    expect(c.headers['idempotent-replayed']).toBeUndefined();
    expect(await tasksIn()).toBe(2);
  });

  it('I3: a key is replayed for 24 h and executes anew after; the purge job deletes expired records', async () => {
    await setup();
    const first = await post('k-day', task({ instruction: 'day' }));
    t.clock.advance(DAY - 1);
    const inside = await post('k-day', task({ instruction: 'day' }));
    expect(inside.headers['idempotent-replayed']).toBe('true');
    t.clock.advance(1);
    const after = await post('k-day', task({ instruction: 'other body: executes, not 422' }));
    expect(after.statusCode).toBe(200);
    expect(after.headers['idempotent-replayed']).toBeUndefined();
    expect(after.json().task_id).not.toBe(first.json().task_id);
    expect(await tasksIn()).toBe(2);

    await post('k-old', task());
    t.clock.advance(DAY + 1);
    await post('k-new', task());
    const purge = t.ctx.jobHandlers[IDEMPOTENCY_PURGE_QUEUE];
    const job = {
      id: 'j',
      queue: IDEMPOTENCY_PURGE_QUEUE,
      attempt: 1,
      maxAttempts: 1,
      workerId: 'w',
      lockedUntil: 0,
    };
    await purge?.({}, job);
    const keys = await t.ctx.db.client.all<{ idem_key: string }>(
      'SELECT idem_key FROM idempotency_keys WHERE org_id = ? ORDER BY idem_key',
      [acme.orgId],
    );
    expect(keys.map((k) => k.idem_key)).toEqual(['k-new']);
  });

  it('a streamed bulk upload: 409 while in flight, replay of the same bytes, 422 for another file', async () => {
    await setup();
    const bulk = (key: string, payload: string | PassThrough) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/tasks/bulk?project=cars',
        headers: {
          authorization: `Bearer ${acme.adminKey}`,
          'content-type': 'application/x-ndjson',
          'idempotency-key': key,
        },
        payload,
      });
    const file = `${taskLine('s-1')}\n${taskLine('s-2')}\n{"bad"\n`;
    const open = new PassThrough();
    const firstReply = bulk('k-bulk', open);
    open.write(taskLine('s-1'));
    await waitFor(async () => (await countRows(t, 'idempotency_keys', acme.orgId)).rows === 1);
    const busy = await bulk('k-bulk', file);
    expect(busy.statusCode).toBe(409);
    expect(busy.json()).toMatchObject({ code: 'idempotency_key_in_flight' });
    open.end(file.slice(taskLine('s-1').length));
    const first = await firstReply;
    expect(first.json()).toMatchObject({ created: 2, duplicates: 0, invalid: 1 });
    const replay = await bulk('k-bulk', file);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toBe(first.body);
    expect((await bulk('k-bulk', `${file}\n${taskLine('s-3')}`)).statusCode).toBe(422);
    expect(await tasksIn()).toBe(2);
  });
});
