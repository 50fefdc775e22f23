import { afterEach, describe, expect, it } from 'vitest';
import { carBox, createFixture, type EngineFixture, imageTask } from '../testing/engine-fixture';
import { testDatabases } from '../testing/test-databases';

const MINUTE = 60_000;

describe.each(testDatabases())('statistics repository on $dialect', (db) => {
  let f: EngineFixture;
  afterEach(async () => f?.dispose());

  async function label(annotator: number, x: number) {
    const annotatorId = f.annotators[annotator]!.id;
    const [lease] = await f.engine.queue.lease({ orgId: f.orgId, annotatorId });
    await f.engine.queue.submit({
      orgId: f.orgId,
      annotatorId,
      taskId: lease!.task.id,
      token: lease!.token,
      payload: carBox(x),
    });
    return lease!.task.id;
  }

  it("cuts the event feed before the project's newest events (0 when it has fewer)", async () => {
    f = await createFixture(db);
    const read = (count: number) =>
      f.deps.store.read((tx) => tx.stats.recentEventsAfter(f.orgId, f.project.id, count));
    const all = await f.engine.events.list(f.orgId, 0, 1000, { projectId: f.project.id });
    expect(await read(all.length)).toBe(0);
    await f.engine.tasks.createTasks(f.orgId, f.project.id, [imageTask(), imageTask(), imageTask()]);
    const after = await read(2);
    const tail = await f.engine.events.list(f.orgId, after, 1000, { projectId: f.project.id });
    expect(tail.map((e) => e.type)).toEqual(['task.created', 'task.created']);
    const everything = await f.engine.events.list(f.orgId, 0, 1000, { projectId: f.project.id });
    expect(tail).toEqual(everything.slice(-2));
  });

  it('samples the newest labels of consensus tasks, and counts work per project', async () => {
    f = await createFixture(db, { workflow: { annotations_per_task: 2 } });
    await f.engine.tasks.createTasks(f.orgId, f.project.id, [imageTask(), imageTask(), imageTask()]);
    const start = f.clock.now();
    for (const x of [10, 20]) {
      f.clock.advance(MINUTE);
      await label(0, x);
      f.clock.advance(MINUTE);
      await label(1, x + 1);
    }
    const window = { start, end: f.clock.now(), bucketMs: MINUTE };
    const sample = await f.deps.store.read((tx) => tx.stats.consensusSample(f.project.id, window, 3));
    // newest first: annotator 1 (x = 21), annotator 0 (x = 20), annotator 1 (x = 11)
    expect(sample.map((r) => [r.authorId, r.payload.objects[0]?.geometry])).toEqual([
      [f.annotators[1]!.id, { type: 'box', x: 21, y: 10, w: 20, h: 20 }],
      [f.annotators[0]!.id, { type: 'box', x: 20, y: 10, w: 20, h: 20 }],
      [f.annotators[1]!.id, { type: 'box', x: 11, y: 10, w: 20, h: 20 }],
    ]);
    expect(sample[0]?.finalPayload.objects[0]?.geometry).toEqual({
      type: 'box',
      x: 20.5,
      y: 10,
      w: 20,
      h: 20,
    });
    const buckets = await f.deps.store.read((tx) => tx.stats.submittedBuckets(f.project.id, window));
    expect(buckets.sort((a, b) => a.bucket - b.bucket)).toEqual(
      [1, 2, 3, 4].map((bucket) => ({ bucket, count: 1 })),
    );
    const work = await f.deps.store.read((tx) => tx.stats.workCounts(f.orgId, [f.project.id, 'prj_missing']));
    expect(work).toEqual([{ projectId: f.project.id, queued: 1, review: 0, completed: 2 }]);
  });
});
