import { ConflictError, NotFoundError, ValidationError } from '@tessera/core';
import { afterEach, describe, expect, it } from 'vitest';
import { carBox, countRows, createFixture, type EngineFixture, imageTask } from './testing/engine-fixture';
import { testDatabases } from './testing/test-databases';

describe.each(testDatabases())('submit with lease_next on $dialect', (db) => {
  let f: EngineFixture;
  afterEach(async () => f?.dispose());

  async function create(n: number, priority: (i: number) => number = () => 0) {
    const results = await f.engine.tasks.createTasks(
      f.orgId,
      f.project.id,
      Array.from({ length: n }, (_, i) => imageTask({ priority: priority(i) })),
    );
    return results.map((r) => (r.outcome === 'created' ? r.task.id : ''));
  }

  const submitReq = (annotatorId: string, taskId: string, token: number, payload: unknown = carBox()) => ({
    orgId: f.orgId,
    annotatorId,
    taskId,
    token,
    payload,
  });

  it('submits, then leases the next task by the lease order, both committed', async () => {
    f = await createFixture(db);
    const [a, b, c] = await create(3, (i) => 3 - i);
    const annotator = f.annotators[0]!.id;
    const [first] = await f.engine.queue.lease({ orgId: f.orgId, annotatorId: annotator });
    expect(first?.task.id).toBe(a);
    const result = await f.engine.queue.submitAndLease(submitReq(annotator, a!, first!.token), {
      projectId: f.project.id,
      count: 2,
    });
    expect(result.task.status).toBe('completed');
    expect(result.replayed).toBe(false);
    expect(result.leases.map((l) => l.task.id)).toEqual([b, c]);
    expect(result.leases.every((l) => l.token === 1 && l.task.leases_active === 1)).toBe(true);
    expect(
      await countRows(f.client, 'assignments', "status = 'active' AND annotator_id = ?", [annotator]),
    ).toBe(2);
    expect(await countRows(f.client, 'events', "type = 'task.leased'")).toBe(3);
    const empty = await f.engine.queue.submitAndLease(submitReq(annotator, b!, result.leases[0]!.token), {});
    expect(empty.leases).toEqual([]); // c is held by this annotator already
  });

  it('a repeat answers the live leases the first made and leases nothing more', async () => {
    f = await createFixture(db);
    const [a, b, c] = await create(3, (i) => 3 - i);
    const annotator = f.annotators[0]!.id;
    const [first] = await f.engine.queue.lease({ orgId: f.orgId, annotatorId: annotator });
    const req = submitReq(annotator, a!, first!.token);
    const made = await f.engine.queue.submitAndLease(req, { count: 2 });
    expect(made.leases.map((l) => l.task.id)).toEqual([b, c]);
    const leasedBefore = await countRows(f.client, 'assignments');
    const eventsBefore = await countRows(f.client, 'events');

    const repeat = await f.engine.queue.submitAndLease(req, { count: 2 });
    expect(repeat.replayed).toBe(true);
    expect(repeat.annotationId).toBe(made.annotationId);
    expect(repeat.assignmentId).toBe(made.assignmentId);
    expect(repeat.leases).toEqual(made.leases);
    expect(await countRows(f.client, 'assignments')).toBe(leasedBefore);
    expect(await countRows(f.client, 'events')).toBe(eventsBefore);

    // Only live leases are answered: one submitted since, one expired by the clock, none of another org.
    const next = await f.engine.queue.submit(submitReq(annotator, b!, made.leases[0]!.token));
    expect(next.replayed).toBe(false);
    expect((await f.engine.queue.submitAndLease(req, {})).leases.map((l) => l.task.id)).toEqual([c]);
    const foreign = await f.deps.store.write((tx) =>
      tx.queue.leasesAfter('org_other', made.assignmentId, f.clock.now()),
    );
    expect(foreign).toEqual([]);
    f.clock.advance(600_001);
    expect((await f.engine.queue.submitAndLease(req, {})).leases).toEqual([]);
  });

  it('never leases back a task the annotator just answered (consensus 2)', async () => {
    f = await createFixture(db, { workflow: { annotations_per_task: 2 } });
    const [only] = await create(1);
    const annotator = f.annotators[0]!.id;
    const [lease] = await f.engine.queue.lease({ orgId: f.orgId, annotatorId: annotator });
    const result = await f.engine.queue.submitAndLease(submitReq(annotator, only!, lease!.token), {});
    expect(result.task.annotations_done).toBe(1);
    expect(result.leases).toEqual([]);
    const [other] = await f.engine.queue.lease({ orgId: f.orgId, annotatorId: f.annotators[1]!.id });
    expect(other?.task.id).toBe(only);
  });

  it('a refused submit (stale lease, invalid payload, bad count) leases nothing', async () => {
    f = await createFixture(db);
    const [a] = await create(3);
    const annotator = f.annotators[0]!.id;
    const [lease] = await f.engine.queue.lease({ orgId: f.orgId, annotatorId: annotator });
    const leasedBefore = await countRows(f.client, 'assignments');
    await expect(
      f.engine.queue.submitAndLease(submitReq(annotator, a!, lease!.token + 1), {}),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      f.engine.queue.submitAndLease(submitReq(annotator, a!, lease!.token, { objects: 'nope' }), {}),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      f.engine.queue.submitAndLease(submitReq(annotator, a!, lease!.token), { count: 0 }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await countRows(f.client, 'assignments')).toBe(leasedBefore);
    expect(await countRows(f.client, 'annotations')).toBe(0);
    f.clock.advance(600_001);
    await expect(
      f.engine.queue.submitAndLease(submitReq(annotator, a!, lease!.token), {}),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await countRows(f.client, 'assignments', "status = 'active'")).toBe(0);
  });
});
