import { TEST_ONTOLOGY, testDatabases } from '@tessera/db';
import type { AnnotationPayload, LabeledObject, TaskAnnotationsDto } from '@tessera/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestTenant } from '../testing/test-app';

const box = (id: string, class_id: string, x: number, y: number): LabeledObject => ({
  id,
  class_id,
  geometry: { type: 'box', x, y, w: 10, h: 10 },
  attributes: class_id === 'car' ? { occluded: false } : {},
});
const payload = (objects: AnnotationPayload['objects']): AnnotationPayload => ({
  classifications: [],
  objects,
  spans: [],
  attributes: {},
});

interface Setup {
  readonly tenant: TestTenant;
  readonly taskId: string;
  readonly reviewerKey: string;
  readonly annotatorKey: string;
  readonly authors: readonly string[];
}

/** A two-annotator project with review for every task; one task annotated twice, now in review. */
async function taskInReview(t: TestApp): Promise<Setup> {
  const tenant = await t.tenant();
  const call = async (url: string, body: unknown, key = tenant.adminKey) => {
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${key}` },
      payload: body as Record<string, unknown>,
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json() as Record<string, unknown>;
  };
  await call('/v1/projects', {
    name: 'cars',
    modality: 'image',
    workflow: { annotations_per_task: 2, review: { policy: 'all' } },
  });
  await call('/v1/projects/cars/ontology-versions', { definition: TEST_ONTOLOGY });
  await call('/v1/projects/cars/ontology-versions/1/publish', {});
  const task = await call('/v1/task/imageannotation', {
    project: 'cars',
    item: { media_type: 'image', uri: 'https://example.test/1.png', width: 100, height: 80 },
  });
  const work = [
    payload([box('a1', 'car', 0, 0)]),
    payload([box('b1', 'car', 0, 0), box('b2', 'truck', 50, 50)]),
  ];
  const authors: string[] = [];
  let annotatorKey = '';
  for (const annotations of work) {
    const annotator = await tenant.user('annotator');
    await call('/v1/projects/cars/members', { user_id: annotator.userId });
    const { leases } = (await call('/v1/queue/lease', { project: 'cars' }, annotator.key)) as {
      leases: { token: number; task: { task_id: string } }[];
    };
    const lease = leases[0];
    expect(lease?.task.task_id).toBe(task.task_id);
    await call(
      '/v1/queue/submit',
      { task_id: task.task_id, token: lease?.token, annotations },
      annotator.key,
    );
    authors.push(annotator.userId);
    annotatorKey = annotator.key;
  }
  const reviewer = await tenant.user('reviewer');
  return { tenant, taskId: String(task.task_id), reviewerKey: reviewer.key, annotatorKey, authors };
}

describe.each(testDatabases())('GET /v1/task/:task_id/annotations on $dialect', (db) => {
  let t: TestApp;
  afterEach(async () => t?.dispose());

  const get = (url: string, key: string) =>
    t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });

  it("returns the item, the final label and each annotation's agreement with it", async () => {
    t = await createTestApp(db);
    const s = await taskInReview(t);
    const res = await get(`/v1/task/${s.taskId}/annotations`, s.reviewerKey);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as TaskAnnotationsDto;
    expect(body).toMatchObject({
      task_id: s.taskId,
      stage: 'review',
      is_gold: false,
      ontology_version: 1,
      item: { media_type: 'image', uri: 'https://example.test/1.png', width: 100, height: 80 },
      final_label: { revision: 1, source: 'consensus', annotations: { objects: [{ class_id: 'car' }] } },
    });
    expect(body.docs.map((d) => [d.author_id, d.kind, d.current_round])).toEqual([
      [s.authors[0], 'label', true],
      [s.authors[1], 'label', true],
    ]);
    // The consensus kept the car both drew and dropped the truck only the second annotator drew.
    expect(body.docs[0]?.agreement).toBeCloseTo(1, 12);
    expect(body.docs[1]?.agreement).toBeCloseTo(2 / 3, 12);
    expect(body.docs[1]?.annotations.objects.map((o) => o.class_id)).toEqual(['car', 'truck']);
    expect(body.docs[0]?.created_at).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('scores a review fix and the labels against the new final label', async () => {
    t = await createTestApp(db);
    const s = await taskInReview(t);
    const review = (body: object) =>
      t.app.inject({
        method: 'POST',
        url: `/v1/task/${s.taskId}/review`,
        headers: { authorization: `Bearer ${s.reviewerKey}` },
        payload: body,
      });
    const fixed = payload([box('f1', 'truck', 50, 50)]);
    expect((await review({ action: 'fix', annotations: fixed })).statusCode).toBe(200);
    const afterFix = (
      await get(`/v1/task/${s.taskId}/annotations`, s.reviewerKey)
    ).json() as TaskAnnotationsDto;
    expect(afterFix.final_label).toMatchObject({ revision: 2, source: 'review_fix' });
    expect(afterFix.docs.map((d) => [d.kind, d.agreement])).toEqual([
      ['label', 0],
      ['label', expect.closeTo(2 / 3, 12)],
      ['review_fix', 1],
    ]);
  });

  it('shows a rejected round as not current', async () => {
    t = await createTestApp(db);
    const s = await taskInReview(t);
    const rejected = await t.app.inject({
      method: 'POST',
      url: `/v1/task/${s.taskId}/review`,
      headers: { authorization: `Bearer ${s.reviewerKey}` },
      payload: { action: 'reject', comment: 'boxes too loose' },
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const body = (await get(`/v1/task/${s.taskId}/annotations`, s.reviewerKey)).json() as TaskAnnotationsDto;
    expect(body.stage).toBe('queued');
    expect(body.docs.map((d) => d.current_round)).toEqual([false, false]);
  });

  it("answers 404 for another organization's task or an unknown one, and 403 to an annotator", async () => {
    t = await createTestApp(db);
    const s = await taskInReview(t);
    const other = await t.tenant('Other');
    const foreign = await get(`/v1/task/${s.taskId}/annotations`, other.adminKey);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).not.toContain('example.test');
    const otherReviewer = await other.user('reviewer');
    expect((await get(`/v1/task/${s.taskId}/annotations`, otherReviewer.key)).statusCode).toBe(404);
    expect((await get('/v1/task/tsk_missing/annotations', s.reviewerKey)).statusCode).toBe(404);
    const annotator = await get(`/v1/task/${s.taskId}/annotations`, s.annotatorKey);
    expect(annotator.statusCode).toBe(403);
    expect(annotator.json()).toMatchObject({ code: 'forbidden' });
    expect((await t.app.inject({ method: 'GET', url: `/v1/task/${s.taskId}/annotations` })).statusCode).toBe(
      401,
    );
  });
});
