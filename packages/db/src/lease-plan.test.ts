import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leaseParams, leaseSql } from './repos/queue-repo';
import type { SqlExecutor } from './sql-client';
import {
  carBox,
  createFixture,
  type EngineFixture,
  imageTask,
  TEST_ONTOLOGY,
} from './testing/engine-fixture';
import { type PlanNode, postgresPlan } from './testing/sql-plans';
import { testDatabases } from './testing/test-databases';

const PROJECTS = 5;
const TASKS_PER_PROJECT = 1200;
const ANNOTATORS = 50;
const HISTORY_PER_ANNOTATOR = 96;

/** The PostgreSQL plan of the lease query, as the planner would run it for these parameters. */
function leasePlan(tx: SqlExecutor, params: (string | number)[]): Promise<PlanNode[]> {
  return postgresPlan(tx, leaseSql('postgres', 'queued', 10), params);
}

function expectIndexWalk(plan: PlanNode[]): void {
  const summary = plan.map((n) => `${n['Node Type']}${n['Index Name'] ? ` using ${n['Index Name']}` : ''}`);
  expect(
    plan.some((n) => /^Index (Only )?Scan$/.test(n['Node Type']) && n['Index Name'] === 'tasks_lease'),
    summary.join(' > '),
  ).toBe(true);
  expect(
    plan.filter((n) => /Sort/.test(n['Node Type'])),
    summary.join(' > '),
  ).toEqual([]);
  expect(
    plan.filter((n) => n['Relation Name'] === 'tasks' && /^(Seq|Bitmap Heap) Scan$/.test(n['Node Type'])),
    summary.join(' > '),
  ).toEqual([]);
  // The annotator's earlier assignments are probed per candidate task (a SubPlan) through an index led by
  // task_id. As an anti-join, PostgreSQL may cost a Materialize over a Seq Scan of every annotator's history
  // as spread over the whole backlog, and read all of it on every lease (queue-repo.ts).
  const probes = plan.filter((n) => n['Relation Name'] === 'assignments');
  expect(
    probes.map((n) => `${n['Parent Relationship']} ${n['Node Type']} ${n['Index Name']}`),
    summary.join(' > '),
  ).toEqual([
    expect.stringMatching(/^SubPlan Index (Only )?Scan assignments_task_(annotator|id_token_key)$/),
  ]);
}

/**
 * performance.md rule 1: the lease query walks the partial index `tasks_lease` from the front and stops after
 * LIMIT rows — it never sorts or scans the backlog. Checked on a realistic table: several projects, thousands
 * of tasks with mixed priorities and deadlines, some already leased or completed (PostgreSQL analysed).
 */
describe.each(testDatabases())('lease query plan on $dialect', (db) => {
  let f: EngineFixture;
  let params: (string | number)[];

  beforeAll(async () => {
    f = await createFixture(db, { annotators: ANNOTATORS });
    const projectIds = [f.project.id];
    for (let p = 1; p < PROJECTS; p++) {
      const project = await f.engine.projects.createProject(f.orgId, f.admin.id, {
        name: `p${p}`,
        modality: 'image',
      });
      const draft = await f.engine.ontologies.createDraft(f.orgId, project.id, TEST_ONTOLOGY);
      await f.engine.ontologies.publish(f.orgId, project.id, draft.version);
      for (const u of f.annotators) await f.engine.projects.addMember(f.orgId, project.id, u.id);
      projectIds.push(project.id);
    }
    for (const projectId of projectIds) {
      for (let i = 0; i < TASKS_PER_PROJECT; i += 400) {
        const inputs = Array.from({ length: 400 }, (_, j) =>
          imageTask({ priority: (i + j) % 4, ...((i + j) % 5 === 0 ? { deadline: 1_000_000 + i + j } : {}) }),
        );
        await f.engine.tasks.createTasks(f.orgId, projectId, inputs);
      }
    }
    const annotatorId = f.annotators[0]!.id;
    for (let round = 0; round < 3; round++) {
      const leases = await f.engine.queue.lease({
        orgId: f.orgId,
        annotatorId,
        projectId: f.project.id,
        count: 100,
      });
      for (const l of leases.slice(0, 50)) {
        await f.engine.queue.submit({
          orgId: f.orgId,
          annotatorId,
          taskId: l.task.id,
          token: l.token,
          payload: carBox(),
          durationMs: null,
        });
      }
    }
    // The assignment history of a labeling run with many annotators: each of the others has answered 96 tasks
    // of the other projects. The lease must probe it per candidate task, never read it whole.
    await f.client.transaction(async (tx) => {
      for (const [n, other] of f.annotators.slice(1).entries()) {
        await tx.run(
          `INSERT INTO assignments (id, org_id, project_id, task_id, annotator_id, token, status, is_gold, leased_at,
             heartbeat_at, expires_at, ended_at, annotation_id)
           SELECT 'hist-' || t.id, t.org_id, t.project_id, t.id, ?, 1, 'submitted', 0, 0, 0, 0, 0, NULL
             FROM tasks t WHERE t.project_id <> ? ORDER BY t.id LIMIT ${HISTORY_PER_ANNOTATOR} OFFSET ?`,
          [other.id, f.project.id, n * HISTORY_PER_ANNOTATOR],
        );
      }
    });
    if (db.dialect === 'postgres') await f.client.run('ANALYZE');
    params = leaseParams(f.project.id, annotatorId);
  }, 120_000);

  afterAll(async () => f?.dispose());

  if (db.dialect === 'sqlite')
    it('SQLite searches tasks_lease in ORDER BY order: no temp b-tree, no scan', async () => {
      // A statement that reads a table first: EXPLAIN alone does not check the schema cookie, so a connection
      // could plan against a schema it cached before an index was dropped.
      const plan = await f.client.read(async (tx) => {
        const [queued] = await tx.all<{ n: number }>(
          "SELECT COUNT(*) AS n FROM tasks WHERE stage = 'queued'",
        );
        expect(Number(queued?.n)).toBeGreaterThan(PROJECTS * TASKS_PER_PROJECT - 400);
        return tx.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${leaseSql('sqlite', 'queued', 10)}`, params);
      });
      const details = plan.map((r) => r.detail);
      expect(
        details.some((d) => /^SEARCH t USING (COVERING )?INDEX tasks_lease \(project_id=\?\)/.test(d)),
        details.join('\n'),
      ).toBe(true);
      expect(
        details.filter((d) => d.includes('USE TEMP B-TREE')),
        details.join('\n'),
      ).toEqual([]);
      expect(
        details.filter((d) => /^SCAN t\b/.test(d)),
        details.join('\n'),
      ).toEqual([]);
    });

  if (db.dialect === 'postgres')
    it('PostgreSQL walks tasks_lease: no Sort, no Seq Scan of tasks', async () => {
      expectIndexWalk(await leasePlan(f.client, params));
    });

  if (db.dialect === 'postgres')
    it('the generic plan of the prepared lease statement walks tasks_lease too', async () => {
      // The pg client uses named statements; after five runs PostgreSQL may switch to the generic plan.
      const plan = await f.client.transaction(async (tx) => {
        await tx.run('SET LOCAL plan_cache_mode = force_generic_plan');
        return leasePlan(tx, params);
      });
      expectIndexWalk(plan);
    });
});
