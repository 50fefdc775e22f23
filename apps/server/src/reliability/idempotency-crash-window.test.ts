import http from 'node:http';
import { type SqlValue, testDatabases } from '@tessera/db';
import { afterEach, describe, expect, it } from 'vitest';
import { BULK_CHUNK_LINES } from '../routes/bulk-routes';
import { countRows, createPublishedProject, waitFor } from '../testing/ingest-test-kit';
import { createTestApp, type TestApp, type TestTenant } from '../testing/test-app';

const DAY = 24 * 60 * 60 * 1000;

/** A task line without `unique_id` (identical lines are distinct tasks: nothing natural dedupes them). */
function plainLine(i: number): string {
  return JSON.stringify({
    type: 'imageannotation',
    instruction: `Box every car (${i % 7})`,
    item: { media_type: 'image', uri: `https://example.test/plain-${i % 7}.png`, width: 640, height: 480 },
  });
}

/**
 * The "crash" between the operation's commit and the Idempotency-Key record: the completing UPDATE of the
 * key fails once, as if the process died right after the operation committed. Everything the operation
 * wrote stays; the key stays in flight with no response, exactly what a restarted server would find.
 */
function crashBeforeRecordOnce(t: TestApp): () => boolean {
  // The store writes its records through `asyncCommit` (on SQLite, the client's own statements).
  const records = t.ctx.db.client.asyncCommit;
  const run = records.run.bind(records);
  let armed = true;
  Object.assign(records, {
    run: (sql: string, params?: readonly SqlValue[]) => {
      if (armed && sql.includes("status = 'completed'") && sql.includes('idempotency_keys')) {
        armed = false;
        return Promise.reject(new Error('process died'));
      }
      return run(sql, params);
    },
  });
  return () => !armed;
}

/**
 * Formerly a pinned known gap (issue 7): the key's record is completed in its own transaction after the
 * operation's, so a retry after the in-flight window executes the create again. A create without
 * `unique_id` under a key now stores a retry reference in the task's own row (same transaction, unique
 * per organization); the late retry finds the task instead of adding one, and answers like the first.
 */
describe.each(testDatabases())(
  'Idempotency-Key across a crash between commit and record on $dialect',
  (db) => {
    let t: TestApp;
    let acme: TestTenant;
    afterEach(async () => t?.dispose());

    const setup = async () => {
      t = await createTestApp(db);
      acme = await t.tenant();
      await createPublishedProject(t, acme, 'cars');
    };
    const bulk = (key: string, payload: string) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/tasks/bulk?project=cars&results=all',
        headers: {
          authorization: `Bearer ${acme.adminKey}`,
          'content-type': 'application/x-ndjson',
          'idempotency-key': key,
        },
        payload,
      });
    const tasksIn = async () => (await countRows(t, 'tasks', acme.orgId)).rows;

    it.each([
      ['/v1/tasks', { project: 'cars', type: 'imageannotation' }],
      ['/v1/task/imageannotation', { project: 'cars', instruction: 'Box every car' }],
    ])(
      'a retried create without unique_id (%s), after the in-flight window, makes no second task',
      async (url, payload) => {
        await setup();
        const crashed = crashBeforeRecordOnce(t);
        const post = () =>
          t.app.inject({
            method: 'POST',
            url,
            headers: { authorization: `Bearer ${acme.adminKey}`, 'idempotency-key': 'create-1' },
            payload,
          });
        const first = await post();
        expect(first.statusCode, first.body).toBe(200);
        expect(crashed()).toBe(true);
        expect((await post()).statusCode).toBe(409); // still "in flight"
        t.clock.advance(t.ctx.config.idempotencyInFlightMs + 1);
        const retry = await post();
        expect(retry.statusCode, retry.body).toBe(200);
        expect(retry.headers['idempotent-replayed']).toBeUndefined(); // it ran again, and found the task
        expect(retry.json()).toEqual(first.json());
        expect(await tasksIn()).toBe(1);
        // The retry's answer was recorded: the next one is an ordinary replay.
        const replay = await post();
        expect(replay.headers['idempotent-replayed']).toBe('true');
        expect(replay.body).toBe(retry.body);
        expect(await tasksIn()).toBe(1);
      },
    );

    it('a bulk upload of lines without unique_id, retried after the crash, stores every line once', async () => {
      await setup();
      const crashed = crashBeforeRecordOnce(t);
      const lines = Array.from({ length: 2 * BULK_CHUNK_LINES + 345 }, (_, i) => plainLine(i));
      lines.splice(1000, 0, '{"type": "imageannotation", "priority": "high"}'); // invalid: reported, not stored
      const body = `${lines.join('\n')}\n`;
      const first = await bulk('bulk-1', body);
      expect(first.statusCode, first.body.slice(0, 300)).toBe(200);
      const stored = lines.length - 1;
      expect(first.json()).toMatchObject({ created: stored, duplicates: 0, invalid: 1 });
      expect(crashed()).toBe(true);
      expect((await bulk('bulk-1', body)).statusCode).toBe(409);
      t.clock.advance(t.ctx.config.idempotencyInFlightMs + 1);
      const retry = await bulk('bulk-1', body);
      expect(retry.statusCode, retry.body.slice(0, 300)).toBe(200);
      expect(retry.json()).toEqual(first.json()); // same counts, same task id on every line
      expect(await tasksIn()).toBe(stored);
    }, 120_000);

    it('an upload without unique_id dropped mid-stream, re-sent with the same key, stores every line once', async () => {
      await setup();
      const lines = Array.from({ length: 2 * BULK_CHUNK_LINES + 500 }, (_, i) => plainLine(i));
      const committed = 2 * BULK_CHUNK_LINES;
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = t.app.server.address() as { port: number };
      const req = http.request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/v1/tasks/bulk?project=cars&results=all',
        headers: {
          authorization: `Bearer ${acme.adminKey}`,
          'content-type': 'application/x-ndjson',
          'idempotency-key': 'drop-1',
        },
      });
      const clientError = new Promise<Error>((resolve) => req.on('error', resolve));
      req.write(`${lines.slice(0, committed + 100).join('\n')}\n`);
      await waitFor(async () => (await tasksIn()) >= committed);
      req.destroy();
      expect((await clientError).message).toMatch(/socket hang up|aborted|ECONNRESET/);
      await waitFor(async () => (await countRows(t, 'idempotency_keys', acme.orgId)).rows === 0);
      expect(await tasksIn()).toBe(committed);

      const again = await bulk('drop-1', `${lines.join('\n')}\n`);
      expect(again.statusCode, again.body.slice(0, 300)).toBe(200);
      expect(again.json()).toMatchObject({ created: lines.length, duplicates: 0, invalid: 0 });
      expect(await tasksIn()).toBe(lines.length);
    }, 120_000);

    it('the reference lives as long as the key: after 24 h the same key creates anew, as documented', async () => {
      await setup();
      const post = (key: string) =>
        t.app.inject({
          method: 'POST',
          url: '/v1/tasks',
          headers: { authorization: `Bearer ${acme.adminKey}`, 'idempotency-key': key },
          payload: { project: 'cars', type: 'imageannotation' },
        });
      const first = await post('day-1');
      expect(first.statusCode).toBe(200);
      expect((await post('day-2')).json().task_id).not.toBe(first.json().task_id); // another key: another task
      t.clock.advance(DAY + 1);
      crashBeforeRecordOnce(t);
      const later = await post('day-1');
      expect(later.statusCode).toBe(200);
      expect(later.json().task_id).not.toBe(first.json().task_id);
      expect(await tasksIn()).toBe(3);
      // That new task now owns the reference: its own crash-window retry finds it.
      t.clock.advance(t.ctx.config.idempotencyInFlightMs + 1);
      const retry = await post('day-1');
      expect(retry.json()).toEqual(later.json());
      expect(await tasksIn()).toBe(3);
    });
  },
);
