import { afterEach, describe, expect, it } from 'vitest';
import { uniqueIdLookupSql } from './repos/task-repo';
import { createFixture, type EngineFixture, imageTask } from './testing/engine-fixture';
import { copyTasksSql } from './testing/task-copies';
import { testDatabases } from './testing/test-databases';

/**
 * Every create with `unique_id`s looks them up first (bulk: 2,000 per chunk). A bulk ingest grows the table from
 * nothing; on PostgreSQL a named statement's generic plan, cached after five runs while the table was tiny,
 * scanned every task of the organization per lookup from then on (measured: the 100k bulk test at 1.3k lines/s).
 */
describe.each(testDatabases())('unique_id lookup on $dialect', (db) => {
  let f: EngineFixture;
  afterEach(async () => f?.dispose());

  it('probes tasks_unique_id once per id after the table grew past the plan it started with', async () => {
    f = await createFixture(db);
    await f.engine.tasks.createTasks(f.orgId, f.project.id, [imageTask({ unique_id: 'u-0' })]);
    const sql = uniqueIdLookupSql(db.dialect);
    const wanted = JSON.stringify(['u-3', 'u-7', 'missing', "it's"]);
    const params = db.dialect === 'sqlite' ? [f.orgId, wanted] : [wanted, f.orgId];
    const plan = await f.client.transaction(async (tx) => {
      // Used while the table holds one task (more than the five runs after which pg caches a generic plan)…
      for (let i = 0; i < 8; i++) await tx.all(sql, params);
      // …then it grows by 20,000 tasks, with no ANALYZE in between, as during a bulk ingest.
      const copies = copyTasksSql(tx.dialect, { id: `t.id || '-' || s.i`, unique_id: `'u-' || s.i` });
      await tx.run(copies, [1, 20_000]);
      if (tx.dialect === 'postgres') {
        // Sent unnamed: this connection holds no prepared statement (and so no cached plan) for it.
        const held = await tx.all(
          "SELECT name FROM pg_prepared_statements WHERE statement LIKE '%jsonb_array_elements_text%' AND statement NOT LIKE '%pg_prepared%'",
        );
        expect(held).toEqual([]);
      }
      const explain = tx.dialect === 'sqlite' ? 'EXPLAIN QUERY PLAN' : 'EXPLAIN';
      const rows = await tx.all<Record<string, string>>(`${explain} ${sql}`, params);
      return rows.map((r) => r.detail ?? r['QUERY PLAN']).join(' > ');
    });
    if (db.dialect === 'sqlite')
      expect(plan).toMatch(/USING INDEX tasks_unique_id \(org_id=\? AND unique_id=\?\)/);
    else
      expect(plan).toMatch(/tasks_unique_id .*Index Cond: \(\(org_id = [^)]+\) AND \(unique_id = u\.id\)\)/);
    const found = await f.client.all<{ unique_id: string }>(sql, params);
    expect(found.map((r) => r.unique_id).sort()).toEqual(['u-3', 'u-7']);
  });
});
