import {
  copyTasksSql,
  createFixture,
  type EngineFixture,
  imageTask,
  integerSeries,
  type SqlExecutor,
  testDatabases,
} from '@tessera/db';
import { afterEach, describe, expect, it } from 'vitest';
import { callbackTasksSql, markDispatchedSql } from './outbox-fanout';

const ROWS = 20_000;

/** 20,000 more tasks (copies of one) and 20,000 outbox rows, so that a scan would show in the plan. */
async function grow(tx: SqlExecutor): Promise<void> {
  await tx.run(copyTasksSql(tx.dialect, { id: `t.id || '-' || s.i` }), [1, ROWS]);
  const series = integerSeries(tx.dialect);
  await tx.run(
    `INSERT INTO outbox (id, org_id, event_id, event_type, task_id, payload, created_at)
     SELECT 'msg_' || s.i, 'org', 'evt_' || s.i, 'task.completed', NULL, '{}', 0 FROM ${series}`,
    [1, ROWS],
  );
  if (tx.dialect === 'postgres') await tx.run('ANALYZE tasks, outbox');
}

/**
 * The plan a statement keeps as a named statement: PostgreSQL's generic plan (forced, as after five runs),
 * SQLite's only plan.
 */
async function keptPlan(tx: SqlExecutor, sql: string, params: readonly (string | number)[]): Promise<string> {
  if (tx.dialect === 'sqlite') {
    const rows = await tx.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params);
    return rows.map((r) => r.detail).join(' > ');
  }
  let n = 0;
  const numbered = sql.replace(/\?/g, () => `$${++n}`);
  await tx.run('SET LOCAL plan_cache_mode = force_generic_plan');
  await tx.run(`PREPARE fanout_plan AS ${numbered}`);
  const literals = params.map((p) => (typeof p === 'number' ? String(p) : `'${p.replace(/'/g, "''")}'`));
  const rows = await tx.all<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE fanout_plan(${literals.join(', ')})`);
  await tx.run('DEALLOCATE fanout_plan');
  return rows.map((r) => r['QUERY PLAN']).join(' > ');
}

/**
 * The fan-out's page-wide statements probe primary keys, whatever the table sizes: the first version of
 * them (a JOIN on the expanded JSON array) scanned outbox and tasks in PostgreSQL's generic plan, 2–3 ms per
 * page on a table of 8,000 tasks and growing with it.
 */
describe.each(testDatabases())('outbox fan-out statements on $dialect', (db) => {
  let f: EngineFixture;
  afterEach(async () => f?.dispose());

  it('look up callback tasks and mark outbox rows by primary key, not by scanning', async () => {
    f = await createFixture(db);
    await f.engine.tasks.createTasks(f.orgId, f.project.id, [imageTask()]);
    const plans = await f.client.transaction(async (tx) => {
      await grow(tx);
      const ids = JSON.stringify(['t-1', 't-2', "it's"]);
      return {
        callback: await keptPlan(tx, callbackTasksSql(tx.dialect), [ids]),
        mark: await keptPlan(tx, markDispatchedSql(tx.dialect), [1, JSON.stringify([3, 5, 8])]),
      };
    });
    if (db.dialect === 'sqlite') {
      expect(plans.callback).toMatch(/SEARCH tasks USING INDEX sqlite_autoindex_tasks_1 \(id=\?\)/);
      expect(plans.mark).toMatch(/SEARCH outbox USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    } else {
      expect(plans.callback).toMatch(
        /Index Scan using tasks_pkey on tasks .*Index Cond: \(id = ANY \(\$\d\)\)/,
      );
      // outbox_pkey or outbox_pending (seq WHERE dispatched_at IS NULL): a probe per sequence number either way
      expect(plans.mark).toMatch(
        /Index Scan using outbox_\w+ on outbox .*Index Cond: \(seq = ANY \(\$\d\)\)/,
      );
      expect(`${plans.callback} ${plans.mark}`).not.toMatch(/Seq Scan on (tasks|outbox)/);
    }
  });

  it('find the tasks with a callback URL and mark only the rows named', async () => {
    f = await createFixture(db);
    const created = await f.engine.tasks.createTasks(f.orgId, f.project.id, [
      imageTask({ callback_url: 'https://hooks.example/cb' }),
      imageTask(),
    ]);
    const [withCallback, without] = created.map((r) => (r.outcome === 'created' ? r.task.id : ''));
    const found = await f.client.all<{ id: string }>(callbackTasksSql(db.dialect), [
      JSON.stringify([withCallback, without, 'missing']),
    ]);
    expect(found.map((r) => r.id)).toEqual([withCallback]);

    await f.client.transaction(grow);
    const marked = await f.client.run(markDispatchedSql(db.dialect), [7, JSON.stringify([2, 4])]);
    expect(marked).toBe(2);
    const rows = await f.client.all<{ seq: number }>(
      'SELECT seq FROM outbox WHERE dispatched_at = 7 ORDER BY seq',
    );
    expect(rows.map((r) => Number(r.seq))).toEqual([2, 4]);
  });
});
