import { type SqlValue, testDatabases } from '@tessera/db';
import { afterEach, describe, expect, it } from 'vitest';
import { countRows, createPublishedProject } from '../testing/ingest-test-kit';
import { createTestApp, type TestApp } from '../testing/test-app';

const sqlite = testDatabases().filter((d) => d.dialect === 'sqlite');

/**
 * Known gap, found while building Q1 (kept as an expected failure until fixed): the Idempotency-Key record
 * is completed in its own transaction after the operation's. A crash between the two leaves the operation
 * committed and the key "in flight"; once the in-flight window passes, the retry executes again. Submits
 * are safe (the lease token makes them idempotent) and so are creates with a `unique_id`; a create without
 * one is stored twice. The fix is to record the key in the operation's own transaction.
 */
describe.each(sqlite)('Idempotency-Key across a crash between commit and record on $dialect', (db) => {
  let t: TestApp;
  afterEach(async () => t?.dispose());

  it.fails('a retried create without unique_id, after the in-flight window, makes no second task', async () => {
    t = await createTestApp(db);
    const acme = await t.tenant();
    await createPublishedProject(t, acme, 'cars');
    // The "crash": the response is never recorded (the completing UPDATE fails once), the task is committed.
    const client = t.ctx.db.client;
    const run = client.run.bind(client);
    let failOnce = true;
    Object.assign(client, {
      run: (sql: string, params?: readonly SqlValue[]) => {
        if (failOnce && sql.includes("status = 'completed'") && sql.includes('idempotency_keys')) {
          failOnce = false;
          return Promise.reject(new Error('process died'));
        }
        return run(sql, params);
      },
    });
    const post = () =>
      t.app.inject({
        method: 'POST',
        url: '/v1/tasks',
        headers: { authorization: `Bearer ${acme.adminKey}`, 'idempotency-key': 'create-1' },
        payload: { project: 'cars', type: 'imageannotation' },
      });
    expect((await post()).statusCode).toBe(200);
    expect((await post()).statusCode).toBe(409); // still "in flight"
    t.clock.advance(t.ctx.config.idempotencyInFlightMs + 1);
    expect((await post()).statusCode).toBe(200);
    expect((await countRows(t, 'tasks', acme.orgId)).rows).toBe(1);
  });
});
