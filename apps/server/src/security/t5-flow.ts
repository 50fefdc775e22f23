import { TEST_ONTOLOGY } from '@tessera/db';
import { authTestKit } from '../testing/auth-test-kit';
import type { TestApp, TestTenant } from '../testing/test-app';
import { fill, TENANT_CASES, type TenantObjects } from './tenant-cases';

/**
 * A representative run of the API for T5's statement recorder: one organization goes through projects,
 * ontologies, members, batches, single and bulk task creation, leases (heartbeat, submit, release, expiry by
 * the sweeper), review, reads, statistics, export, webhooks (with a fan-out), keys, users, a web session and
 * ML backends; then a second organization aims every operation of the OpenAPI document at the first one's
 * objects (the T1 requests). Each step must answer the status it names, so the SQL behind it really ran.
 */

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Json = Record<string, unknown>;

interface Operation {
  readonly method: Method;
  readonly path: string;
  readonly operationId: string;
}

async function operations(t: TestApp): Promise<Operation[]> {
  const doc = (await t.app.inject({ method: 'GET', url: '/v1/openapi.json' })).json() as {
    paths: Record<string, Record<string, { operationId?: string }>>;
  };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase() as Method,
      path,
      operationId: op.operationId ?? `${method} ${path}`,
    })),
  );
}

function client(t: TestApp, headers: Record<string, string>) {
  return async (method: Method, url: string, payload?: unknown, expected: number | 'ok' = 'ok') => {
    const ndjson = typeof payload === 'string';
    const res = await t.app.inject({
      method,
      url,
      headers: { ...headers, ...(ndjson ? { 'content-type': 'application/x-ndjson' } : {}) },
      ...(payload === undefined ? {} : { payload: payload as Json }),
    });
    const ok = expected === 'ok' ? res.statusCode < 300 : res.statusCode === expected;
    if (!ok) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body.slice(0, 300)}`);
    return (res.body.startsWith('{') ? res.json() : {}) as Json;
  };
}

const box = (id: string) => ({
  classifications: [],
  objects: [
    {
      id,
      class_id: 'car',
      geometry: { type: 'box', x: 1, y: 1, w: 5, h: 5 },
      attributes: { occluded: false },
    },
  ],
  spans: [],
  attributes: {},
});

interface Lease {
  readonly task: { readonly task_id: string };
  readonly token: number;
}

type UrlOf = (operationId: string, values: Record<string, string>) => string;

async function setupSteps(t: TestApp, a: TestTenant, url: UrlOf) {
  const admin = client(t, { authorization: `Bearer ${a.adminKey}` });
  const project = await admin('POST', '/v1/projects', {
    name: 'flow',
    modality: 'image',
    workflow: { annotations_per_task: 1, review: { policy: 'all' }, lease_seconds: 60 },
  });
  const projectId = String(project.project_id);
  await admin('POST', '/v1/projects/flow/ontology-versions', { definition: TEST_ONTOLOGY });
  await admin('PUT', '/v1/projects/flow/ontology-versions/1', { definition: TEST_ONTOLOGY });
  await admin('POST', '/v1/projects/flow/ontology-versions/1/publish');
  await admin('GET', '/v1/projects/flow/ontology-versions');
  await admin('PATCH', '/v1/projects/flow/workflow', { priority: 3 });
  const annotator = await a.user('annotator');
  await admin('POST', '/v1/projects/flow/members', { user_id: annotator.userId });
  await admin('GET', '/v1/projects/flow/members');
  const batch = await admin('POST', '/v1/batches', { project: 'flow', name: 'b1' });
  const batchId = String(batch.batch_id);
  const tasks: string[] = [];
  for (const n of [1, 2, 3, 4]) {
    const task = await admin('POST', '/v1/tasks', {
      project: 'flow',
      type: 'imageannotation',
      batch: 'b1',
      unique_id: `flow-${n}`,
    });
    tasks.push(String(task.task_id));
  }
  await admin('POST', '/v1/task/imageannotation', { project: 'flow' });
  await admin(
    'POST',
    '/v1/tasks/bulk?project=flow',
    '{"type":"imageannotation"}\n{"type":"imageannotation"}\n',
  );
  await admin('POST', url('finalizeBatch', { batch: batchId }));
  await admin('GET', url('getBatch', { batch: batchId }));
  await admin('GET', url('batchStatus', { batch: batchId }));
  await admin('GET', '/v1/batches?project=flow');
  return { projectId, batchId, tasks, annotator };
}

async function labelingSteps(t: TestApp, a: TestTenant, url: UrlOf) {
  const admin = client(t, { authorization: `Bearer ${a.adminKey}` });
  const { projectId, batchId, tasks, annotator } = await setupSteps(t, a, url);
  const worker = client(t, { authorization: `Bearer ${annotator.key}` });
  const leased = (await worker('POST', '/v1/queue/lease', { project: 'flow', count: 3 })).leases as Lease[];
  const [first, second, third] = leased;
  if (first === undefined || second === undefined || third === undefined)
    throw new Error('expected 3 leases');
  await worker('POST', '/v1/queue/heartbeat', { task_id: first.task.task_id, token: first.token });
  await worker('POST', '/v1/queue/submit', {
    task_id: first.task.task_id,
    token: first.token,
    annotations: box('o1'),
  });
  await worker('POST', '/v1/queue/release', { task_id: second.task.task_id, token: second.token });
  t.clock.advance(120_000); // the third lease expires; the sweeper returns its task to the queue
  await t.ctx.engine.queue.sweepExpiredLeases();
  await admin('GET', '/v1/projects/flow/review-queue');
  await admin('GET', url('taskAnnotations', { task_id: first.task.task_id }));
  await admin('POST', url('reviewTask', { task_id: first.task.task_id }), { action: 'accept' });
  await admin('GET', url('taskLabels', { task_id: first.task.task_id }));
  await admin('GET', url('getTask', { task_id: first.task.task_id }));
  await admin('GET', '/v1/tasks?project=flow&limit=3');
  await admin('GET', `/v1/tasks?project=flow&status=completed&batch=${batchId}`);
  const spare = tasks[3] as string;
  await admin('POST', url('setTaskTags', { task_id: spare }), { tags: ['t'] });
  await admin('POST', url('setTaskMetadata', { task_id: spare }), { metadata: { k: 1 } });
  await admin('POST', url('cancelTask', { task_id: spare }));
  await admin('GET', `/v1/events?limit=50&task_id=${first.task.task_id}`);
  await admin('GET', '/v1/projects/flow/stats');
  await worker('GET', '/v1/me/work');
  await admin('GET', '/v1/projects/flow/export');
  return { projectId, batchId, taskId: first.task.task_id, annotatorId: annotator.userId };
}

async function accountSteps(t: TestApp, a: TestTenant, url: UrlOf) {
  const admin = client(t, { authorization: `Bearer ${a.adminKey}` });
  const hook = await admin('POST', '/v1/webhooks', {
    url: 'https://93.184.215.14/hook',
    event_types: ['task.canceled'],
  });
  const endpointId = String(hook.endpoint_id);
  await admin('GET', '/v1/webhooks');
  await admin('GET', url('getWebhook', { endpoint_id: endpointId }));
  await admin('POST', url('rotateWebhookSecret', { endpoint_id: endpointId }));
  await admin('POST', url('disableWebhook', { endpoint_id: endpointId }));
  await admin('POST', url('enableWebhook', { endpoint_id: endpointId }));
  await t.ctx.webhooks.fanout.run();
  const deliveries = (await admin('GET', url('listWebhookDeliveries', { endpoint_id: endpointId })))
    .docs as Json[];
  const deliveryId = String(deliveries[0]?.delivery_id ?? deliveries[0]?.id);
  await admin('POST', url('replayWebhookDelivery', { delivery_id: deliveryId }));
  await admin('GET', '/v1/webhooks/callback/deliveries');
  await admin('POST', '/v1/webhooks/callback/rotate-secret');
  const key = await admin('POST', '/v1/keys', { name: 'reader', scopes: ['tasks:read'] });
  await admin('GET', '/v1/keys');
  await admin('POST', url('revokeApiKey', { key_id: String(key.key_id) }));
  const kit = authTestKit(t);
  const sam = await kit.userWithPassword(a, 'annotator', 'sam@example.test');
  await admin('GET', '/v1/users');
  const session = await kit.login(sam.email);
  const web = client(t, session.headers(true));
  await web('GET', '/v1/auth/me');
  await web('POST', url('setPassword', { user_id: sam.userId }), {
    password: 'another long password 2',
    current_password: 'correct horse battery staple',
  });
  await client(t, (await kit.login(sam.email, 'another long password 2')).headers(true))(
    'POST',
    '/v1/auth/logout',
  );
  return { endpointId, deliveryId, keyId: String(key.key_id), userId: sam.userId };
}

async function mlSteps(t: TestApp, a: TestTenant, taskId: string, url: UrlOf) {
  const admin = client(t, { authorization: `Bearer ${a.adminKey}` });
  const backend = await admin('POST', '/v1/ml-backends', { project: 'flow', name: 'model' });
  const backendId = String(backend.backend_id);
  await admin('GET', '/v1/ml-backends?project=flow');
  await admin('POST', url('rotateMlBackendSecret', { backend_id: backendId }));
  await admin('GET', url('listTaskPredictions', { task_id: taskId }));
  return backendId;
}

/** Runs the flow; resolves when every step answered as expected. */
export async function runRepresentativeFlow(t: TestApp): Promise<void> {
  const ops = await operations(t);
  const url = (id: string, values: Record<string, string>) => {
    const op = ops.find((o) => o.operationId === id);
    if (op === undefined) throw new Error(`no operation ${id}`);
    return fill(op.path, values);
  };
  const a = await t.tenant('Alpha');
  const b = await t.tenant('Beta');
  const work = await labelingSteps(t, a, url);
  const accounts = await accountSteps(t, a, url);
  const mlBackendId = await mlSteps(t, a, work.taskId, url);
  const objects: TenantObjects = {
    projectId: work.projectId,
    projectName: 'flow',
    batchId: work.batchId,
    batchName: 'b1',
    taskId: work.taskId,
    userId: work.annotatorId,
    adminUserId: a.adminUserId,
    keyId: accounts.keyId,
    webhookEndpointId: accounts.endpointId,
    webhookDeliveryId: accounts.deliveryId,
    mlBackendId,
  };
  for (const op of ops) {
    const build = TENANT_CASES[op.operationId];
    if (build === undefined || build === null) continue;
    const { url: target, body, contentType } = build(objects, op.path);
    const res = await t.app.inject({
      method: op.method,
      url: target,
      headers: {
        authorization: `Bearer ${b.adminKey}`,
        ...(contentType ? { 'content-type': contentType } : {}),
      },
      ...(body === undefined ? {} : { payload: body as string }),
    });
    if (res.statusCode >= 500)
      throw new Error(`${op.operationId} → ${res.statusCode} ${res.body.slice(0, 200)}`);
  }
}
