import { TEST_ONTOLOGY, testDatabases } from '@tessera/db';
import type { ProjectStatsDto, WorkItemDto } from '@tessera/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 26, 10); // the test app's clock starts here (10:00 UTC)

const box = (x: number, classes: string[] = []) => ({
  classifications: classes.map((class_id) => ({ class_id, attributes: {} })),
  objects: [
    {
      id: 'o1',
      class_id: 'car',
      geometry: { type: 'box', x, y: 10, w: 20, h: 20 },
      attributes: { occluded: false },
    },
  ],
  spans: [],
  attributes: {},
});
const EMPTY = { classifications: [], objects: [], spans: [], attributes: {} };

interface Scenario {
  readonly t: TestApp;
  readonly adminKey: string;
  readonly a: { userId: string; key: string };
  readonly b: { userId: string; key: string };
  readonly outsider: { userId: string; key: string };
  call(key: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object): Promise<Response>;
}

interface Response {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

async function labelOne(s: Scenario, who: { key: string }, payload: object, durationMs?: number) {
  const lease = await s.call(who.key, 'POST', '/v1/queue/lease', { project: 'cars' });
  const [l] = lease.body.leases as { task: { task_id: string; is_gold: boolean }; token: number }[];
  if (l === undefined) throw new Error(`nothing to lease: ${JSON.stringify(lease.body)}`);
  const body = { task_id: l.task.task_id, token: l.token, annotations: payload, duration_ms: durationMs };
  const submitted = await s.call(who.key, 'POST', '/v1/queue/submit', body);
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  return l.task;
}

/**
 * Project `cars` (consensus 2, gold rate 1), one gold task and three tasks with deadlines at 10:45, 13:00 and
 * 14:00. At 10:30 both annotators answer the gold task (A right, B wrong) and agree on t1; at 11:15 they
 * label t2 (B's box 2 px right, plus a `truck` class) and A leases t3 and keeps it. The clock ends at 11:30.
 */
async function scenario(t: TestApp): Promise<Scenario> {
  const acme = await t.tenant();
  const call = async (key: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
    const res = await t.app.inject({ method, url, payload, headers: { authorization: `Bearer ${key}` } });
    return { status: res.statusCode, body: res.json() as Record<string, unknown> };
  };
  const s: Scenario = {
    t,
    adminKey: acme.adminKey,
    a: await acme.user('annotator'),
    b: await acme.user('annotator'),
    outsider: await acme.user('annotator'),
    call,
  };
  const admin = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    call(acme.adminKey, method, url, payload);
  const workflow = { annotations_per_task: 2, gold_rate: 1, lease_seconds: 3600 };
  expect((await admin('POST', '/v1/projects', { name: 'cars', modality: 'image', workflow })).status).toBe(
    201,
  );
  expect((await admin('POST', '/v1/projects', { name: 'empty', modality: 'text' })).status).toBe(201);
  await admin('POST', '/v1/projects/cars/ontology-versions', { definition: TEST_ONTOLOGY });
  await admin('POST', '/v1/projects/cars/ontology-versions/1/publish');
  for (const u of [s.a, s.b]) await admin('POST', '/v1/projects/cars/members', { user_id: u.userId });
  const item = { media_type: 'image', uri: 'https://example.test/a.png', width: 100, height: 100 };
  const task = (body: object) =>
    admin('POST', '/v1/tasks', { project: 'cars', type: 'imageannotation', item, ...body });
  expect((await task({ expected_response: box(10) })).status).toBe(200);
  for (const minutes of [45, 180, 240]) {
    expect((await task({ deadline: T0 + minutes * MINUTE })).status).toBe(200);
  }
  t.clock.set(T0 + 30 * MINUTE);
  expect((await labelOne(s, s.a, box(10), 1000)).is_gold).toBe(true);
  expect((await labelOne(s, s.b, EMPTY, 3000)).is_gold).toBe(true);
  await labelOne(s, s.a, box(10), 2000);
  await labelOne(s, s.b, box(10));
  t.clock.set(T0 + 75 * MINUTE);
  await labelOne(s, s.a, box(10), 4000);
  await labelOne(s, s.b, box(12, ['truck']), 5000);
  expect((await call(s.a.key, 'POST', '/v1/queue/lease', { project: 'cars' })).status).toBe(200);
  t.clock.set(T0 + 90 * MINUTE);
  return s;
}

describe.each(testDatabases())('project statistics and my work over HTTP on $dialect', (db) => {
  let t: TestApp;
  afterEach(async () => t?.dispose());

  it('counts stages, queue, throughput buckets, deadlines, agreement and annotators exactly', async () => {
    t = await createTestApp(db);
    const s = await scenario(t);
    const res = await s.call(s.adminKey, 'GET', '/v1/projects/cars/stats');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const stats = res.body as unknown as ProjectStatsDto;
    expect(stats.window).toEqual({
      start: '2026-11-25T11:00:00.000Z',
      end: '2026-11-26T11:30:00.000Z',
      hours: 24,
      bucket_minutes: 60,
    });
    expect(stats.stages).toMatchObject({ queued: 1, labeling: 0, review: 0, gold: 1, completed: 2, dead: 0 });
    expect(stats.queue).toEqual({ queued: 1, in_flight: 1 });
    expect(stats.throughput.buckets).toHaveLength(25);
    expect(stats.throughput.buckets.filter((b) => b.submitted + b.completed > 0)).toEqual([
      { start: '2026-11-26T10:00:00.000Z', submitted: 4, completed: 1 },
      { start: '2026-11-26T11:00:00.000Z', submitted: 2, completed: 1 },
    ]);
    expect(stats.throughput).toMatchObject({ submitted: 6, completed: 2 });

    // 2 completions in the 1.5 h since the project started: 4/3 per hour; t3 (due 14:00) done at 12:15.
    expect(stats.deadline.completion_rate_per_hour).toBeCloseTo(4 / 3, 12);
    expect(stats.deadline).toMatchObject({
      remaining: 1,
      projected_finish: '2026-11-26T12:15:00.000Z',
      sla_seconds: null,
      next_due: '2026-11-26T14:00:00.000Z',
      on_track: true,
      status: 'on_track',
      upcoming: [
        {
          due_at: '2026-11-26T14:00:00.000Z',
          tasks: 1,
          cumulative: 1,
          projected_at: '2026-11-26T12:15:00.000Z',
          on_track: true,
        },
      ],
    });

    // t1: identical boxes (agreement 1). t2: IoU 9/11 between the boxes, classes {} vs {truck} → 9/22;
    // its final label is the mean box (x = 11) with `truck` (the plurality class).
    const [car, truck] = stats.classes;
    expect(car).toMatchObject({ class_id: 'car', labels: 2, scored: 2 });
    expect(car?.mean_agreement).toBeCloseTo((1 + 9 / 22) / 2, 12);
    expect(truck).toMatchObject({ class_id: 'truck', labels: 1, scored: 1 });
    expect(truck?.mean_agreement).toBeCloseTo(9 / 22, 12);

    const byUser = new Map(stats.annotators.map((a) => [a.user_id, a]));
    const a = byUser.get(s.a.userId);
    const b = byUser.get(s.b.userId);
    expect(stats.annotators).toHaveLength(2);
    expect(a).toMatchObject({ submitted: 3, median_duration_ms: 2000, gold_attempts: 1, gold_accuracy: 1 });
    expect(b).toMatchObject({ submitted: 3, median_duration_ms: 4000, gold_attempts: 1, gold_accuracy: 0 });
    expect(a?.email).toMatch(/@/);
    expect(a?.per_hour).toBeCloseTo(2, 12);
    // Against the final labels: t1 → 1 for both; t2 → A: mean(classes 0, IoU 19/21), B: mean(1, 19/21).
    expect(a).toMatchObject({ consensus_compared: 2 });
    expect(a?.consensus_agreement).toBeCloseTo((1 + 19 / 42) / 2, 12);
    expect(b?.consensus_agreement).toBeCloseTo((1 + 20 / 21) / 2, 12);
    expect(stats.sample).toEqual({ limit: 2000, final_labels: 2, annotations: 4, truncated: false });

    // Fewer than 50 events: the cursor starts at the beginning (the cut itself: stats-repo.test.ts).
    expect(stats.events.after).toBe(0);
  });

  it('flags an SLA the open work already missed, and honours the window and bucket size', async () => {
    t = await createTestApp(db);
    const s = await scenario(t);
    const patched = await s.call(s.adminKey, 'PATCH', '/v1/projects/cars/workflow', { sla_seconds: 3600 });
    expect(patched.status).toBe(200);
    const res = await s.call(s.adminKey, 'GET', '/v1/projects/cars/stats?hours=1&bucket_minutes=15');
    const stats = res.body as unknown as ProjectStatsDto;
    expect(stats.deadline).toMatchObject({
      sla_seconds: 3600,
      sla_oldest_due: '2026-11-26T11:00:00.000Z',
      sla_newest_due: '2026-11-26T11:00:00.000Z',
      next_due: '2026-11-26T11:00:00.000Z',
      on_track: false,
      status: 'at_risk',
    });
    // Window 10:30 → 11:30 in quarter hours: the 10:30 and 11:15 activity, both completions.
    expect(stats.window.start).toBe('2026-11-26T10:30:00.000Z');
    expect(stats.throughput.buckets.map((b) => [b.submitted, b.completed])).toEqual([
      [4, 1],
      [0, 0],
      [0, 0],
      [2, 1],
      [0, 0],
    ]);
  });

  it('refuses windows out of range and hides other organizations’ projects', async () => {
    t = await createTestApp(db);
    const s = await scenario(t);
    const tooLong = await s.call(s.adminKey, 'GET', '/v1/projects/cars/stats?hours=721');
    expect(tooLong.status).toBe(400);
    const tooFine = await s.call(s.adminKey, 'GET', '/v1/projects/cars/stats?hours=720&bucket_minutes=1');
    expect(tooFine.status).toBe(400);
    expect(tooFine.body).toMatchObject({ code: 'validation_failed' });
    const other = await t.tenant('Other');
    const res = await s.call(other.adminKey, 'GET', '/v1/projects/cars/stats');
    expect(res.status).toBe(404);
    const annotator = await s.call(s.a.key, 'GET', '/v1/projects/cars/stats');
    expect(annotator.status).toBe(403);
  });

  it('lists the caller’s projects with available, in-review and completed counts', async () => {
    t = await createTestApp(db);
    const s = await scenario(t);
    const cars = {
      project: 'cars',
      title: 'cars',
      modality: 'image',
      available: 1,
      in_review: 0,
      completed: 2,
    };
    const mine = await s.call(s.a.key, 'GET', '/v1/me/work');
    expect(mine.status).toBe(200);
    expect(mine.body.docs).toEqual([expect.objectContaining(cars)]);
    const all = (await s.call(s.adminKey, 'GET', '/v1/me/work')).body.docs as WorkItemDto[];
    expect(all.map((w) => [w.project, w.available, w.completed])).toEqual([
      ['cars', 1, 2],
      ['empty', 0, 0],
    ]);
    expect((await s.call(s.outsider.key, 'GET', '/v1/me/work')).body.docs).toEqual([]);
  });
});
