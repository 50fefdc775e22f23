import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { runAnnotator } from './testing/annotator-loop';
import { carBox, countRows, createFixture, type EngineFixture, imageTask } from './testing/engine-fixture';
import { testDatabases } from './testing/test-databases';

const TASKS = 2000;
const ANNOTATORS = 16;
const K = 3;

async function seed(f: EngineFixture): Promise<void> {
  for (let i = 0; i < TASKS; i += 500) {
    const inputs = Array.from({ length: Math.min(500, TASKS - i) }, () => imageTask());
    await f.engine.tasks.createTasks(f.orgId, f.project.id, inputs);
  }
}

/** The invariants of a finished run: exactly K annotations from K distinct annotators per task, nothing lost. */
async function verify(f: EngineFixture): Promise<void> {
  const perTask = await f.client.all<{ task_id: string; n: number; distinct_annotators: number }>(
    `SELECT task_id, COUNT(*) AS n, COUNT(DISTINCT annotator_id) AS distinct_annotators FROM assignments GROUP BY task_id`,
  );
  expect(perTask).toHaveLength(TASKS);
  expect(perTask.filter((r) => Number(r.n) !== K || Number(r.distinct_annotators) !== K)).toEqual([]);
  expect(await countRows(f.client, 'assignments', "status <> 'submitted'")).toBe(0);
  expect(await countRows(f.client, 'annotations')).toBe(TASKS * K);
  expect(await countRows(f.client, 'annotations a JOIN assignments s ON s.annotation_id = a.id')).toBe(
    TASKS * K,
  );
  expect(
    await countRows(
      f.client,
      'tasks',
      "status = 'completed' AND annotations_done = ? AND leases_active = 0",
      [K],
    ),
  ).toBe(TASKS);
  expect(await countRows(f.client, 'final_labels')).toBe(TASKS);
  const outbox = await f.client.all<{ n: number; d: number }>(
    "SELECT COUNT(*) AS n, COUNT(DISTINCT task_id) AS d FROM outbox WHERE event_type = 'task.completed'",
  );
  expect(outbox.map((r) => [Number(r.n), Number(r.d)])).toEqual([[TASKS, TASKS]]);
}

function startWorker(path: string, orgId: string, annotatorIds: string[]): Promise<unknown> {
  const entry = new URL('./testing/annotator-worker.ts', import.meta.url).href;
  const code = `(async () => { const { register } = await import('tsx/esm/api'); register(); await import(${JSON.stringify(entry)}); })()`;
  const worker = new Worker(code, { eval: true, workerData: { path, orgId, annotatorIds } });
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

describe.each(testDatabases())('concurrent annotators on $dialect', (db) => {
  it(`${ANNOTATORS} annotators, ${TASKS} tasks, consensus ${K}: no double lease, nothing lost, one outbox row per completion`, async () => {
    const f = await createFixture(db, { annotators: ANNOTATORS, workflow: { annotations_per_task: K } });
    try {
      await seed(f);
      const ids = f.annotators.map((a) => a.id);
      if (db.dialect === 'postgres') {
        // Every annotator on its own connection pool: 16 concurrent clients racing SKIP LOCKED claims.
        await Promise.all(ids.map((id) => runAnnotator(f.engineOnNewClient(), f.orgId, id, () => carBox())));
      } else {
        // Four worker threads, each with its own SQLite connection, four annotators each (BEGIN IMMEDIATE).
        const path = f.handle.location.sqlitePath as string;
        await Promise.all([0, 1, 2, 3].map((w) => startWorker(path, f.orgId, ids.slice(w * 4, w * 4 + 4))));
      }
      await verify(f);
    } finally {
      await f.dispose();
    }
  }, 240_000);
});
