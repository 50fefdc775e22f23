import { ConflictError, ValidationError } from '@tessera/core';
import type { OntologyDefinition } from '@tessera/schema';
import { afterEach, describe, expect, it } from 'vitest';
import {
  carBox,
  countRows,
  createFixture,
  type EngineFixture,
  imageTask,
  TEST_ONTOLOGY,
} from './testing/engine-fixture';
import { testDatabases } from './testing/test-databases';

describe.each(testDatabases())('task lifecycle on $dialect', (db) => {
  let f: EngineFixture;
  afterEach(async () => f?.dispose());

  async function labelOnce(annotator = 0, payload: unknown = carBox()) {
    const u = f.annotators[annotator]!.id;
    const [lease] = await f.engine.queue.lease({ orgId: f.orgId, annotatorId: u });
    return f.engine.queue.submit({
      orgId: f.orgId,
      annotatorId: u,
      taskId: lease!.task.id,
      token: lease!.token,
      payload,
    });
  }

  it('creates in bulk: bad inputs and duplicates are reported per input, the rest are created once', async () => {
    f = await createFixture(db);
    const results = await f.engine.tasks.createTasks(f.orgId, f.project.id, [
      imageTask({ unique_id: 'a' }),
      imageTask({ unique_id: 'b', priority: 'high' }),
      imageTask({ unique_id: 'a' }),
      { type: 'imageannotation', metadata: { blob: 'x'.repeat(20_000) } },
      imageTask({
        unique_id: 'c',
        expected_response: {
          ...carBox(),
          objects: [
            { id: 'o', class_id: 'bus', geometry: { type: 'box', x: 1, y: 1, w: 1, h: 1 }, attributes: {} },
          ],
        },
      }),
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['created', 'invalid', 'duplicate', 'invalid', 'invalid']);
    const [a, bad, dup, big, gold] = results;
    expect(bad).toMatchObject({ issues: [expect.objectContaining({ path: '/priority' })] });
    expect(dup).toMatchObject({ existingTaskId: a!.outcome === 'created' ? a!.task.id : '' });
    expect(big).toMatchObject({
      issues: [expect.objectContaining({ path: '/metadata', code: 'too_large' })],
    });
    expect(gold).toMatchObject({
      issues: [
        expect.objectContaining({ path: '/expected_response/objects/0/class_id', code: 'unknown_class' }),
      ],
    });
    expect(await countRows(f.client, 'tasks')).toBe(1);
    const again = await f.engine.tasks
      .createTask(f.orgId, f.project.id, imageTask({ unique_id: 'a' }))
      .catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ConflictError);
    expect(again).toMatchObject({
      code: 'unique_id_conflict',
      details: { existing_task_id: a!.outcome === 'created' ? a!.task.id : '' },
    });
  });

  it('pins the ontology version current at creation; publishing locks a version', async () => {
    f = await createFixture(db);
    const t1 = await f.engine.tasks.createTask(f.orgId, f.project.id, imageTask());
    const v2def: OntologyDefinition = {
      ...TEST_ONTOLOGY,
      classes: TEST_ONTOLOGY.classes.filter((c) => c.id !== 'truck'),
    };
    const draft = await f.engine.ontologies.createDraft(f.orgId, f.project.id, v2def);
    await expect(f.engine.ontologies.createDraft(f.orgId, f.project.id, v2def)).rejects.toMatchObject({
      code: 'draft_exists',
    });
    await f.engine.ontologies.publish(f.orgId, f.project.id, draft.version);
    await expect(
      f.engine.ontologies.updateDraft(f.orgId, f.project.id, 1, TEST_ONTOLOGY),
    ).rejects.toMatchObject({ code: 'ontology_locked' });
    const t2 = await f.engine.tasks.createTask(f.orgId, f.project.id, imageTask());
    expect([t1.ontology_version, t2.ontology_version]).toEqual([1, 2]);
    const truck = {
      classifications: [{ class_id: 'truck', attributes: {} }],
      objects: [],
      spans: [],
      attributes: {},
    };
    expect((await labelOnce(0, truck)).task.id).toBe(t1.id); // v1 still knows trucks
    await expect(labelOnce(1, truck)).rejects.toMatchObject({
      issues: [expect.objectContaining({ code: 'unknown_class' })],
    });
    const diff = await f.engine.ontologies.diff(f.orgId, f.project.id, 1, 2);
    expect(JSON.stringify(diff)).toContain('truck');
  });

  it('migrates final labels as new revisions and keeps the old ones', async () => {
    f = await createFixture(db);
    const task = await f.engine.tasks.createTask(f.orgId, f.project.id, imageTask());
    await labelOnce(0, carBox());
    const vehicle = { ...TEST_ONTOLOGY.classes[0]!, id: 'vehicle', name: 'Vehicle' };
    const v2def: OntologyDefinition = {
      ...TEST_ONTOLOGY,
      classes: [vehicle, ...TEST_ONTOLOGY.classes.slice(1)],
    };
    const draft = await f.engine.ontologies.createDraft(f.orgId, f.project.id, v2def, [
      { op: 'rename_class', from: 'car', to: 'vehicle' },
    ]);
    await expect(
      f.engine.ontologies.applyMigration(f.orgId, f.project.id, draft.version),
    ).rejects.toMatchObject({ code: 'ontology_not_published' });
    await f.engine.ontologies.publish(f.orgId, f.project.id, draft.version);
    expect(await f.engine.ontologies.applyMigration(f.orgId, f.project.id, draft.version)).toEqual({
      revised: 1,
    });
    expect(await f.engine.ontologies.applyMigration(f.orgId, f.project.id, draft.version)).toEqual({
      revised: 0,
    });
    const rows = await f.client.all<{ revision: number; payload: string; source: string }>(
      'SELECT revision, payload, source FROM final_labels WHERE task_id = ? ORDER BY revision',
      [task.id],
    );
    expect(rows.map((r) => [r.revision, r.source, JSON.parse(r.payload).objects[0].class_id])).toEqual([
      [1, 'consensus', 'car'],
      [2, 'migration', 'vehicle'],
    ]);
    expect((await f.engine.tasks.getTask(f.orgId, task.id)).final_revision).toBe(2);
    expect(await countRows(f.client, 'outbox', "event_type = 'task.label_revised'")).toBe(1);
  });

  it('reviews: accept completes, fix adds a revision, reject sends the round back to the queue', async () => {
    f = await createFixture(db, { workflow: { review: { policy: 'all' } } });
    const [t1, t2, t3] = [0, 1, 2].map(() => imageTask());
    await f.engine.tasks.createTasks(f.orgId, f.project.id, [t1, t2, t3]);
    for (let i = 0; i < 3; i++) expect((await labelOnce(0)).task.stage).toBe('review');
    const queue = await f.engine.reviews.reviewQueue(f.orgId, f.project.id);
    expect(queue).toHaveLength(3);
    const rev = f.reviewer.id;
    await expect(
      f.engine.reviews.review(f.orgId, f.annotators[0]!.id, queue[0]!.id, { action: 'accept' }),
    ).rejects.toMatchObject({ status: 403 });
    expect(await f.engine.reviews.review(f.orgId, rev, queue[0]!.id, { action: 'accept' })).toMatchObject({
      status: 'completed',
    });
    const fixed = await f.engine.reviews.review(f.orgId, rev, queue[1]!.id, {
      action: 'fix',
      payload: carBox(30, 30),
    });
    expect(fixed).toMatchObject({ status: 'completed', final_revision: 2 });
    await expect(
      f.engine.reviews.review(f.orgId, rev, queue[2]!.id, { action: 'fix', payload: { bad: 1 } }),
    ).rejects.toBeInstanceOf(ValidationError);
    const rejected = await f.engine.reviews.review(f.orgId, rev, queue[2]!.id, {
      action: 'reject',
      comment: 'missed a car',
    });
    expect(rejected).toMatchObject({ stage: 'queued', annotations_done: 0 });
    const redo = await labelOnce(0, carBox(40, 40));
    expect(redo.task).toMatchObject({ id: queue[2]!.id, stage: 'review', final_revision: 2 });
    // The second round is the redo alone: the rejected round's annotation is not in its final label.
    const [, second] = await f.engine.tasks.labelRevisions(f.orgId, queue[2]!.id);
    expect(second).toMatchObject({ revision: 2, payload: carBox(40, 40) });
    expect(second?.details).toMatchObject({ annotation_ids: [redo.annotationId] });
    await expect(
      f.engine.reviews.review(f.orgId, rev, queue[0]!.id, { action: 'accept' }),
    ).rejects.toMatchObject({ code: 'invalid_task_state' });
    expect(
      await countRows(
        f.client,
        'outbox',
        "event_type IN ('task.review_accepted', 'task.review_fixed', 'task.review_rejected')",
      ),
    ).toBe(3);
  });

  it('runs batches: staging → in_progress → completed, with pause, resume and cancel', async () => {
    f = await createFixture(db);
    const batch = await f.engine.batches.createBatch(f.orgId, f.project.id, 'b1');
    await f.engine.tasks.createTasks(f.orgId, f.project.id, [imageTask(), imageTask()], {
      batchId: batch.id,
    });
    expect(await f.engine.queue.lease({ orgId: f.orgId, annotatorId: f.annotators[0]!.id })).toEqual([]);
    await expect(f.engine.batches.transition(f.orgId, batch.id, 'pause')).rejects.toMatchObject({
      code: 'invalid_batch_state',
    });
    await f.engine.batches.transition(f.orgId, batch.id, 'finalize');
    await labelOnce(0);
    const paused = await f.engine.batches.transition(f.orgId, batch.id, 'pause');
    expect(paused.status).toBe('paused');
    expect(await f.engine.queue.lease({ orgId: f.orgId, annotatorId: f.annotators[1]!.id })).toEqual([]);
    expect(await f.engine.batches.status(f.orgId, batch.id)).toEqual({
      status: 'paused',
      pending: 1,
      completed: 1,
      error: 0,
      canceled: 0,
    });
    await f.engine.batches.transition(f.orgId, batch.id, 'resume');
    await labelOnce(1);
    expect((await f.engine.batches.getBatch(f.orgId, batch.id)).status).toBe('completed');
    expect(await countRows(f.client, 'outbox', "event_type = 'batch.status_changed'")).toBe(4); // finalize, pause, resume, completed
    const b2 = await f.engine.batches.createBatch(f.orgId, f.project.id, 'b2');
    await f.engine.tasks.createTasks(f.orgId, f.project.id, [imageTask()], { batchId: b2.id });
    await f.engine.batches.transition(f.orgId, b2.id, 'cancel');
    expect(await f.engine.batches.status(f.orgId, b2.id)).toMatchObject({
      status: 'canceled',
      canceled: 1,
      pending: 0,
    });
    await expect(f.engine.batches.createBatch(f.orgId, f.project.id, 'b2')).rejects.toMatchObject({
      code: 'batch_name_conflict',
    });
  });

  it('cancels a task only before work started, and can free its unique_id', async () => {
    f = await createFixture(db);
    const t = await f.engine.tasks.createTask(f.orgId, f.project.id, imageTask({ unique_id: 'u1' }));
    const started = await f.engine.tasks.createTask(f.orgId, f.project.id, imageTask());
    await f.engine.tasks.cancelTask(f.orgId, t.id, true);
    await f.engine.tasks.createTask(f.orgId, f.project.id, imageTask({ unique_id: 'u1' }));
    await f.engine.queue.lease({ orgId: f.orgId, annotatorId: f.annotators[0]!.id, count: 2 });
    await expect(f.engine.tasks.cancelTask(f.orgId, started.id)).rejects.toMatchObject({
      code: 'invalid_task_state',
    });
    expect((await f.engine.tasks.getTask(f.orgId, t.id)).status).toBe('canceled');
  });
});
