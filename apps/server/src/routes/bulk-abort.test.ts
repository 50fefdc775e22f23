import http from 'node:http';
import { testDatabases } from '@tessera/db';
import { afterEach, describe, expect, it } from 'vitest';
import { countRows, createPublishedProject, taskLine, waitFor } from '../testing/ingest-test-kit';
import { createTestApp, type TestApp } from '../testing/test-app';
import { BULK_CHUNK_LINES } from './bulk-routes';

const TOTAL = 12_345;
/** Lines sent before the drop: whole chunks are committed, the rest of the last chunk is not. */
const SENT = 4 * BULK_CHUNK_LINES + 700;

describe.each(testDatabases())('an upload dropped mid-stream on $dialect', (db) => {
  let t: TestApp;
  afterEach(async () => t?.dispose());

  it('keeps what was committed, and a re-send of the whole file completes it without doubling anything', async () => {
    t = await createTestApp(db);
    const acme = await t.tenant();
    await createPublishedProject(t, acme, 'cars');
    const lines = Array.from({ length: TOTAL }, (_, i) => taskLine(`drop-${i + 1}`));
    const key = 'a3b6f0d2-8c1e-4f5a-9b7d-2e4c6a8b0d1f';
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };

    // A real socket: chunked upload, then the client goes away in the middle of line SENT + 1.
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/v1/tasks/bulk?project=cars',
      headers: {
        authorization: `Bearer ${acme.adminKey}`,
        'content-type': 'application/x-ndjson',
        'idempotency-key': key,
      },
    });
    const clientError = new Promise<Error>((resolve) => req.on('error', resolve));
    req.write(`${lines.slice(0, SENT).join('\n')}\n`);
    req.write((lines[SENT] ?? '').slice(0, 50));
    const committed = 4 * BULK_CHUNK_LINES;
    await waitFor(async () => (await countRows(t, 'tasks', acme.orgId)).rows >= committed);
    req.destroy();
    expect((await clientError).message).toMatch(/socket hang up|aborted|ECONNRESET/);
    // The server notices the drop and gives the Idempotency-Key up (nothing was answered).
    await waitFor(async () => (await countRows(t, 'idempotency_keys', acme.orgId)).rows === 0);
    expect(await countRows(t, 'tasks', acme.orgId)).toEqual({ rows: committed, distinct: committed });
    const stored = await t.ctx.db.client.all<{ unique_id: string }>(
      'SELECT unique_id FROM tasks WHERE org_id = ? ORDER BY unique_id',
      [acme.orgId],
    );
    const expected = lines.slice(0, committed).map((_, i) => `drop-${i + 1}`);
    expect(stored.map((r) => r.unique_id)).toEqual(expected.sort());

    // The client re-sends the whole file with the same key: the rest is created, the committed part is duplicate.
    const again = await t.app.inject({
      method: 'POST',
      url: '/v1/tasks/bulk?project=cars',
      headers: {
        authorization: `Bearer ${acme.adminKey}`,
        'content-type': 'application/x-ndjson',
        'idempotency-key': key,
      },
      payload: `${lines.join('\n')}\n`,
    });
    expect(again.statusCode, again.body.slice(0, 300)).toBe(200);
    expect(again.json()).toMatchObject({ created: TOTAL - committed, duplicates: committed, invalid: 0 });
    expect(await countRows(t, 'tasks', acme.orgId)).toEqual({ rows: TOTAL, distinct: TOTAL });
  });
});
