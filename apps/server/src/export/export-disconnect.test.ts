import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testDatabases } from '@tessera/db';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';
import type { ExportOutcome } from './export-pump';
import { cloneCompletedTask, exportOnlyApp, seedExportProject } from './export-test-kit';

const ROWS = 50_000;
const PAGE = 100;
/** Pages the export may still read after the socket closed: the one in flight, and one more at most. */
const MAX_PAGES_AFTER_CLOSE = 2;

interface Watch {
  chunks: number;
  ended: Promise<ExportOutcome>;
}

function get(url: string, headers: Record<string, string>): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, resolve);
    req.once('error', reject);
    req.end();
  });
}

describe.each(testDatabases())('a client that disconnects stops the export reads ($dialect)', (db) => {
  let t: TestApp;
  let app: FastifyInstance;
  let base: string;
  let key: string;
  let watch: Watch;
  let onEnd: (o: ExportOutcome) => void = () => undefined;

  beforeAll(async () => {
    t = await createTestApp(db);
    const seeded = await seedExportProject(t, { completed: 1 });
    const [template = ''] = seeded.completed;
    await cloneCompletedTask(t.ctx.db.client, template, ROWS, { startMs: t.clock.now() + 1000, perMs: 7 });
    key = seeded.tenant.adminKey;
    watch = { chunks: 0, ended: Promise.resolve({ chunks: 0, rows: 0, complete: false }) };
    app = await exportOnlyApp(t.ctx, {
      chunkRows: PAGE,
      observer: {
        chunk: (p) => {
          watch.chunks = p.chunks;
        },
        end: (o) => onEnd(o),
      },
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/v1/projects/${seeded.project}/export`;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  it.each([
    ['plain', {}],
    ['gzip', { 'accept-encoding': 'gzip' }],
  ])(
    `%s: closing the socket mid-export ends the loop within ${MAX_PAGES_AFTER_CLOSE} pages`,
    async (_name, extra) => {
      watch.ended = new Promise((resolve) => {
        onEnd = resolve;
      });
      const res = await get(base, { authorization: `Bearer ${key}`, ...extra });
      expect(res.statusCode).toBe(200);
      // Read one chunk, then stop reading: the server fills the socket buffers and waits for 'drain'.
      await new Promise<void>((resolve) => res.once('data', () => resolve()));
      res.pause();
      await new Promise((resolve) => setTimeout(resolve, 300));
      const atClose = watch.chunks;
      expect(atClose).toBeLessThan(ROWS / PAGE); // it is waiting on backpressure, not done
      res.destroy();
      console.log(
        `[export disconnect] pages read when the client closed: ${atClose} of ${Math.ceil(ROWS / PAGE)}`,
      );
      const outcome = await Promise.race([
        watch.ended,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('export never ended')), 10_000)),
      ]);
      expect(outcome.complete).toBe(false);
      expect(outcome.chunks - atClose).toBeLessThanOrEqual(MAX_PAGES_AFTER_CLOSE);
      // and nothing is read later either
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(watch.chunks).toBe(outcome.chunks);
    },
  );

  it('a client that keeps reading gets every row (the same export runs to its end)', async () => {
    watch.ended = new Promise((resolve) => {
      onEnd = resolve;
    });
    const res = await get(base, { authorization: `Bearer ${key}` });
    let lines = 0;
    for await (const chunk of res) lines += (chunk as Buffer).toString('utf8').split('\n').length - 1;
    expect(lines).toBe(ROWS + 1);
    const outcome = await watch.ended;
    // the last page is the first one shorter than PAGE (an empty one when the count divides evenly)
    expect(outcome).toEqual({ complete: true, rows: ROWS + 1, chunks: Math.floor((ROWS + 1) / PAGE) + 1 });
  });
});
