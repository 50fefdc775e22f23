import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from './postgres-client';
import { QUEUE_TABLES, queueTablesWithoutVacuum, vacuumQueueTables } from './queue-vacuum';
import { leaseParams, leaseSql } from './repos/queue-repo';
import { runAnnotator } from './testing/annotator-loop';
import { carBox, createFixture, type EngineFixture, imageTask } from './testing/engine-fixture';
import { testDatabases } from './testing/test-databases';

const LABELLED = 2_000;

/** Buffers the lease query touches when run now (`EXPLAIN (ANALYZE, BUFFERS)`: it runs, inside a rolled-back unit). */
async function leaseBuffers(f: EngineFixture, annotatorId: string): Promise<number> {
  const sql = `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${leaseSql('postgres', 'queued', 1)}`;
  const rows = await f.client
    .transaction(async (tx) => {
      const plan = await tx.all<{ 'QUERY PLAN': [{ Plan: Record<string, number> }] }>(
        sql,
        leaseParams(f.project.id, annotatorId),
      );
      throw Object.assign(new Error('roll back the lease'), { plan });
    })
    .catch((e: { plan?: { 'QUERY PLAN': [{ Plan: Record<string, number> }] }[] }) => e.plan);
  const top = rows?.[0]?.['QUERY PLAN'][0]?.Plan;
  if (top === undefined) throw new Error('no plan');
  return (top['Shared Hit Blocks'] ?? 0) + (top['Shared Read Blocks'] ?? 0);
}

/** A promise and the function that resolves it. */
function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe.each(testDatabases())('queue vacuum on $dialect', (db) => {
  let f: EngineFixture;

  beforeAll(async () => {
    f = await createFixture(db, { annotators: 1 });
    const inputs = Array.from({ length: LABELLED }, () => imageTask());
    await f.engine.tasks.createTasks(f.orgId, f.project.id, inputs);
  }, 60_000);

  afterAll(async () => f?.dispose());

  if (db.dialect === 'sqlite')
    it('does nothing on SQLite, which keeps no dead rows', async () => {
      expect(await vacuumQueueTables(f.client, 0)).toEqual([]);
      expect(await queueTablesWithoutVacuum(f.client)).toEqual([]);
    });

  if (db.dialect === 'postgres') {
    it('vacuums only the queue tables holding at least the given dead rows', async () => {
      expect(await vacuumQueueTables(f.client, Number.MAX_SAFE_INTEGER)).toEqual([]);
      expect(await vacuumQueueTables(f.client, 0)).toEqual([...QUEUE_TABLES].sort());
      const [tasks] = await f.client.all<{ n: number }>(
        "SELECT vacuum_count AS n FROM pg_stat_user_tables WHERE schemaname = current_schema() AND relname = 'tasks'",
      );
      expect(Number(tasks?.n)).toBeGreaterThanOrEqual(1);
    });

    it('names the queue tables the role may not VACUUM', async () => {
      expect(await queueTablesWithoutVacuum(f.client)).toEqual([]);
      const { pgUrl, pgSchema } = f.handle.location;
      const role = `${String(pgSchema)}_reader`;
      await f.client.run(`CREATE ROLE ${role} LOGIN`);
      await f.client.run(`GRANT USAGE ON SCHEMA ${String(pgSchema)} TO ${role}`);
      const url = new URL(String(pgUrl));
      url.username = role;
      const other = openPostgres({ url: url.toString(), schema: pgSchema, poolSize: 1 });
      try {
        expect(await queueTablesWithoutVacuum(other)).toEqual([...QUEUE_TABLES].sort());
      } finally {
        await other.close();
        await f.client.run(`DROP OWNED BY ${role}`);
        await f.client.run(`DROP ROLE ${role}`);
      }
    });

    it('after it, the lease no longer steps over the labelled tasks', async () => {
      // Each labelled task leaves a dead entry at the front of tasks_lease (the lease's update is never HOT).
      // A scan marks such an entry dead in the index only once no snapshot can see its row any more. Under load
      // the entries stayed (the lease read ~1,900 buffers per call after 15,000 labelled tasks); one connection
      // alone gets them marked, so here another connection holds a snapshot while the tasks are labelled.
      const annotatorId = f.annotators[0]!.id;
      const other = f.handle.reopen();
      const held = signal();
      const taken = signal();
      const holder = other.transaction(async (tx) => {
        await tx.run('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
        await tx.all('SELECT 1 FROM tasks LIMIT 1');
        taken.resolve();
        await held.promise;
      });
      await taken.promise;
      await runAnnotator(f.engine, f.orgId, annotatorId, () => carBox(), 100);
      // Tasks queued behind the labelled ones: a lease walks the dead entries to reach them.
      await f.engine.tasks.createTasks(f.orgId, f.project.id, [imageTask(), imageTask()]);
      const before = await leaseBuffers(f, annotatorId);
      held.resolve();
      await holder; // `other` is closed with the fixture
      await vacuumQueueTables(f.client, 0);
      // Without the VACUUM, this first lease after the snapshot ends would fetch every dead row from the heap.
      const after = await leaseBuffers(f, annotatorId);
      expect(before).toBeGreaterThan(LABELLED / 40); // a heap page per ~30 dead rows (102 when written)
      expect(after).toBeLessThan(before / 4); // 12 with the VACUUM, 129 without it
    });
  }
});
