import { testDatabases } from '@tessera/db';
import { afterEach, describe, expect, it } from 'vitest';
import { IDEMPOTENCY_PURGE_QUEUE } from '../idempotency/idempotency-purge';
import { createMlWorld, predictionsBody, signCallback } from '../ml-backends/ml-backend-test-kit';
import { CALLBACK_ID_RETENTION_MS } from '../ml-backends/received-callbacks';
import { createTestApp, type TestApp } from '../testing/test-app';

type Json = Record<string, unknown>;
type Page = { docs: Json[]; has_more: boolean; next_token: string | null };

const HOUR = 3_600_000;

describe.each(testDatabases())('ML backends API on $dialect', (db) => {
  let t: TestApp;
  afterEach(async () => t?.dispose());

  it('registers a backend with a secret shown once and stored sealed; lists, pages, filters and deletes', async () => {
    t = await createTestApp(db);
    const w = await createMlWorld(t, 'Acme', 1);
    expect(w.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const [row] = await t.ctx.db.client.all<{ secret: string; project_id: string }>(
      'SELECT secret, project_id FROM ml_backends WHERE org_id = ? AND id = ?',
      [w.tenant.orgId, w.backendId],
    );
    expect(row?.secret.startsWith('v1:')).toBe(true);
    expect(row?.secret).not.toContain(w.secret.slice(6));
    const byId = await w.call('POST', '/v1/ml-backends', {
      project: String(row?.project_id),
      name: 'second',
    });
    expect(byId.statusCode).toBe(201);
    expect(byId.json()).toMatchObject({
      project_id: row?.project_id,
      name: 'second',
      previous_secret_expires_at: null,
    });
    await w.call('POST', '/v1/ml-backends', { project: 'bikes', name: 'third' });
    expect((await w.call('POST', '/v1/ml-backends', { project: 'nope', name: 'x' })).statusCode).toBe(404);

    const first = (await w.call('GET', '/v1/ml-backends?limit=2')).json() as Page;
    expect(first.docs.map((d) => d.name)).toEqual(['detector', 'second']);
    expect(first.docs[0]).toEqual({
      backend_id: w.backendId,
      project_id: row?.project_id,
      name: 'detector',
      callback_path: `/v1/ml-backends/${w.backendId}/callbacks`,
      previous_secret_expires_at: null,
      created_at: expect.stringMatching(/Z$/),
      updated_at: expect.stringMatching(/Z$/),
    });
    expect(JSON.stringify(first)).not.toContain('whsec_');
    const rest = (
      await w.call('GET', `/v1/ml-backends?limit=2&next_token=${first.next_token}`)
    ).json() as Page;
    expect([rest.docs.map((d) => d.name), rest.has_more]).toEqual([['third'], false]);
    const cars = (await w.call('GET', '/v1/ml-backends?project=cars')).json() as Page;
    expect(cars.docs.map((d) => d.name)).toEqual(['detector', 'second']);
    const mixed = await w.call('GET', `/v1/ml-backends?project=cars&next_token=${first.next_token}`);
    expect([mixed.statusCode, (mixed.json() as Json).code]).toEqual([400, 'invalid_next_token']);

    const deleted = await w.call('DELETE', `/v1/ml-backends/${w.backendId}`);
    expect(deleted.json()).toEqual({ backend_id: w.backendId, deleted: true });
    expect((await w.call('DELETE', `/v1/ml-backends/${w.backendId}`)).statusCode).toBe(404);
    expect((await w.call('POST', `/v1/ml-backends/${w.backendId}/rotate-secret`)).statusCode).toBe(404);
    const after = (await w.call('GET', '/v1/ml-backends')).json() as Page;
    expect(after.docs.map((d) => d.name)).toEqual(['second', 'third']);
    const [wiped] = await t.ctx.db.client.all<{ secret: string; previous_secret: string | null }>(
      'SELECT secret, previous_secret FROM ml_backends WHERE org_id = ? AND id = ?',
      [w.tenant.orgId, w.backendId],
    );
    expect(wiped).toEqual({ secret: '', previous_secret: null });
  });

  it('rotates: a new secret, the old one overlapping for 24 h (shown as previous_secret_expires_at)', async () => {
    t = await createTestApp(db);
    const w = await createMlWorld(t, 'Acme', 1);
    const rotated = (await w.call('POST', `/v1/ml-backends/${w.backendId}/rotate-secret`)).json() as Json;
    expect(rotated.secret).not.toBe(w.secret);
    expect(rotated.previous_secret_expires_at).toBe(new Date(t.clock.now() + 24 * HOUR).toISOString());
    t.clock.advance(24 * HOUR + 1);
    const [listed] = ((await w.call('GET', '/v1/ml-backends')).json() as Page).docs;
    expect(listed?.previous_secret_expires_at).toBeNull();
  });

  it("pages a task's predictions, oldest first", async () => {
    t = await createTestApp(db);
    const w = await createMlWorld(t, 'Acme', 1);
    const task = w.taskIds[0] as string;
    for (let i = 0; i < 3; i++) {
      t.clock.advance(1_000);
      const res = await w.post(signCallback(w.secret, `msg_${i}`, t.clock.now(), predictionsBody([task])));
      expect(res.statusCode).toBe(200);
    }
    const first = (await w.call('GET', `/v1/task/${task}/predictions?limit=2`)).json() as Page;
    expect([first.docs.map((d) => d.webhook_id), first.has_more]).toEqual([['msg_0', 'msg_1'], true]);
    const rest = (
      await w.call('GET', `/v1/task/${task}/predictions?limit=2&next_token=${first.next_token}`)
    ).json() as Page;
    expect([rest.docs.map((d) => d.webhook_id), rest.next_token]).toEqual([['msg_2'], null]);
    expect((await w.call('GET', '/v1/task/tsk_unknown/predictions')).statusCode).toBe(404);
  });

  it('allows management to admins and managers, predictions to readers of tasks; 403 to the others', async () => {
    t = await createTestApp(db);
    const w = await createMlWorld(t, 'Acme', 1);
    const task = w.taskIds[0] as string;
    const ops: { id: string; allowed: readonly string[]; run: (key: string) => Promise<number> }[] = [];
    const as = async (key: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: Json) =>
      (
        await t.app.inject({
          method,
          url,
          headers: { authorization: `Bearer ${key}` },
          ...(payload ? { payload } : {}),
        })
      ).statusCode;
    const fresh = async () =>
      String(
        ((await w.call('POST', '/v1/ml-backends', { project: 'cars', name: 'f' })).json() as Json).backend_id,
      );
    const managers = ['admin', 'manager'];
    ops.push(
      {
        id: 'createMlBackend',
        allowed: managers,
        run: (k) => as(k, 'POST', '/v1/ml-backends', { project: 'cars', name: 'r' }),
      },
      { id: 'listMlBackends', allowed: managers, run: (k) => as(k, 'GET', '/v1/ml-backends') },
      {
        id: 'rotateMlBackendSecret',
        allowed: managers,
        run: async (k) => as(k, 'POST', `/v1/ml-backends/${await fresh()}/rotate-secret`),
      },
      {
        id: 'deleteMlBackend',
        allowed: managers,
        run: async (k) => as(k, 'DELETE', `/v1/ml-backends/${await fresh()}`),
      },
      {
        id: 'listTaskPredictions',
        allowed: [...managers, 'reviewer'],
        run: (k) => as(k, 'GET', `/v1/task/${task}/predictions`),
      },
    );
    const mismatches: string[] = [];
    for (const role of ['admin', 'manager', 'reviewer', 'annotator'] as const) {
      const { key } = await w.tenant.user(role);
      for (const op of ops) {
        const status = await op.run(key);
        const expected = op.allowed.includes(role) ? 'ok' : 403;
        const got = status >= 200 && status < 300 ? 'ok' : status;
        if (got !== expected) mismatches.push(`${role} ${op.id}: ${status}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('the periodic purge forgets applied webhook-ids after 72 h (then a re-sent id applies again)', async () => {
    t = await createTestApp(db);
    const w = await createMlWorld(t, 'Acme', 1);
    const body = predictionsBody([w.taskIds[0] as string]);
    await w.post(signCallback(w.secret, 'msg_old', t.clock.now(), body));
    t.clock.advance(CALLBACK_ID_RETENTION_MS - 60_000);
    await w.post(signCallback(w.secret, 'msg_recent', t.clock.now(), body));
    t.clock.advance(60_001);
    const purge = t.ctx.jobHandlers[IDEMPOTENCY_PURGE_QUEUE];
    await purge?.(
      {},
      { id: 'j', queue: IDEMPOTENCY_PURGE_QUEUE, attempt: 1, maxAttempts: 1, workerId: 'w', lockedUntil: 0 },
    );
    const ids = await t.ctx.db.client.all<{ webhook_id: string }>(
      'SELECT webhook_id FROM ml_backend_callbacks WHERE org_id = ? ORDER BY webhook_id',
      [w.tenant.orgId],
    );
    expect(ids.map((r) => r.webhook_id)).toEqual(['msg_recent']);
    expect((await w.post(signCallback(w.secret, 'msg_recent', t.clock.now(), body))).json()).toMatchObject({
      replay: true,
    });
    expect((await w.post(signCallback(w.secret, 'msg_old', t.clock.now(), body))).json()).toMatchObject({
      replay: false,
    });
  });
});
