import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createClient } from '@tessera/client';
import { openSqlite, type SqlClient } from '@tessera/db';
import type { ExportRecord } from '@tessera/schema';
import { afterAll, describe, expect, it } from 'vitest';
import { cloneCompletedTask } from '../export/export-test-kit';
import { canonicalJson } from '../idempotency/fingerprint';
import { EXPORT_CHUNK_ROWS } from '../routes/export-routes';
import { markedBox } from '../testing/marked-box';
import { SEED_SECRET_KEY, seedSqliteDir } from '../testing/seed-workspace';
import { type ServerProcess, spawnServer, stopServer } from '../testing/spawn-servers';
import { scale } from './scale';

const ROWS = scale(50_000, 1_000_000);
const RSS_LIMIT = 300 * 1024 * 1024;
/** Rows compared with the database at a time (the test's own memory stays bounded too). */
const CHECK_BATCH = 5_000;

/** The resident set of a process in bytes, from /proc (Linux). */
function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) * 1024;
}

function get(url: string, key: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { authorization: `Bearer ${key}` } }, resolve);
    req.once('error', reject);
    req.end();
  });
}

interface Checked {
  count: number;
  lastKey: [number, string] | null;
  mismatches: string[];
}

/** Compares exported records with the database's completed tasks and current labels, in order. */
async function checkBatch(client: SqlClient, batch: readonly ExportRecord[], state: Checked): Promise<void> {
  const ids = batch.map((r) => r.task_id);
  const rows = await client.all<{ id: string; final_revision: number; payload: string; status: string }>(
    `SELECT t.id, t.final_revision, t.status, f.payload FROM tasks t JOIN final_labels f
     ON f.task_id = t.id AND f.revision = t.final_revision WHERE t.id IN (SELECT value FROM json_each(?))`,
    [JSON.stringify(ids)],
  );
  const stored = new Map(rows.map((r) => [r.id, r]));
  for (const r of batch) {
    const key: [number, string] = [Date.parse(r.completed_at ?? ''), r.task_id];
    const prev = state.lastKey;
    if (prev !== null && !(prev[0] < key[0] || (prev[0] === key[0] && prev[1] < key[1])))
      state.mismatches.push(`out of order or repeated: ${r.task_id}`);
    state.lastKey = key;
    const s = stored.get(r.task_id);
    if (s === undefined || s.status !== 'completed')
      state.mismatches.push(`not a completed task: ${r.task_id}`);
    else if (
      s.final_revision !== r.label?.revision ||
      canonicalJson(JSON.parse(s.payload)) !== canonicalJson(r.label.annotations)
    )
      state.mismatches.push(`label differs: ${r.task_id}`);
  }
  state.count += batch.length;
}

describe('R2 export of many labels streams (SQLite serve process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-r2-'));
  const logFile = join(dir, 'server.log');
  let server: ServerProcess | undefined;
  let db: SqlClient | undefined;
  afterAll(async () => {
    if (server) await stopServer(server);
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    `${ROWS} labels: every one exactly once, in order, as stored; serve RSS < 300 MiB; a disconnect stops the reads`,
    async () => {
      const seeded = await seedSqliteDir(dir, { annotators: 1, tasks: 1, project: 'r2' });
      server = await spawnServer({
        TESSERA_DATA: dir,
        TESSERA_SECRET_KEY: SEED_SECRET_KEY,
        TESSERA_LOG_FILE: logFile,
        TESSERA_LOG_LEVEL: 'info',
      });
      const annotator = seeded.annotators[0] as { key: string };
      const worker = createClient({ baseUrl: server.url, apiKey: annotator.key });
      const [lease] = (await worker.leaseTasks({ project: 'r2' })).leases;
      if (lease === undefined) throw new Error('nothing to lease');
      await worker.submitAnnotation({
        task_id: lease.task.task_id,
        token: lease.token,
        annotations: markedBox(7),
      });
      db = openSqlite({ path: join(dir, 'tessera.db') });
      const seedStart = performance.now();
      await cloneCompletedTask(db, lease.task.task_id, ROWS - 1, { startMs: Date.now() + 60_000, perMs: 3 });
      const seedSeconds = (performance.now() - seedStart) / 1000;

      const pid = server.pid;
      const baseline = rssOf(pid);
      let peak = baseline;
      const sampler = setInterval(() => {
        peak = Math.max(peak, rssOf(pid));
      }, 50);
      const url = `${server.url}/v1/projects/r2/export`;
      const state: Checked = { count: 0, lastKey: null, mismatches: [] };
      const started = performance.now();
      try {
        const res = await get(url, seeded.adminKey);
        expect(res.statusCode).toBe(200);
        let batch: ExportRecord[] = [];
        for await (const text of createInterface({ input: res, crlfDelay: Number.POSITIVE_INFINITY })) {
          batch.push(JSON.parse(text) as ExportRecord);
          if (batch.length === CHECK_BATCH) {
            await checkBatch(db, batch, state);
            batch = [];
          }
        }
        await checkBatch(db, batch, state);
      } finally {
        clearInterval(sampler);
      }
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `[R2] ${state.count} records in ${seconds.toFixed(1)} s (${Math.round(state.count / seconds)}/s; seeded in ${seedSeconds.toFixed(1)} s); serve RSS ${(baseline / 2 ** 20).toFixed(0)} MiB before, peak ${(peak / 2 ** 20).toFixed(0)} MiB`,
      );
      expect(state.mismatches.slice(0, 10)).toEqual([]);
      expect(state.count).toBe(ROWS);
      expect(peak).toBeLessThan(RSS_LIMIT);

      // A client that reads a little and hangs up: the export loop ends (logged) long before the end.
      const cut = await get(url, seeded.adminKey);
      await new Promise<void>((resolve) => cut.once('data', () => resolve()));
      cut.pause();
      await new Promise((resolve) => setTimeout(resolve, 300));
      cut.destroy();
      const totalPages = Math.floor(ROWS / EXPORT_CHUNK_ROWS) + 1;
      let ended: { complete: boolean; chunks: number; rows: number } | undefined;
      for (let i = 0; i < 100 && ended === undefined; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const lines = readFileSync(logFile, 'utf8')
          .split('\n')
          .filter((l) => l.includes('"export ended"'));
        const outcomes = lines.map((l) => (JSON.parse(l) as { export: NonNullable<typeof ended> }).export);
        ended = outcomes[1];
      }
      expect(ended?.complete).toBe(false);
      expect(ended?.chunks).toBeLessThan(totalPages / 2);
      console.log(`[R2] disconnected export read ${ended?.chunks} of ${totalPages} pages`);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect(rssOf(pid)).toBeLessThan(RSS_LIMIT);
    },
    scale(120_000, 900_000),
  );
});
