import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueRepo } from './repos/queue-repo';
import type { SqlExecutor } from './sql-client';
import { carBox, createFixture, type EngineFixture, imageTask } from './testing/engine-fixture';
import { postgresPlan, type SentStatement, sentStatements } from './testing/sql-plans';
import { testDatabases } from './testing/test-databases';

/** The one statement `leasesAfter` sends, with its parameters, not run. */
async function leasesAfterStatement(
  dialect: SqlExecutor['dialect'],
  orgId: string,
  id: string,
  now: number,
): Promise<SentStatement> {
  const sent = await sentStatements(dialect, (executor) => queueRepo(executor).leasesAfter(orgId, id, now));
  const [statement] = sent;
  if (statement === undefined || sent.length !== 1) throw new Error(`${sent.length} statements sent`);
  return statement;
}

/**
 * A repeated submit finds the leases its first made through the partial index `assignments_after` (the live
 * leases some submit made), never by reading every live lease: a retry costs the same however busy the queue.
 */
describe.each(testDatabases())('the leases a submit made, read back on $dialect', (db) => {
  let f: EngineFixture;
  let after = '';
  let made: readonly string[] = [];
  beforeAll(async () => {
    f = await createFixture(db, { annotators: 2 });
    await f.engine.tasks.createTasks(
      f.orgId,
      f.project.id,
      Array.from({ length: 400 }, () => imageTask()),
    );
    const [first, second] = f.annotators.map((a) => a.id);
    // 300 live leases no submit made, then one submit that leases 3.
    for (let i = 0; i < 3; i++)
      await f.engine.queue.lease({ orgId: f.orgId, annotatorId: first as string, count: 100 });
    const [held] = await f.engine.queue.lease({ orgId: f.orgId, annotatorId: second as string });
    const submitted = await f.engine.queue.submitAndLease(
      {
        orgId: f.orgId,
        annotatorId: second as string,
        taskId: held?.task.id as string,
        token: 1,
        payload: carBox(),
      },
      { count: 3 },
    );
    expect(submitted.leases).toHaveLength(3);
    after = submitted.assignmentId;
    made = submitted.leases.map((l) => l.assignmentId);
    if (db.dialect === 'postgres') await f.client.run('ANALYZE assignments');
  }, 120_000);
  afterAll(async () => f?.dispose());

  it('probes assignments_after, then each task and item by key', async () => {
    const { sql, params } = await leasesAfterStatement(db.dialect, f.orgId, after, f.clock.now());
    if (db.dialect === 'sqlite') {
      const plan = await f.client.read((tx) =>
        tx.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params),
      );
      const details = plan.map((r) => r.detail);
      expect(details[0], details.join('\n')).toMatch(
        /^SEARCH a USING INDEX assignments_after \(after_assignment_id=\?\)/,
      );
      expect(
        details.filter((d) => d.startsWith('SCAN')),
        details.join('\n'),
      ).toEqual([]);
      return;
    }
    const plan = await postgresPlan(f.client, sql, params);
    const scans = plan.filter((n) => n['Relation Name'] !== undefined);
    expect(scans.find((n) => n['Relation Name'] === 'assignments')?.['Index Name']).toBe('assignments_after');
    expect(scans.filter((n) => n['Node Type'] === 'Seq Scan')).toEqual([]);
  });

  it('answers the three leases the submit made, in the order it made them', async () => {
    const leases = await f.deps.store.write((tx) => tx.queue.leasesAfter(f.orgId, after, f.clock.now()));
    expect(leases.map((l) => l.assignmentId)).toEqual(made);
    expect(leases.map((l) => l.token)).toEqual([1, 1, 1]);
    expect(new Set(leases.map((l) => l.task.id)).size).toBe(3);
  });
});
