import { TEST_ONTOLOGY, testDatabases } from '@tessera/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';
import { TENANT_CASES, type TenantObjects } from './tenant-cases';

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly operationId: string;
}

/** Every operation of the generated OpenAPI document. */
async function operations(t: TestApp): Promise<Operation[]> {
  const doc = (await t.app.inject({ method: 'GET', url: '/v1/openapi.json' })).json() as {
    paths: Record<string, Record<string, { operationId?: string }>>;
  };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      operationId: op.operationId ?? `${method} ${path}`,
    })),
  );
}

const TABLES = [
  'projects',
  'ontology_versions',
  'batches',
  'tasks',
  'assignments',
  'annotations',
  'final_labels',
  'api_keys',
  'users',
  'events',
  'ml_backends',
  'ml_backend_callbacks',
  'predictions',
];

async function snapshot(t: TestApp): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const [r] = await t.ctx.db.client.all<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`);
    out[table] = Number(r?.n ?? 0);
  }
  return out;
}

/** Tenant A's objects, made through the API so every kind of object a route can name exists. */
async function seed(t: TestApp): Promise<{ objects: TenantObjects; otherKey: string }> {
  const a = await t.tenant('Alpha');
  const b = await t.tenant('Beta');
  const auth = { authorization: `Bearer ${a.adminKey}` };
  const post = async (url: string, payload: object = {}) =>
    (await t.app.inject({ method: 'POST', url, headers: auth, payload })).json() as Record<string, string>;
  const project = await post('/v1/projects', { name: 'alpha-cars', modality: 'image' });
  await post('/v1/projects/alpha-cars/ontology-versions', { definition: TEST_ONTOLOGY });
  await post('/v1/projects/alpha-cars/ontology-versions/1/publish');
  const batch = await post('/v1/batches', { project: 'alpha-cars', name: 'alpha-batch' });
  const task = await post('/v1/tasks', {
    project: 'alpha-cars',
    type: 'imageannotation',
    unique_id: 'alpha-marker-1',
  });
  const user = await a.user('annotator');
  const key = await post('/v1/keys', { name: 'alpha-reader', scopes: ['tasks:read'] });
  // a webhook endpoint (public IP literal: no DNS) and one delivery to it, from a canceled task
  const hook = await post('/v1/webhooks', {
    url: 'https://93.184.215.14/hook',
    event_types: ['task.canceled'],
  });
  const canceled = await post('/v1/tasks', { project: 'alpha-cars', type: 'imageannotation' });
  await post(`/v1/task/${canceled.task_id}/cancel`);
  await t.ctx.webhooks.fanout.run();
  const [delivery] = await t.ctx.webhooks.service.deliveries({
    orgId: a.orgId,
    endpointId: String(hook.endpoint_id),
    limit: 1,
  });
  if (delivery === undefined) throw new Error('seed: the webhook delivery was not created');
  const backend = await post('/v1/ml-backends', { project: 'alpha-cars', name: 'alpha-model' });
  return {
    objects: {
      projectId: String(project.project_id),
      projectName: 'alpha-cars',
      batchId: String(batch.batch_id),
      batchName: 'alpha-batch',
      taskId: String(task.task_id),
      userId: user.userId,
      adminUserId: a.adminUserId,
      keyId: String(key.key_id),
      webhookEndpointId: String(hook.endpoint_id),
      webhookDeliveryId: delivery.id,
      mlBackendId: String(backend.backend_id),
    },
    otherKey: b.adminKey,
  };
}

describe.each(testDatabases())('tenant isolation matrix on $dialect', (db) => {
  let t: TestApp;
  let objects: TenantObjects;
  let otherKey: string;
  beforeAll(async () => {
    t = await createTestApp(db);
    ({ objects, otherKey } = await seed(t));
  });
  afterAll(async () => t?.dispose());

  it('has a case for every operation in the OpenAPI document (a new route without one fails here)', async () => {
    const missing = (await operations(t))
      .filter((op) => !(op.operationId in TENANT_CASES))
      .map((op) => op.operationId);
    expect(missing).toEqual([]);
  });

  it("answers 404 to another organization's key on every route that names an object, and changes nothing", async () => {
    const before = await snapshot(t);
    const failures: string[] = [];
    for (const op of await operations(t)) {
      const build = TENANT_CASES[op.operationId];
      if (build === undefined || build === null) continue;
      const { url, body, contentType } = build(objects, op.path);
      const res = await t.app.inject({
        method: op.method as 'GET',
        url,
        headers: {
          authorization: `Bearer ${otherKey}`,
          ...(contentType ? { 'content-type': contentType } : {}),
        },
        ...(body === undefined ? {} : { payload: body as string }),
      });
      if (res.statusCode !== 404)
        failures.push(`${op.operationId} ${op.method} ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
      if (res.body.includes('alpha-marker')) failures.push(`${op.operationId} leaked a marker`);
    }
    expect(failures).toEqual([]);
    expect(await snapshot(t)).toEqual(before);
  });

  it("never shows another organization's objects in lists", async () => {
    for (const url of ['/v1/projects', '/v1/tasks', '/v1/batches', '/v1/events']) {
      const res = await t.app.inject({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${otherKey}` },
      });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain('alpha');
    }
  });
});
