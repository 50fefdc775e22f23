import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueRepo } from './repos/queue-repo';
import { createFixture, type EngineFixture, imageTask } from './testing/engine-fixture';
import { postgresPlan, type SentStatement, sentStatements } from './testing/sql-plans';
import { testDatabases } from './testing/test-databases';

interface LeaseWrite extends SentStatement {
  /** The one index the statement may probe. */
  readonly index: string;
}

/** The statements the repository's lease writes send, with their parameters, not run. */
async function leaseWrites(): Promise<LeaseWrite[]> {
  const sent = await sentStatements('postgres', async (recorder) => {
    const repo = queueRepo(recorder);
    await repo.endHeldAssignment('asg_x', 'submitted', 1, 'ann_x');
    await repo.extendHeldAssignment('asg_x', 1, 2);
    await repo.submitLiveAssignment({
      orgId: 'org_x',
      annotatorId: 'usr_x',
      taskId: 'tsk_x',
      token: 1,
      annotationId: 'ann_x',
      now: 1,
    });
  });
  const indexes = ['assignments_pkey', 'assignments_pkey', 'assignments_task_id_token_key'];
  return sent.map((w, i) => ({ ...w, index: indexes[i] as string }));
}

/**
 * A lease ended or extended by the unit that holds it is one primary-key probe, and a live lease submitted
 * is one probe of its unique key (task_id, token), however many leases are active: with `status = 'active'`
 * in an UPDATE by id, the planner preferred the small partial index of active leases and filtered all of
 * them by id.
 */
describe.each(testDatabases().filter((d) => d.dialect === 'postgres'))(
  'held-lease writes on $dialect',
  (db) => {
    let f: EngineFixture;
    beforeAll(async () => {
      f = await createFixture(db, { annotators: 30 });
      await f.engine.tasks.createTasks(
        f.orgId,
        f.project.id,
        Array.from({ length: 60 }, () => imageTask()),
      );
      // A queue's history: ended leases, analyzed while none is active (as after a drain), then 30 active.
      const [first, ...others] = f.annotators;
      await f.engine.queue.lease({ orgId: f.orgId, annotatorId: first?.id as string });
      await f.client.run(
        `INSERT INTO assignments (id, org_id, project_id, task_id, annotator_id, token, status, is_gold, leased_at,
           heartbeat_at, expires_at, ended_at, annotation_id)
         SELECT 'asg_old' || g, org_id, project_id, task_id, annotator_id, 100 + g, 'submitted', is_gold, leased_at,
           heartbeat_at, expires_at, leased_at, NULL
         FROM assignments, generate_series(1, 2000) AS g`,
      );
      await f.client.run("UPDATE assignments SET status = 'released' WHERE status = 'active'");
      await f.client.run('ANALYZE');
      for (const a of others) await f.engine.queue.lease({ orgId: f.orgId, annotatorId: a.id });
    });
    afterAll(async () => f?.dispose());

    it('probe one key of assignments, in the generic plan the serve processes keep', async () => {
      const writes = await leaseWrites();
      expect(writes).toHaveLength(3);
      for (const [i, { sql, params, index }] of writes.entries()) {
        const plan = await f.client.transaction(async (tx) => {
          // A named statement is planned generically once it has run a few times (plan_cache_mode = auto).
          await tx.run('SET LOCAL plan_cache_mode = force_generic_plan');
          await tx.run(`PREPARE held_${i} AS ${sql}`);
          const literals = params.map((p) => (typeof p === 'number' ? String(p) : `'${String(p)}'`));
          const nodes = await postgresPlan(tx, `EXECUTE held_${i}(${literals.join(', ')})`);
          await tx.run(`DEALLOCATE held_${i}`);
          return nodes;
        });
        const scans = plan.filter((n) => /Scan$/.test(n['Node Type']));
        expect(
          scans.map((n) => `${n['Node Type']} ${n['Index Name'] ?? ''}`),
          sql,
        ).toEqual([`Index Scan ${index}`]);
      }
    });
  },
);
