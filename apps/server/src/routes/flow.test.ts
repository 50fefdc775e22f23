import { TEST_ONTOLOGY, testDatabases } from '@tessera/db';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';

describe.each(testDatabases())('labeling flow over HTTP on $dialect', (db) => {
  let t: TestApp;
  afterEach(async () => t?.dispose());

  it('creates a project, publishes an ontology, creates tasks, leases, submits and reads results', async () => {
    t = await createTestApp(db);
    const acme = await t.tenant();
    const auth = { authorization: `Bearer ${acme.adminKey}` };
    const call = async (
      method: 'GET' | 'POST' | 'PUT' | 'PATCH',
      url: string,
      payload?: unknown,
      headers = auth,
    ) => {
      const res = await t.app.inject({ method, url, payload: payload as Record<string, unknown>, headers });
      return {
        status: res.statusCode,
        body: res.json() as Record<string, unknown> & { [k: string]: unknown },
        headers: res.headers,
      };
    };
    const created = await call('POST', '/v1/projects', {
      name: 'cars',
      modality: 'image',
      workflow: { annotations_per_task: 1 },
    });
    expect(created.status).toBe(201);
    expect(
      (await call('POST', '/v1/projects/cars/ontology-versions', { definition: TEST_ONTOLOGY })).status,
    ).toBe(201);
    expect((await call('POST', '/v1/projects/cars/ontology-versions/1/publish')).body).toMatchObject({
      published: true,
    });
    const annotator = await acme.user('annotator');
    const member = await call('POST', '/v1/projects/cars/members', { user_id: annotator.userId });
    expect(member.status, JSON.stringify(member.body)).toBe(200);

    const task = await call('POST', '/v1/task/imageannotation', {
      project: 'cars',
      unique_id: 'img-1',
      item: { media_type: 'image', uri: 'https://example.test/1.png', width: 100, height: 100 },
    });
    expect(task.status, JSON.stringify(task.body)).toBe(200);
    expect(task.body).toMatchObject({
      type: 'imageannotation',
      status: 'pending',
      project: 'cars',
      unique_id: 'img-1',
      taxonomy_version: 'cars@1',
    });
    const dup = await call('POST', '/v1/task/imageannotation', { project: 'cars', unique_id: 'img-1' });
    expect(dup.status).toBe(409);
    expect(dup.headers['content-type']).toContain('application/problem+json');
    expect(dup.body).toMatchObject({
      code: 'unique_id_conflict',
      existing_task_id: task.body.task_id,
      status_code: 409,
    });
    expect(String(dup.body.error)).toContain(String(task.body.task_id));

    const asAnnotator = { authorization: `Bearer ${annotator.key}` };
    const lease = await call('POST', '/v1/queue/lease', { project: 'cars' }, asAnnotator);
    expect(lease.status, JSON.stringify(lease.body)).toBe(200);
    const [l] = lease.body.leases as { task: { task_id: string }; token: number; item: { width: number } }[];
    expect(l?.item.width).toBe(100);
    const annotations = {
      classifications: [],
      objects: [
        {
          id: 'o1',
          class_id: 'car',
          geometry: { type: 'box', x: 1, y: 1, w: 5, h: 5 },
          attributes: { occluded: false },
        },
      ],
      spans: [],
      attributes: {},
    };
    const submitted = await call(
      'POST',
      '/v1/queue/submit',
      { task_id: l?.task.task_id, token: l?.token, annotations },
      asAnnotator,
    );
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body).toMatchObject({
      replayed: false,
      task: { status: 'completed', response: { revision: 1 } },
    });

    const got = await call('GET', `/v1/task/${String(task.body.task_id)}`);
    expect(got.body).toMatchObject({
      status: 'completed',
      response: { annotations: { objects: [expect.objectContaining({ class_id: 'car' })] } },
    });
    const listed = await call('GET', '/v1/tasks?project=cars&status=completed&limit=10');
    expect(listed.body).toMatchObject({ limit: 10, has_more: false, next_token: null });
    expect((listed.body.docs as unknown[]).length).toBe(1);
    const events = await call('GET', '/v1/events?limit=100');
    expect((events.body.docs as { type: string }[]).map((e) => e.type)).toContain('task.completed');
  });

  it('answers problems with a stable code and field path, 401 without a key and 403 without a scope', async () => {
    t = await createTestApp(db);
    const acme = await t.tenant();
    const noKey = await t.app.inject({ method: 'GET', url: '/v1/projects' });
    expect(noKey.statusCode).toBe(401);
    expect(noKey.json()).toMatchObject({ code: 'unauthenticated', status: 401 });
    const annotator = await acme.user('annotator');
    const forbidden = await t.app.inject({
      method: 'POST',
      url: '/v1/projects',
      headers: { authorization: `Bearer ${annotator.key}` },
      payload: { name: 'x', modality: 'image' },
    });
    expect(forbidden.statusCode).toBe(403);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/v1/projects',
      headers: { authorization: `Bearer ${acme.adminKey}` },
      payload: { name: 'x', modality: 'lidar', org_id: 'evil' },
    });
    expect(bad.statusCode).toBe(400);
    const pointers = (bad.json() as { errors: { pointer: string }[] }).errors.map((e) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/modality', '/org_id']));
    expect(bad.body).not.toContain(' at ');
    const basic = Buffer.from(`${acme.adminKey}:`).toString('base64');
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/v1/projects',
          headers: { authorization: `Basic ${basic}` },
        })
      ).statusCode,
    ).toBe(200);
    const openapi = await t.app.inject({ method: 'GET', url: '/v1/openapi.json' });
    expect(Object.keys((openapi.json() as { paths: object }).paths)).toContain('/v1/task/{task_id}');
  });
});
