import { createEngine } from '@tessera/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { SqlClient, SqlExecutor, SqlValue } from './sql-client';
import { createSqlStore } from './sql-store';
import { carBox, createFixture, type EngineFixture, imageTask } from './testing/engine-fixture';
import { testDatabases } from './testing/test-databases';

/** `client` whose transactions log each statement when it is sent and when its answer arrives. */
function recording(client: SqlClient, log: string[]): SqlClient {
  const wrap = (tx: SqlExecutor): SqlExecutor => {
    const track = <T>(sql: string, send: () => Promise<T>) => {
      const head = sql.replace(/\s+/g, ' ');
      log.push(`send ${head}`);
      return send().then((value) => {
        log.push(`done ${head}`);
        return value;
      });
    };
    return {
      dialect: tx.dialect,
      all: (sql: string, params?: readonly SqlValue[]) => track(sql, () => tx.all(sql, params)),
      run: (sql: string, params?: readonly SqlValue[]) => track(sql, () => tx.run(sql, params)),
      defer: (sql: string, params?: readonly SqlValue[]) => track(sql, () => tx.defer(sql, params)),
      deferOne: (sql: string, params?: readonly SqlValue[]) => track(sql, () => tx.deferOne(sql, params)),
    } as SqlExecutor;
  };
  return { ...client, transaction: (fn) => client.transaction((tx) => fn(wrap(tx))) };
}

/** One task leased by the first annotator, and an engine whose transactions record their statements. */
async function leasedAndRecorded(f: EngineFixture) {
  const [created] = await f.engine.tasks.createTasks(f.orgId, f.project.id, [imageTask()]);
  const taskId = created?.outcome === 'created' ? created.task.id : '';
  const annotatorId = f.annotators[0]?.id as string;
  const [lease] = await f.engine.queue.lease({ orgId: f.orgId, annotatorId });
  const log: string[] = [];
  const engine = createEngine({ ...f.deps, store: createSqlStore(recording(f.client, log)) });
  return { taskId, annotatorId, token: lease?.token as number, log, engine };
}

describe.each(testDatabases())('the reads a submit or a heartbeat starts with, on $dialect', (db) => {
  let f: EngineFixture;
  afterEach(async () => f?.dispose());

  it('ends the live lease, reads its task and the project together, the lease first (the lock order)', async () => {
    f = await createFixture(db);
    const { taskId, annotatorId, token, log, engine } = await leasedAndRecorded(f);
    const result = await engine.queue.submitAndLease(
      { orgId: f.orgId, annotatorId, taskId, token, payload: carBox() },
      {},
    );
    expect(result.task.status).toBe('completed');
    // All three leave before any answer arrives (one round trip on PostgreSQL), the lease first: the statement
    // that checks it live also ends it, so the lease is neither read nor ended by another statement.
    const [lock, task, project, answer] = log;
    expect(lock).toMatch(
      /^send UPDATE assignments SET status = 'submitted'.* WHERE task_id = \? AND token = \?/,
    );
    expect(log.filter((l) => l.startsWith('send SELECT * FROM assignments WHERE task_id'))).toEqual([]);
    expect(log.filter((l) => l.startsWith('send UPDATE assignments SET status = ?'))).toEqual([]);
    expect(task).toMatch(/^send SELECT \* FROM tasks WHERE id = \?/);
    expect(project).toMatch(/^send SELECT \* FROM projects WHERE org_id = \? AND id = \(SELECT project_id/);
    expect(answer).toMatch(/^done /);
    // The project read with the task is the only one: the completion and the lease after it reuse it.
    expect(log.filter((l) => l.startsWith('send SELECT * FROM projects'))).toHaveLength(1);
  });

  it('sends a heartbeat’s lease and project together, then extends the lease', async () => {
    f = await createFixture(db);
    const { taskId, annotatorId, token, log, engine } = await leasedAndRecorded(f);
    f.clock.advance(1000);
    const { expiresAt } = await engine.queue.heartbeat(f.orgId, annotatorId, taskId, token);
    expect(expiresAt).toBe(f.clock.now() + f.project.workflow.lease_seconds * 1000);
    const [lock, project, answer] = log;
    expect(lock).toMatch(/^send SELECT \* FROM assignments WHERE task_id = \? AND token = \?/);
    expect(project).toMatch(/^send SELECT \* FROM projects WHERE org_id = \? AND id = \(SELECT project_id/);
    expect(answer).toMatch(/^done /);
    expect(log.filter((l) => l.startsWith('send UPDATE assignments SET heartbeat_at'))).toHaveLength(1);
  });
});
