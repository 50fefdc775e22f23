import { imageTask, TEST_ONTOLOGY, testDatabases } from '@tessera/db';
import { taskRoutes } from '@tessera/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from './client';
import { TesseraApiError } from './errors';
import { type LiveServer, startLiveServer } from './testing/live-server';
import type { FetchInit, FetchLike } from './transport';

const CAR_BOX = {
  classifications: [],
  objects: [
    {
      id: 'o1',
      class_id: 'car',
      geometry: { type: 'box' as const, x: 10, y: 10, w: 20, h: 20 },
      attributes: { occluded: false },
    },
  ],
  spans: [],
  attributes: {},
};

interface Sent {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
}

/** The platform fetch, recording what was sent. */
function recordingFetch(sent: Sent[]): FetchLike {
  return (url: string, init: FetchInit) => {
    sent.push({ method: init.method, url, headers: init.headers });
    return fetch(url, init);
  };
}

/**
 * The platform fetch, except that the first POST's answer is lost after the server acted on it (a 503 from a
 * proxy, say). Records `METHOD path status Idempotent-Replayed`.
 */
function losingFirstAnswer(options: { dropKey: boolean }) {
  const calls: string[] = [];
  let lost = false;
  const lossy: FetchLike = async (url, init) => {
    const { 'idempotency-key': key, ...rest } = init.headers;
    const headers = options.dropKey || key === undefined ? rest : { ...rest, 'idempotency-key': key };
    const res = await fetch(url, { ...init, headers });
    const { pathname, search } = new URL(url);
    calls.push(
      `${init.method} ${pathname}${search} ${res.status} ${res.headers.get('idempotent-replayed') ?? '-'}`,
    );
    if (init.method !== 'POST' || lost) return res;
    lost = true;
    return new Response('{"code":"unavailable","detail":"the proxy lost the answer"}', {
      status: 503,
      headers: { 'content-type': 'application/problem+json' },
    });
  };
  return { calls, fetch: lossy };
}

async function cars(server: LiveServer) {
  const acme = await server.t.tenant();
  const sent: Sent[] = [];
  const admin = createClient({ baseUrl: server.url, apiKey: acme.adminKey, fetch: recordingFetch(sent) });
  await admin.createProject({ name: 'cars', modality: 'image', workflow: { annotations_per_task: 1 } });
  await admin.createOntologyDraft({ project: 'cars', definition: TEST_ONTOLOGY });
  await admin.publishOntologyVersion({ project: 'cars', version: 1 });
  return { acme, admin, sent };
}

describe.each(testDatabases())('SDK against a live server on $dialect', (db) => {
  let server: LiveServer | undefined;
  afterEach(async () => server?.dispose());

  it('runs the labeling flow: project, batch, task, lease, submit, results, errors', async () => {
    server = await startLiveServer(db);
    const { acme, admin, sent } = await cars(server);
    const annotator = await acme.user('annotator');
    await admin.addMember({ project: 'cars', user_id: annotator.userId });
    await admin.createBatch({ project: 'cars', name: 'b1' });
    const item = { media_type: 'image' as const, uri: 'https://example.test/1.png', width: 100, height: 100 };
    const task = await admin.createTypedTask({
      type: 'imageannotation',
      project: 'cars',
      batch: 'b1',
      unique_id: 'img-1',
      item,
    });
    expect(task).toMatchObject({
      status: 'pending',
      stage: 'staging',
      unique_id: 'img-1',
      taxonomy_version: 'cars@1',
    });
    expect((await admin.finalizeBatch({ batch: 'b1' })).status).toBe('in_progress');

    const worker = createClient({ baseUrl: server.url, apiKey: annotator.key });
    const { leases } = await worker.leaseTasks({ project: 'cars' });
    const [lease] = leases;
    expect(lease?.task.task_id).toBe(task.task_id);
    expect(lease?.item).toMatchObject({ width: 100 });
    const submitted = await worker.submitAnnotation({
      task_id: task.task_id,
      token: lease?.token ?? 0,
      annotations: CAR_BOX,
    });
    expect(submitted).toMatchObject({ replayed: false, task: { status: 'completed' } });

    const viaCall = await admin.call(taskRoutes.getTask, { params: { task_id: task.task_id } });
    expect(viaCall.task_id).toBe(task.task_id);
    expect(await admin.getTask({ task_id: task.task_id })).toMatchObject({
      status: 'completed',
      response: { revision: 1 },
    });
    expect((await admin.taskLabels({ task_id: task.task_id })).docs).toHaveLength(1);
    expect(await admin.batchStatus({ batch: 'b1' })).toMatchObject({ status: 'completed', completed: 1 });
    expect((await admin.listTasks({ project: 'cars', status: 'completed', include_total: true })).total).toBe(
      1,
    );
    const events = await admin.listEvents({ project: 'cars', limit: 100 });
    expect(events.docs.map((e) => e.type)).toContain('task.completed');

    const posts = sent.filter((s) => s.method === 'POST');
    expect(posts.every((s) => /^[0-9a-f-]{36}$/.test(s.headers['idempotency-key'] ?? ''))).toBe(true);
    expect(new Set(posts.map((s) => s.headers['idempotency-key'])).size).toBe(posts.length);
    expect(sent.filter((s) => s.method === 'GET').every((s) => !('idempotency-key' in s.headers))).toBe(true);

    const dup = (await admin
      .createTypedTask({ type: 'imageannotation', project: 'cars', unique_id: 'img-1' })
      .catch((e: unknown) => e)) as TesseraApiError;
    expect(dup).toBeInstanceOf(TesseraApiError);
    expect(dup).toMatchObject({ status: 409, code: 'unique_id_conflict', existingTaskId: task.task_id });
    expect(dup.requestId).toMatch(/^req_/);
    const missing = (await admin
      .getTask({ task_id: 'tsk_missing' })
      .catch((e: unknown) => e)) as TesseraApiError;
    expect(missing.message).toBe('404 not_found: task tsk_missing not found');
    const bad = (await admin
      .createProject({ name: 'x', modality: 'lidar' as 'image' })
      .catch((e: unknown) => e)) as TesseraApiError;
    expect(bad).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(bad.errors.map((e) => e.pointer)).toContain('/modality');
    await expect(worker.createProject({ name: 'nope', modality: 'image' })).rejects.toMatchObject({
      status: 403,
    });
    const anonymous = createClient({ baseUrl: server.url });
    await expect(anonymous.listProjects()).rejects.toMatchObject({ status: 401, code: 'unauthenticated' });
  });

  it('safe retry: a create whose answer is lost (5xx) is retried, meets 409 and returns the original task', async () => {
    server = await startLiveServer(db);
    const { acme } = await cars(server);
    // Without the Idempotency-Key (an older server, or a key past its 24 h), the retry meets the unique_id.
    const lossy = losingFirstAnswer({ dropKey: true });
    const client = createClient({
      baseUrl: server.url,
      apiKey: acme.adminKey,
      fetch: lossy.fetch,
      sleep: async () => {},
    });
    const input = { ...imageTask({ unique_id: 'scene-42' }), type: 'imageannotation', project: 'cars' };
    const task = await client.createTask(input);
    expect(task).toMatchObject({ unique_id: 'scene-42', project: 'cars' });
    expect(lossy.calls).toEqual([
      'POST /v1/tasks 200 -',
      'POST /v1/tasks 409 -',
      'GET /v1/tasks?unique_id=scene-42&limit=1 200 -',
    ]);
    const all = await client.listTasks({ unique_id: 'scene-42' });
    expect(all.docs.map((t) => t.task_id)).toEqual([task.task_id]);
  });

  it('a create whose answer is lost is retried with the same Idempotency-Key and gets the replayed answer', async () => {
    server = await startLiveServer(db);
    const { acme } = await cars(server);
    const lossy = losingFirstAnswer({ dropKey: false });
    const client = createClient({
      baseUrl: server.url,
      apiKey: acme.adminKey,
      fetch: lossy.fetch,
      sleep: async () => {},
    });
    const task = await client.createTypedTask({
      type: 'imageannotation',
      project: 'cars',
      unique_id: 'scene-7',
    });
    expect(lossy.calls).toEqual([
      'POST /v1/task/imageannotation 200 -',
      'POST /v1/task/imageannotation 200 true',
    ]);
    expect((await client.listTasks({ unique_id: 'scene-7' })).docs.map((t) => t.task_id)).toEqual([
      task.task_id,
    ]);
  });

  it('a submit with lease_next whose answer is lost is repeated without a key and answers the same leases', async () => {
    server = await startLiveServer(db);
    const { acme, admin } = await cars(server);
    const annotator = await acme.user('annotator');
    await admin.addMember({ project: 'cars', user_id: annotator.userId });
    for (let i = 1; i <= 5; i++)
      await admin.createTypedTask({ type: 'imageannotation', project: 'cars', unique_id: `s-${i}` });
    const worker = createClient({ baseUrl: server.url, apiKey: annotator.key });
    const [lease] = (await worker.leaseTasks({ project: 'cars' })).leases;
    const lossy = losingFirstAnswer({ dropKey: false });
    const sent: Sent[] = [];
    const retrying = createClient({
      baseUrl: server.url,
      apiKey: annotator.key,
      fetch: (url, init) => {
        sent.push({ method: init.method, url, headers: init.headers });
        return lossy.fetch(url, init);
      },
      sleep: async () => {},
    });
    const answer = await retrying.submitAnnotation({
      task_id: lease?.task.task_id ?? '',
      token: lease?.token ?? 0,
      annotations: CAR_BOX,
      lease_next: { project: 'cars', count: 2 },
    });
    expect(lossy.calls).toEqual(['POST /v1/queue/submit 200 -', 'POST /v1/queue/submit 200 -']);
    expect(sent.map((s) => 'idempotency-key' in s.headers)).toEqual([false, false]);
    expect(answer.replayed).toBe(true);
    const answered = answer.leases?.map((l) => l.task.unique_id);
    expect(answered).toEqual(['s-2', 's-3']);
    // Nothing stranded: the repeat leased nothing, so the rest of the queue is still there.
    const rest = await worker.leaseTasks({ project: 'cars', count: 5 });
    expect(rest.leases.map((l) => l.task.unique_id)).toEqual(['s-4', 's-5']);
    // A key the caller passes is still sent.
    const [next] = answer.leases ?? [];
    await retrying.submitAnnotation(
      { task_id: next?.task.task_id ?? '', token: next?.token ?? 0, annotations: CAR_BOX },
      { idempotencyKey: 'caller-key-1' },
    );
    expect(sent.at(-1)?.headers['idempotency-key']).toBe('caller-key-1');
  });

  it('bulk-creates from an async iterable in chunks; line numbers are those of the source', async () => {
    server = await startLiveServer(db);
    const { admin } = await cars(server);
    await admin.createBatch({ project: 'cars', name: 'bulk' });
    async function* source() {
      for (let i = 0; i < 230; i += 1)
        yield { ...imageTask({ unique_id: `b-${i}` }), type: 'imageannotation' };
      yield '';
      yield '{"unique_id": "no-type"}';
      yield JSON.stringify(imageTask({ unique_id: 'b-7' }));
    }
    const progress: number[] = [];
    const summary = await admin.bulkCreateTasks('cars', source(), {
      batch: 'bulk',
      chunkLines: 100,
      onProgress: (p) => progress.push(p.created),
    });
    expect(summary).toMatchObject({ lines: 233, created: 230, duplicates: 1, invalid: 1 });
    expect(summary.results.map((r) => [r.line, r.outcome])).toEqual([
      [232, 'invalid'],
      [233, 'duplicate'],
    ]);
    expect(progress).toEqual([100, 200, 230]);
    expect((await admin.batchStatus({ batch: 'bulk' })).pending).toBe(230);
  });

  it('iterates 250 tasks across pages following next_token', async () => {
    server = await startLiveServer(db);
    const { acme, admin, sent } = await cars(server);
    const project = await server.t.ctx.engine.projects.resolveProject(acme.orgId, 'cars');
    const inputs = Array.from({ length: 250 }, (_, i) => imageTask({ unique_id: `p-${i}` }));
    const created = await server.t.ctx.engine.tasks.createTasks(acme.orgId, project.id, inputs);
    expect(created.every((r) => r.outcome === 'created')).toBe(true);
    sent.length = 0;
    const seen: string[] = [];
    for await (const task of admin.iterateTasks({ project: 'cars' })) seen.push(task.unique_id ?? '');
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
    expect(sent).toHaveLength(3);
    expect(sent[1]?.url).toMatch(/next_token=/);

    sent.length = 0;
    let n = 0;
    for await (const _task of admin.iterateTasks({ project: 'cars', limit: 10 })) if (++n === 15) break;
    expect(sent).toHaveLength(2);
    const batches: string[] = [];
    for await (const b of admin.iterateBatches({ project: 'cars' })) batches.push(b.name);
    expect(batches).toEqual([]);
  });
});
