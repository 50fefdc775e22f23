import { TEST_ONTOLOGY, testDatabases } from '@tessera/db';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';

const MAX_ATTEMPTS = 3;
const LEASE_SECONDS = 30;
const LAST_ERROR = 'decoder crashed: unsupported colour type 7';

type Call = (
  method: 'GET' | 'POST',
  url: string,
  key: string,
  payload?: Record<string, unknown>,
) => Promise<{ status: number; body: Record<string, unknown> }>;

function caller(t: TestApp): Call {
  return async (method, url, key, payload) => {
    const res = await t.app.inject({ method, url, payload, headers: { authorization: `Bearer ${key}` } });
    return { status: res.statusCode, body: res.json() as Record<string, unknown> };
  };
}

/** Through the API: a project with max_attempts 3, three annotators, one task. */
async function poisonProject(t: TestApp, call: Call) {
  const acme = await t.tenant();
  const admin = acme.adminKey;
  const workflow = { max_attempts: MAX_ATTEMPTS, lease_seconds: LEASE_SECONDS };
  const project = await call('POST', '/v1/projects', admin, { name: 'poison', modality: 'image', workflow });
  expect(project.status).toBe(201);
  await call('POST', '/v1/projects/poison/ontology-versions', admin, { definition: TEST_ONTOLOGY });
  await call('POST', '/v1/projects/poison/ontology-versions/1/publish', admin);
  const annotators = [
    await acme.user('annotator'),
    await acme.user('annotator'),
    await acme.user('annotator'),
  ];
  for (const a of annotators) await call('POST', '/v1/projects/poison/members', admin, { user_id: a.userId });
  const item = { media_type: 'image', width: 10, height: 10 };
  const created = await call('POST', '/v1/task/imageannotation', admin, { project: 'poison', item });
  return { admin, keys: annotators.map((a) => a.key), taskId: String(created.body.task_id) };
}

describe.each(testDatabases())('Q6 poison task → dead letter on $dialect', (db) => {
  let t: TestApp;
  afterEach(async () => t?.dispose());

  it(`after ${MAX_ATTEMPTS} failed attempts (errors and an expiry) the task is dead, never offered again, and listed with its last error`, async () => {
    t = await createTestApp(db);
    const call = caller(t);
    const { admin, keys, taskId } = await poisonProject(t, call);
    const lease = async (key: string) => {
      const res = await call('POST', '/v1/queue/lease', key, { project: 'poison' });
      return (res.body.leases as { token: number; task: { task_id: string } }[])[0];
    };
    const fail = async (key: string, error: string) => {
      const held = await lease(key);
      expect(held?.task.task_id).toBe(taskId);
      const body = { task_id: taskId, token: held?.token, reason: 'error', error };
      expect((await call('POST', '/v1/queue/release', key, body)).status).toBe(200);
    };
    const [k0, k1, k2] = [keys[0]!, keys[1]!, keys[2]!];

    await fail(k0, 'decoder crashed: truncated PNG');
    expect(await lease(k1)).toBeDefined(); // attempt 2 expires
    t.clock.advance(LEASE_SECONDS * 1000 + 1);
    expect(await t.ctx.engine.queue.sweepExpiredLeases()).toBe(1);
    await fail(k2, LAST_ERROR);

    const task = await call('GET', `/v1/task/${taskId}`, admin);
    expect(task.body).toMatchObject({ status: 'error', last_error: LAST_ERROR });
    for (const key of keys) {
      t.clock.advance(LEASE_SECONDS * 1000);
      await t.ctx.engine.queue.sweepExpiredLeases();
      expect(await lease(key)).toBeUndefined();
    }
    const listed = await call('GET', '/v1/tasks?status=error&project=poison', admin);
    expect(listed.status).toBe(200);
    expect(listed.body.docs).toEqual([
      expect.objectContaining({ task_id: taskId, status: 'error', last_error: LAST_ERROR }),
    ]);
    const events = await call('GET', `/v1/events?task_id=${taskId}`, admin);
    const dead = (events.body.docs as { type: string; data: Record<string, unknown> }[]).filter(
      (e) => e.type === 'task.dead_lettered',
    );
    expect(dead).toEqual([expect.objectContaining({ data: { attempts: MAX_ATTEMPTS, error: LAST_ERROR } })]);
  });
});
