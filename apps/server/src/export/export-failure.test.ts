import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SqlClient } from '@tessera/db';
import { testDatabases } from '@tessera/db';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';
import { cloneCompletedTask, exportOnlyApp, seedExportProject } from './export-test-kit';

const ROWS = 2_000;
const PAGE = 100;
/** Page reads that succeed before the database "fails" (the first page is read before the answer starts). */
const GOOD_READS = 3;

interface Received {
  readonly status: number;
  readonly text: string;
  /** 'end' when the body ended normally; otherwise the error that cut it. */
  readonly ending: string;
}

function fetchAll(url: string, key: string): Promise<Received> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { authorization: `Bearer ${key}` } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        text += d;
      });
      res.once('end', () => resolve({ status: res.statusCode ?? 0, text, ending: 'end' }));
      res.once('error', (e) => resolve({ status: res.statusCode ?? 0, text, ending: e.message }));
    });
    req.once('error', reject);
    req.end();
  });
}

/** The client, except that every read after the first `good` ones fails like a dropped database. */
function failingReads(client: SqlClient, good: number): SqlClient {
  let reads = 0;
  return {
    ...client,
    read(fn) {
      reads += 1;
      if (reads > good) return Promise.reject(Object.assign(new Error('terminated'), { code: 'ECONNRESET' }));
      return client.read(fn);
    },
  };
}

describe.each(testDatabases())('an export whose database fails mid-stream ($dialect)', (db) => {
  let t: TestApp;
  let key: string;
  let project: string;
  const apps: FastifyInstance[] = [];
  beforeAll(async () => {
    t = await createTestApp(db);
    const seeded = await seedExportProject(t, { completed: 1 });
    await cloneCompletedTask(t.ctx.db.client, seeded.completed[0] ?? '', ROWS, {
      startMs: t.clock.now() + 1000,
      perMs: 3,
    });
    key = seeded.tenant.adminKey;
    project = seeded.project;
  }, 60_000);
  afterAll(async () => {
    for (const app of apps) await app.close();
    await t?.dispose();
  });

  async function serve(good: number): Promise<string> {
    const ctx = { ...t.ctx, db: { ...t.ctx.db, client: failingReads(t.ctx.db.client, good) } };
    const app = await exportOnlyApp(ctx, { chunkRows: PAGE });
    apps.push(app);
    await app.listen({ host: '127.0.0.1', port: 0 });
    return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/v1/projects/${project}/export`;
  }

  it('cuts the response off (no clean end): a client can tell the export is incomplete', async () => {
    const got = await fetchAll(await serve(GOOD_READS), key);
    expect(got.status).toBe(200);
    expect(got.ending).not.toBe('end');
    // What arrived is a prefix of the export: whole lines parse; a last partial line may follow.
    const whole = got.text.split('\n').slice(0, -1);
    expect(whole.length).toBeGreaterThan(0);
    expect(whole.length).toBeLessThanOrEqual(GOOD_READS * PAGE);
    for (const line of whole) expect(JSON.parse(line)).toMatchObject({ schema: 'tessera.label/1' });
  });

  it('answers 503 database_unavailable when the first page cannot be read (nothing sent yet)', async () => {
    const res = await fetch(await serve(0), { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).not.toBeNull();
    expect(await res.json()).toMatchObject({ code: 'database_unavailable' });
  });
});
