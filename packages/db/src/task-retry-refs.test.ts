import type { CreateResult } from '@tessera/core';
import { afterEach, describe, expect, it } from 'vitest';
import { RETRY_REF_RANGE_SQL } from './repos/task-repo';
import { isUniqueViolation } from './sql-client';
import {
  countRows,
  createFixture,
  type EngineFixture,
  imageTask,
  TEST_ONTOLOGY,
} from './testing/engine-fixture';
import { testDatabases } from './testing/test-databases';

const DAY = 24 * 60 * 60 * 1000;

function taskIds(results: readonly CreateResult[]): (string | null)[] {
  return results.map((r) => (r.outcome === 'created' ? r.task.id : null));
}

describe.each(testDatabases())('task retry references on $dialect', (db) => {
  let f: EngineFixture;
  afterEach(async () => f?.dispose());

  const create = (inputs: unknown[], refs: (string | null)[], since = f.clock.now() - DAY) =>
    f.engine.tasks.createTasks(f.orgId, f.project.id, inputs, { retry: { refs, since } });

  it('a retry with the same references answers the stored tasks as created and stores nothing new', async () => {
    f = await createFixture(db);
    const inputs = [imageTask(), imageTask(), imageTask({ priority: 'high' }), imageTask()];
    const first = await create(inputs, ['r0', 'r1', 'r2', null]);
    expect(first.map((r) => r.outcome)).toEqual(['created', 'created', 'invalid', 'created']);
    expect(await countRows(f.client, 'tasks')).toBe(3);

    f.clock.advance(60_000);
    const again = await create(inputs, ['r0', 'r1', 'r2', null]);
    expect(again.map((r) => r.outcome)).toEqual(['created', 'created', 'invalid', 'created']);
    // Referenced inputs find their task (same row, as stored); the unreferenced one is created again.
    expect(taskIds(again).slice(0, 2)).toEqual(taskIds(first).slice(0, 2));
    expect(again[0]).toEqual(first[0]);
    expect(taskIds(again)[3]).not.toBe(taskIds(first)[3]);
    expect(await countRows(f.client, 'tasks')).toBe(4);
    // The reference is internal: stored in the row, never part of the Task record.
    expect(Object.keys(first[0]?.outcome === 'created' ? first[0].task : {})).not.toContain('retry_ref');
    expect(await countRows(f.client, 'tasks', 'retry_ref IS NOT NULL')).toBe(2);
  });

  it('inputs with a unique_id keep their own semantics: no reference, a retry is a duplicate', async () => {
    f = await createFixture(db);
    const inputs = [imageTask({ unique_id: 'u-1' })];
    const [first] = await create(inputs, ['r-u']);
    expect(first?.outcome).toBe('created');
    expect(await countRows(f.client, 'tasks', 'retry_ref IS NOT NULL')).toBe(0);
    const [again] = await create(inputs, ['r-u']);
    expect(again).toMatchObject({ outcome: 'duplicate', uniqueId: 'u-1' });
    expect(await countRows(f.client, 'tasks')).toBe(1);
  });

  it('a reference stored before `since` (an expired key) no longer matches: the input is created anew', async () => {
    f = await createFixture(db);
    const [old] = taskIds(await create([imageTask()], ['r-day']));
    f.clock.advance(DAY + 1);
    const [fresh] = taskIds(await create([imageTask()], ['r-day']));
    expect(fresh).not.toBe(old);
    const rows = await f.client.all<{ id: string; retry_ref: string | null }>(
      'SELECT id, retry_ref FROM tasks ORDER BY created_at',
    );
    expect(rows).toEqual([
      { id: old, retry_ref: null },
      { id: fresh, retry_ref: 'r-day' },
    ]);
  });

  it('a reference is scoped to its organization', async () => {
    f = await createFixture(db);
    const other = await f.engine.orgs.createOrganization('Other');
    const admin = await f.engine.orgs.createUser(other.id, { email: 'o@o.test', name: 'O', role: 'admin' });
    const project = await f.engine.projects.createProject(other.id, admin.id, {
      name: 'p',
      modality: 'image',
    });
    const draft = await f.engine.ontologies.createDraft(other.id, project.id, TEST_ONTOLOGY);
    await f.engine.ontologies.publish(other.id, project.id, draft.version);
    const since = f.clock.now() - DAY;
    const [mine] = taskIds(await create([imageTask()], ['shared']));
    const theirs = await f.engine.tasks.createTasks(other.id, project.id, [imageTask()], {
      retry: { refs: ['shared'], since },
    });
    expect(taskIds(theirs)[0]).not.toBe(mine);
    expect(await countRows(f.client, 'tasks', 'retry_ref = ?', ['shared'])).toBe(2);
  });

  it('two attempts racing with the same reference store one task (the unique index decides)', async () => {
    f = await createFixture(db);
    const second = f.engineOnNewClient();
    const since = f.clock.now() - DAY;
    const attempt = (engine: typeof f.engine) =>
      engine.tasks
        .createTasks(f.orgId, f.project.id, [imageTask()], { retry: { refs: ['race'], since } })
        .then(taskIds, (error: unknown) => {
          if (!isUniqueViolation(error)) throw error;
          return 'lost the race';
        });
    const outcomes = await Promise.all([attempt(f.engine), attempt(second), attempt(f.engine)]);
    expect(await countRows(f.client, 'tasks')).toBe(1);
    const [row] = await f.client.all<{ id: string }>('SELECT id FROM tasks');
    for (const o of outcomes) if (o !== 'lost the race') expect(o).toEqual([row?.id]);
  });

  it('the lookup reads one range of tasks_retry_ref, also in the generic plan PostgreSQL caches', async () => {
    f = await createFixture(db);
    const refs = Array.from({ length: 50 }, (_, i) => `req.${String(i).padStart(10, '0')}`);
    await create(
      refs.map(() => imageTask()),
      refs,
    );
    const params = [f.orgId, refs[10] ?? '', refs[12] ?? ''];
    const plan = await f.client.transaction(async (tx) => {
      if (tx.dialect === 'sqlite') {
        const rows = await tx.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${RETRY_REF_RANGE_SQL}`, params);
        return rows.map((r) => r.detail).join(' > ');
      }
      // The plan a named statement ends up with: generic, planned without the parameters' values.
      let n = 0;
      await tx.run(`PREPARE retry_range AS ${RETRY_REF_RANGE_SQL.replace(/\?/g, () => `$${++n}`)}`);
      await tx.run('SET LOCAL plan_cache_mode = force_generic_plan');
      const literals = params.map((p) => `'${p}'`).join(', ');
      const rows = await tx.all<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE retry_range(${literals})`);
      await tx.run('DEALLOCATE retry_range');
      return rows.map((r) => r['QUERY PLAN']).join(' > ');
    });
    if (db.dialect === 'sqlite')
      expect(plan).toMatch(/USING INDEX tasks_retry_ref \(org_id=\? AND retry_ref>\? AND retry_ref<\?\)/);
    else
      expect(plan).toMatch(
        /tasks_retry_ref .*Index Cond: \(\(org_id = \$1\) AND \(retry_ref >= \$2\) AND \(retry_ref <= \$3\)\)/,
      );
    expect((await f.client.all(RETRY_REF_RANGE_SQL, params)).length).toBe(3);
  });
});
