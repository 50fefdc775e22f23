import { ConflictError, NotFoundError, ValidationError } from '@tessera/core';
import { afterEach, describe, expect, it } from 'vitest';
import { carBox, countRows, createFixture, type EngineFixture, imageTask } from './testing/engine-fixture';
import { testDatabases } from './testing/test-databases';

describe.each(testDatabases())('queue on $dialect', (db) => {
  let f: EngineFixture;
  afterEach(async () => f?.dispose());

  async function create(n: number, extra: (i: number) => Record<string, unknown> = () => ({})) {
    const results = await f.engine.tasks.createTasks(
      f.orgId,
      f.project.id,
      Array.from({ length: n }, (_, i) => imageTask(extra(i))),
    );
    return results.map((r) => (r.outcome === 'created' ? r.task.id : ''));
  }

  it('leases by priority, then deadline (none last), then age', async () => {
    f = await createFixture(db);
    const [low, high, soon, later, none] = await create(
      5,
      (i) =>
        [
          { priority: 0 },
          { priority: 5 },
          { priority: 1, deadline: 1000 },
          { priority: 1, deadline: 2000 },
          { priority: 1 },
        ][i] as Record<string, unknown>,
    );
    const leases = await f.engine.queue.lease({ orgId: f.orgId, annotatorId: f.annotators[0]!.id, count: 5 });
    expect(leases.map((l) => l.task.id)).toEqual([high, soon, later, none, low]);
    expect(leases.every((l) => l.token === 1 && l.expiresAt === f.clock.now() + 600_000)).toBe(true);
  });

  it("answers each lease with its task's item, read by the claim, and null for a task without one", async () => {
    f = await createFixture(db);
    const results = await f.engine.tasks.createTasks(f.orgId, f.project.id, [
      imageTask({ priority: 1 }),
      { type: 'imageannotation', params: { note: 'no item' } },
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['created', 'created']);
    const leases = await f.engine.queue.lease({ orgId: f.orgId, annotatorId: f.annotators[0]!.id, count: 2 });
    const [stored] = await f.client.all<{ id: string; uri: string }>('SELECT id, uri FROM items');
    expect(leases[0]?.item).toMatchObject({
      id: stored?.id,
      org_id: f.orgId,
      uri: 'https://example.test/a.png',
      width: 100,
      height: 100,
      metadata: {},
    });
    expect(leases[0]?.task.item_id).toBe(stored?.id);
    expect(leases[1]).toMatchObject({ item: null, task: { item_id: null } });
  });

  it('leases nothing to a non-member while tasks and gold are queued, and tells them from an empty queue', async () => {
    f = await createFixture(db, { workflow: { gold_rate: 0.5 } });
    await f.engine.tasks.createTasks(f.orgId, f.project.id, [
      imageTask(),
      imageTask({ expected_response: carBox() }),
    ]);
    const outsider = await f.engine.orgs.createUser(f.orgId, {
      email: 'x@acme.test',
      name: 'X',
      role: 'annotator',
    });
    for (let i = 0; i < 8; i++) {
      await expect(
        f.engine.queue.lease({ orgId: f.orgId, annotatorId: outsider.id, projectId: f.project.id, count: 2 }),
      ).rejects.toMatchObject({ code: 'not_found', message: `project ${f.project.id} not found` });
    }
    expect(await f.engine.queue.lease({ orgId: f.orgId, annotatorId: outsider.id })).toEqual([]);
    expect(await countRows(f.client, 'assignments', '1 = 1')).toBe(0);
    // A member with nothing left to lease gets an empty answer, not a 404.
    const member = { orgId: f.orgId, annotatorId: f.annotators[0]!.id, projectId: f.project.id, count: 2 };
    expect(await f.engine.queue.lease(member)).toHaveLength(2);
    expect(await f.engine.queue.lease(member)).toEqual([]);
  });

  it('never leases to a non-member, and never the same task twice to one annotator', async () => {
    f = await createFixture(db, { workflow: { annotations_per_task: 2 } });
    const outsider = await f.engine.orgs.createUser(f.orgId, {
      email: 'x@acme.test',
      name: 'X',
      role: 'annotator',
    });
    await expect(
      f.engine.queue.lease({ orgId: f.orgId, annotatorId: outsider.id, projectId: f.project.id }),
    ).rejects.toMatchObject({ code: 'not_found', message: `project ${f.project.id} not found` });
    expect(await f.engine.queue.lease({ orgId: f.orgId, annotatorId: outsider.id })).toEqual([]);
    // An unknown annotator is named as such, with or without a project (a member's lease reads no user row).
    for (const projectId of [f.project.id, undefined]) {
      await expect(
        f.engine.queue.lease({ orgId: f.orgId, annotatorId: 'usr_unknown', projectId }),
      ).rejects.toMatchObject({ code: 'not_found', message: 'user usr_unknown not found' });
    }
    await create(1);
    const a = f.annotators[0]!.id;
    const [first] = await f.engine.queue.lease({ orgId: f.orgId, annotatorId: a });
    expect(await f.engine.queue.lease({ orgId: f.orgId, annotatorId: a })).toEqual([]);
    await f.engine.queue.submit({
      orgId: f.orgId,
      annotatorId: a,
      taskId: first!.task.id,
      token: first!.token,
      payload: carBox(),
    });
    expect(await f.engine.queue.lease({ orgId: f.orgId, annotatorId: a })).toEqual([]);
    const [second] = await f.engine.queue.lease({ orgId: f.orgId, annotatorId: f.annotators[1]!.id });
    expect(second?.task.id).toBe(first!.task.id);
    expect(second?.token).toBe(2);
    expect(await f.engine.queue.lease({ orgId: f.orgId, annotatorId: f.annotators[2]!.id })).toEqual([]);
  });

  it('completes a consensus-3 task with a final label, agreement and exactly one outbox row', async () => {
    f = await createFixture(db, { workflow: { annotations_per_task: 3 } });
    const [taskId] = await create(1);
    for (const [i, u] of f.annotators.entries()) {
      const [lease] = await f.engine.queue.lease({ orgId: f.orgId, annotatorId: u.id });
      const r = await f.engine.queue.submit({
        orgId: f.orgId,
        annotatorId: u.id,
        taskId: lease!.task.id,
        token: lease!.token,
        payload: carBox(10 + i, 10),
      });
      expect(r.task.status).toBe(i < 2 ? 'pending' : 'completed');
    }
    const task = await f.engine.tasks.getTask(f.orgId, taskId!);
    expect(task).toMatchObject({
      status: 'completed',
      stage: 'completed',
      annotations_done: 3,
      leases_active: 0,
      final_revision: 1,
    });
    const [label] = await f.client.all<{ payload: string; agreement: number }>(
      'SELECT payload, agreement FROM final_labels WHERE task_id = ?',
      [taskId!],
    );
    expect(JSON.parse(label!.payload).objects[0].geometry).toMatchObject({
      type: 'box',
      x: 11,
      y: 10,
      w: 20,
      h: 20,
    });
    expect(label!.agreement).toBeGreaterThan(0.8);
    expect(
      await countRows(f.client, 'outbox', "task_id = ? AND event_type = 'task.completed'", [taskId!]),
    ).toBe(1);
  });

  it('answers a repeated submit with the first result and a stale token with 409 stale_lease', async () => {
    f = await createFixture(db);
    await create(1);
    const a = f.annotators[0]!.id;
    const [lease] = await f.engine.queue.lease({ orgId: f.orgId, annotatorId: a });
    const req = {
      orgId: f.orgId,
      annotatorId: a,
      taskId: lease!.task.id,
      token: lease!.token,
      payload: carBox(),
    };
    const first = await f.engine.queue.submit(req);
    const again = await f.engine.queue.submit(req);
    expect(again).toMatchObject({ annotationId: first.annotationId, replayed: true });
    expect(await countRows(f.client, 'annotations')).toBe(1);
    await expect(f.engine.queue.submit({ ...req, token: 99 })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('expires a lease: the task returns to the queue and the late submit is 409 stale_lease', async () => {
    f = await createFixture(db);
    await create(1);
    const [a, b] = [f.annotators[0]!.id, f.annotators[1]!.id];
    const [lease] = await f.engine.queue.lease({ orgId: f.orgId, annotatorId: a });
    f.clock.advance(300_000);
    expect(await f.engine.queue.heartbeat(f.orgId, a, lease!.task.id, lease!.token)).toEqual({
      expiresAt: f.clock.now() + 600_000,
    });
    f.clock.advance(600_001);
    const [taken] = await f.engine.queue.lease({ orgId: f.orgId, annotatorId: b });
    expect(taken).toMatchObject({ token: 2, task: { id: lease!.task.id } });
    const late = f.engine.queue.submit({
      orgId: f.orgId,
      annotatorId: a,
      taskId: lease!.task.id,
      token: lease!.token,
      payload: carBox(),
    });
    await expect(late).rejects.toMatchObject({ code: 'stale_lease', status: 409 });
    await f.engine.queue.submit({
      orgId: f.orgId,
      annotatorId: b,
      taskId: taken!.task.id,
      token: taken!.token,
      payload: carBox(),
    });
    expect(await countRows(f.client, 'annotations')).toBe(1);
    const statuses = await f.client.all<{ status: string; token: number }>(
      'SELECT status, token FROM assignments ORDER BY token',
    );
    expect(statuses).toEqual([
      { status: 'expired', token: 1 },
      { status: 'submitted', token: 2 },
    ]);
  });

  it('sweeps expired leases and dead-letters a poison task after max_attempts', async () => {
    f = await createFixture(db, { workflow: { max_attempts: 2, lease_seconds: 60 } });
    const [taskId] = await create(1);
    for (let i = 0; i < 2; i++) {
      expect(await f.engine.queue.lease({ orgId: f.orgId, annotatorId: f.annotators[i]!.id })).toHaveLength(
        1,
      );
      f.clock.advance(61_000);
      expect(await f.engine.queue.sweepExpiredLeases()).toBe(1);
    }
    const task = await f.engine.tasks.getTask(f.orgId, taskId!);
    expect(task).toMatchObject({ stage: 'dead', status: 'error', failed_attempts: 2 });
    expect(task.last_error).toContain('expired');
    expect(await f.engine.queue.lease({ orgId: f.orgId, annotatorId: f.annotators[2]!.id })).toEqual([]);
    expect(await countRows(f.client, 'outbox', "event_type = 'task.dead_lettered'")).toBe(1);
  });

  it('rejects an invalid annotation with a field path and writes nothing', async () => {
    f = await createFixture(db);
    await create(1);
    const a = f.annotators[0]!.id;
    const [lease] = await f.engine.queue.lease({ orgId: f.orgId, annotatorId: a });
    const bad = {
      ...carBox(90, 90, 20, 20),
      objects: [
        { id: 'o1', class_id: 'car', geometry: { type: 'box', x: 90, y: 90, w: 20, h: 20 }, attributes: {} },
      ],
    };
    const error = await f.engine.queue
      .submit({ orgId: f.orgId, annotatorId: a, taskId: lease!.task.id, token: lease!.token, payload: bad })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const codes = (error as ValidationError).issues.map((i) => `${i.code} ${i.path}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^outside_image \/objects\/0/),
        expect.stringMatching(/^missing_attribute \/objects\/0\/attributes/),
      ]),
    );
    expect(await countRows(f.client, 'annotations')).toBe(0);
    expect(await countRows(f.client, 'assignments', "status = 'active' AND ended_at IS NULL")).toBe(1);
    // The lease the failed submit had ended in its first statement is live again: the valid answer goes in.
    await f.engine.queue.submit({
      orgId: f.orgId,
      annotatorId: a,
      taskId: lease!.task.id,
      token: lease!.token,
      payload: carBox(),
    });
    expect(await countRows(f.client, 'annotations')).toBe(1);
    expect(await countRows(f.client, 'assignments', "status = 'submitted'")).toBe(1);
  });

  it('releases and skips: a skipped task is not offered to that annotator again', async () => {
    f = await createFixture(db);
    const [t1, t2] = await create(2);
    const a = f.annotators[0]!.id;
    const [l1] = await f.engine.queue.lease({ orgId: f.orgId, annotatorId: a });
    await f.engine.queue.release(f.orgId, a, l1!.task.id, l1!.token, 'skip');
    const [l2] = await f.engine.queue.lease({ orgId: f.orgId, annotatorId: a });
    expect(l2!.task.id).toBe(t2);
    await f.engine.queue.release(f.orgId, a, l2!.task.id, l2!.token);
    const [l3] = await f.engine.queue.lease({ orgId: f.orgId, annotatorId: a });
    expect(l3!.task.id).toBe(t2);
    await expect(f.engine.queue.release(f.orgId, a, l2!.task.id, l2!.token)).rejects.toBeInstanceOf(
      ConflictError,
    );
    const [other] = await f.engine.queue.lease({ orgId: f.orgId, annotatorId: f.annotators[1]!.id });
    expect(other!.task.id).toBe(t1);
  });

  it('mixes gold tasks in at the gold rate, scores them, and never makes them a final label', async () => {
    f = await createFixture(db, { workflow: { gold_rate: 1 } });
    await create(1);
    const [gold] = await f.engine.tasks.createTasks(f.orgId, f.project.id, [
      imageTask({ expected_response: carBox(10, 10, 20, 20) }),
    ]);
    expect(gold).toMatchObject({ outcome: 'created', task: { stage: 'gold', is_gold: true } });
    const a = f.annotators[0]!.id;
    const [lease] = await f.engine.queue.lease({ orgId: f.orgId, annotatorId: a });
    expect(lease!.task.is_gold).toBe(true);
    expect(lease!.item).toMatchObject({ id: lease!.task.item_id, width: 100 }); // the gold claim joins it too
    await f.engine.queue.submit({
      orgId: f.orgId,
      annotatorId: a,
      taskId: lease!.task.id,
      token: lease!.token,
      payload: carBox(12, 10, 20, 20),
    });
    const [score] = await f.client.all<{ accuracy: number; mean_iou: number }>(
      'SELECT accuracy, mean_iou FROM gold_scores',
    );
    expect(score!.accuracy).toBe(1);
    expect(score!.mean_iou).toBeCloseTo(360 / 440, 9);
    expect(await countRows(f.client, 'final_labels')).toBe(0);
    const [next] = await f.engine.queue.lease({ orgId: f.orgId, annotatorId: a });
    expect(next!.task.is_gold).toBe(false);
  });

  it('keeps other organizations out (404, never 403)', async () => {
    f = await createFixture(db);
    const [taskId] = await create(1);
    const other = await f.engine.orgs.createOrganization('Other');
    await expect(f.engine.tasks.getTask(other.id, taskId!)).rejects.toBeInstanceOf(NotFoundError);
    await expect(f.engine.projects.getProject(other.id, f.project.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(f.engine.tasks.cancelTask(other.id, taskId!)).rejects.toBeInstanceOf(NotFoundError);
    await expect(f.engine.tasks.createTasks(other.id, f.project.id, [imageTask()])).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
