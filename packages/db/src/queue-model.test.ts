import { TesseraError } from '@tessera/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { carBox, createFixture, type EngineFixture, imageTask } from './testing/engine-fixture';
import { type TestDatabase, testDatabases } from './testing/test-databases';

type Command =
  | { kind: 'create'; n: number }
  | { kind: 'lease'; who: number; count: number }
  | { kind: 'submit'; lease: number; valid: boolean }
  | { kind: 'heartbeat'; lease: number }
  | { kind: 'release'; lease: number; reason: 'release' | 'skip' | 'error' }
  | { kind: 'advance'; ms: number }
  | { kind: 'sweep' }
  | { kind: 'review'; pick: number; action: 'accept' | 'fix' | 'reject' };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), n: fc.integer({ min: 1, max: 3 }) }),
  {
    arbitrary: fc.record({
      kind: fc.constant('lease' as const),
      who: fc.integer({ min: 0, max: 2 }),
      count: fc.integer({ min: 1, max: 2 }),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('submit' as const), lease: fc.nat(20), valid: fc.boolean() }),
    weight: 3,
  },
  fc.record({ kind: fc.constant('heartbeat' as const), lease: fc.nat(20) }),
  fc.record({
    kind: fc.constant('release' as const),
    lease: fc.nat(20),
    reason: fc.constantFrom('release' as const, 'skip' as const, 'error' as const),
  }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 90_000 }) }),
  fc.record({ kind: fc.constant('sweep' as const) }),
  fc.record({
    kind: fc.constant('review' as const),
    pick: fc.nat(5),
    action: fc.constantFrom('accept' as const, 'fix' as const, 'reject' as const),
  }),
);

interface Held {
  who: number;
  taskId: string;
  token: number;
}

async function apply(f: EngineFixture, held: Held[], c: Command): Promise<void> {
  const { engine, orgId } = f;
  const ann = (i: number) => (f.annotators[i] as { id: string }).id;
  const lease = held.length > 0 ? held[((c as { lease?: number }).lease ?? 0) % held.length] : undefined;
  switch (c.kind) {
    case 'create':
      await engine.tasks.createTasks(
        orgId,
        f.project.id,
        Array.from({ length: c.n }, () => imageTask()),
      );
      return;
    case 'lease':
      for (const l of await engine.queue.lease({ orgId, annotatorId: ann(c.who), count: c.count })) {
        held.push({ who: c.who, taskId: l.task.id, token: l.token });
      }
      return;
    case 'submit':
      if (lease === undefined) return;
      await engine.queue.submit({
        orgId,
        annotatorId: ann(lease.who),
        taskId: lease.taskId,
        token: lease.token,
        payload: c.valid ? carBox() : { objects: 1 },
      });
      if (c.valid) held.splice(held.indexOf(lease), 1);
      return;
    case 'heartbeat':
      if (lease) await engine.queue.heartbeat(orgId, ann(lease.who), lease.taskId, lease.token);
      return;
    case 'release':
      if (lease === undefined) return;
      await engine.queue.release(
        orgId,
        ann(lease.who),
        lease.taskId,
        lease.token,
        c.reason,
        c.reason === 'error' ? 'asset 404' : null,
      );
      held.splice(held.indexOf(lease), 1);
      return;
    case 'advance':
      f.clock.advance(c.ms);
      return;
    case 'sweep':
      await engine.queue.sweepExpiredLeases();
      return;
    case 'review': {
      const queue = await engine.reviews.reviewQueue(orgId, f.project.id);
      const task = queue[c.pick % Math.max(1, queue.length)];
      if (task === undefined) return;
      const decision =
        c.action === 'fix'
          ? { action: 'fix' as const, payload: carBox(5, 5) }
          : c.action === 'reject'
            ? { action: 'reject' as const, comment: 'redo' }
            : { action: 'accept' as const };
      await engine.reviews.review(orgId, f.reviewer.id, task.id, decision);
    }
  }
}

/** The queue's invariants, read straight from the database. */
async function checkInvariants(f: EngineFixture): Promise<void> {
  const rows = await f.client.all<Record<string, number | string>>(
    `SELECT t.id, t.stage, t.annotations_needed AS needed, t.annotations_done AS done, t.leases_active AS active, t.lease_seq,
       t.final_revision, t.failed_attempts,
       (SELECT COUNT(*) FROM assignments a WHERE a.task_id = t.id AND a.status = 'active') AS live,
       (SELECT COUNT(*) FROM assignments a WHERE a.task_id = t.id AND a.status = 'submitted') AS submitted,
       (SELECT COALESCE(MAX(token), 0) FROM assignments a WHERE a.task_id = t.id) AS max_token,
       (SELECT COUNT(*) FROM outbox o WHERE o.task_id = t.id AND o.event_type = 'task.completed') AS completions
     FROM tasks t`,
  );
  for (const r of rows) {
    const [needed, done, active] = [Number(r.needed), Number(r.done), Number(r.active)];
    const ctx = JSON.stringify(r);
    expect(active, ctx).toBe(Number(r.live));
    expect(done, ctx).toBe(Number(r.submitted));
    expect(done + active, ctx).toBeLessThanOrEqual(needed);
    expect(Number(r.max_token), ctx).toBe(Number(r.lease_seq));
    expect(Number(r.completions), ctx).toBe(r.stage === 'completed' ? 1 : 0);
    if (r.stage === 'queued') expect(done + active, ctx).toBeLessThan(needed);
    if (r.stage === 'labeling') expect(done + active === needed && done < needed, ctx).toBe(true);
    if (r.stage === 'review' || r.stage === 'completed')
      expect(done === needed && Number(r.final_revision) >= 1, ctx).toBe(true);
  }
  await checkRoundLabels(f);
  const doubles = await f.client.all(
    `SELECT task_id, annotator_id FROM assignments WHERE status IN ('active', 'submitted') GROUP BY task_id, annotator_id HAVING COUNT(*) > 1`,
  );
  expect(doubles).toEqual([]);
  // A lease is active exactly until it ends (what a submit's one-statement lease check relies on).
  const unended = await f.client.all(
    "SELECT id, status, ended_at FROM assignments WHERE (status = 'active') <> (ended_at IS NULL)",
  );
  expect(unended).toEqual([]);
}

/** A task in review or completed by consensus: its final label was made from exactly its round's labels. */
async function checkRoundLabels(f: EngineFixture): Promise<void> {
  const labels = await f.client.all<{ task_id: string; details: string }>(
    `SELECT fl.task_id, fl.details FROM final_labels fl JOIN tasks t ON t.id = fl.task_id
     WHERE fl.revision = t.final_revision AND fl.source = 'consensus' AND t.stage IN ('review', 'completed')`,
  );
  for (const l of labels) {
    const round = await f.client.all<{ id: string }>(
      `SELECT an.id FROM annotations an JOIN assignments a ON a.id = an.assignment_id
       WHERE an.task_id = ? AND a.status = 'submitted' AND an.kind = 'label'`,
      [l.task_id],
    );
    const made = (JSON.parse(l.details) as { annotation_ids: string[] }).annotation_ids;
    expect([...made].sort(), l.task_id).toEqual(round.map((r) => r.id).sort());
  }
}

const RUNS: Record<TestDatabase['dialect'], number> = { sqlite: 100, postgres: 25 };

describe.each(testDatabases())('queue state machine on $dialect', (db) => {
  it('no sequence of lease/heartbeat/expire/submit/release/review calls breaks the invariants', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(command, { minLength: 10, maxLength: 40, size: 'max' }),
        fc.boolean(),
        fc.constantFrom(1, 2),
        async (commands, review, consensus) => {
          const f = await createFixture(db, {
            workflow: {
              annotations_per_task: consensus,
              lease_seconds: 60,
              max_attempts: 3,
              review: review ? { policy: 'all' } : { policy: 'none' },
            },
          });
          try {
            const held: Held[] = [];
            for (const c of commands) {
              try {
                await apply(f, held, c);
              } catch (error) {
                // Expected refusals are typed errors (stale lease, wrong state, invalid payload); anything else fails.
                if (!(error instanceof TesseraError) || error.status >= 500) throw error;
              }
              await checkInvariants(f);
            }
          } finally {
            await f.dispose();
          }
        },
      ),
      { numRuns: RUNS[db.dialect], seed: 20261126 },
    );
  }, 300_000);
});
