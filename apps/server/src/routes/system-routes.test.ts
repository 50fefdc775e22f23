import { TEST_ONTOLOGY, testDatabases } from '@tessera/db';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';

describe.each(testDatabases())('health, readiness, metrics and Scale-style listing on $dialect', (db) => {
  let t: TestApp;
  afterEach(async () => t?.dispose());

  it('answers /healthz and /readyz, and exposes Prometheus metrics without ids in labels', async () => {
    t = await createTestApp(db);
    const acme = await t.tenant();
    const auth = { authorization: `Bearer ${acme.adminKey}` };
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready' });
    await t.app.inject({
      method: 'POST',
      url: '/v1/projects',
      headers: auth,
      payload: { name: 'depth', modality: 'image' },
    });
    for (let i = 0; i < 5; i++)
      await t.app.inject({ method: 'GET', url: `/v1/task/tsk_missing${i}`, headers: auth });
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.headers['content-type']).toContain('text/plain');
    for (const name of [
      'tessera_http_responses_total',
      'tessera_lease_duration_seconds',
      'tessera_submit_duration_seconds',
      'tessera_tasks_completed_total',
      'tessera_queue_depth',
      'tessera_webhook_deliveries_total',
    ]) {
      expect(metrics.body).toContain(`# TYPE ${name}`);
    }
    expect(metrics.body).toContain('tessera_queue_depth{project="depth"} 0');
    expect(metrics.body).toContain('route="/v1/task/:task_id",status="404"');
    expect(metrics.body).not.toContain('tsk_missing');
  });

  it('serves /metrics to loopback clients or to the operator token only, never to tenants', async () => {
    t = await createTestApp(db);
    const acme = await t.tenant();
    const remote = { remoteAddress: '203.0.113.7' };
    const tenantKey = { authorization: `Bearer ${acme.adminKey}` };
    const refused = await t.app.inject({ method: 'GET', url: '/metrics', headers: tenantKey, ...remote });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'forbidden' });
    expect(refused.body).not.toContain('tessera_queue_depth');
    await t.dispose();

    t = await createTestApp(db, { metricsToken: 'operator-secret-token' });
    const ok = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: 'Bearer operator-secret-token' },
      ...remote,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('# TYPE tessera_queue_depth');
    const acme2 = await t.tenant();
    for (const headers of [{}, { authorization: `Bearer ${acme2.adminKey}` }]) {
      // With a token configured, even loopback clients must present it.
      const res = await t.app.inject({ method: 'GET', url: '/metrics', headers });
      expect(res.statusCode).toBe(403);
    }
  });

  it('lists tasks with limit/offset like Scale ({docs, total, limit, offset, has_more, next_token})', async () => {
    t = await createTestApp(db);
    const acme = await t.tenant();
    const auth = { authorization: `Bearer ${acme.adminKey}` };
    const post = (url: string, payload: object = {}) =>
      t.app.inject({ method: 'POST', url, headers: auth, payload });
    await post('/v1/projects', { name: 'scale', modality: 'image' });
    await post('/v1/projects/scale/ontology-versions', { definition: TEST_ONTOLOGY });
    await post('/v1/projects/scale/ontology-versions/1/publish');
    for (let i = 0; i < 5; i++) {
      await post('/v1/task/imageannotation', { project: 'scale', unique_id: `s${i}` });
      t.clock.advance(1);
    }
    const page = (
      await t.app.inject({ method: 'GET', url: '/v1/tasks?project=scale&limit=2&offset=2', headers: auth })
    ).json() as Record<string, unknown>;
    expect(page).toMatchObject({ total: 5, limit: 2, offset: 2, has_more: true });
    expect((page.docs as { unique_id: string }[]).map((d) => d.unique_id)).toEqual(['s2', 's3']);
    const first = (
      await t.app.inject({ method: 'GET', url: '/v1/tasks?project=scale&limit=3', headers: auth })
    ).json() as { next_token: string };
    const next = (
      await t.app.inject({
        method: 'GET',
        url: `/v1/tasks?project=scale&limit=3&next_token=${first.next_token}`,
        headers: auth,
      })
    ).json() as { docs: { unique_id: string }[]; has_more: boolean };
    expect(next.docs.map((d) => d.unique_id)).toEqual(['s3', 's4']);
    expect(next.has_more).toBe(false);
    const reused = await t.app.inject({
      method: 'GET',
      url: `/v1/tasks?status=pending&limit=3&next_token=${first.next_token}`,
      headers: auth,
    });
    expect(reused.statusCode).toBe(400);
    expect(reused.json()).toMatchObject({ code: 'invalid_next_token' });
    const tooMany = await t.app.inject({ method: 'GET', url: '/v1/tasks?limit=1000000000', headers: auth });
    expect(tooMany.statusCode).toBe(400);
    const byUid = (
      await t.app.inject({ method: 'GET', url: '/v1/tasks?unique_id=s1&unique_id=s4', headers: auth })
    ).json() as { docs: unknown[] };
    expect(byUid.docs).toHaveLength(2);
  });
});
