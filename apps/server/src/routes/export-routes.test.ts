import { testDatabases } from '@tessera/db';
import type { ExportRecord } from '@tessera/schema';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExportProject, exportOnlyApp, parseExport, seedExportProject } from '../export/export-test-kit';
import { createTestApp, type TestApp } from '../testing/test-app';

const COMPLETED = 23;
const OPEN = 4;
const TIES = 3;

interface StoredLabel {
  readonly task_id: string;
  readonly completed_at: number;
  readonly batch_id: string | null;
  readonly revision: number;
  readonly payload: string;
}

/** The database's view: every completed task of the project with its current final label. */
async function storedLabels(t: TestApp, projectId: string): Promise<StoredLabel[]> {
  return t.ctx.db.client.all<StoredLabel>(
    `SELECT t.id AS task_id, t.completed_at, t.batch_id, f.revision, f.payload FROM tasks t
     JOIN final_labels f ON f.task_id = t.id AND f.revision = t.final_revision
     WHERE t.project_id = ? AND t.status = 'completed'`,
    [projectId],
  );
}

/** (completed_at, task_id), compared as the export orders them. */
function inOrder(records: readonly ExportRecord[]): boolean {
  return records.every((r, i) => {
    const prev = records[i - 1];
    if (prev === undefined) return true;
    const [a, b] = [Date.parse(prev.completed_at ?? ''), Date.parse(r.completed_at ?? '')];
    return a < b || (a === b && prev.task_id < r.task_id);
  });
}

describe.each(testDatabases())('GET /v1/projects/:project/export on $dialect', (db) => {
  let t: TestApp;
  let seeded: ExportProject;
  let key: string;
  const small: Record<number, FastifyInstance> = {};
  const get = async (
    url: string,
    options: { app?: FastifyInstance; headers?: Record<string, string> } = {},
  ) =>
    (options.app ?? t.app).inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${key}`, ...options.headers },
    });
  const url = (query = '') => `/v1/projects/${seeded.project}/export${query}`;

  beforeAll(async () => {
    t = await createTestApp(db);
    seeded = await seedExportProject(t, { completed: COMPLETED, open: OPEN, tiesEvery: TIES });
    key = (await seeded.tenant.user('reviewer')).key; // results:read, not admin
    for (const rows of [1, 5]) small[rows] = await exportOnlyApp(t.ctx, { chunkRows: rows });
  }, 60_000);
  afterAll(async () => {
    for (const app of Object.values(small)) await app.close();
    await t?.dispose();
  });

  it('streams every completed task exactly once, in order, with its stored final label', async () => {
    const res = await get(url());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const records = parseExport(res.rawPayload);
    const stored = await storedLabels(t, seeded.projectId);
    expect(stored).toHaveLength(COMPLETED);
    expect(records.map((r) => r.task_id).sort()).toEqual([...seeded.completed].sort());
    expect(new Set(records.map((r) => r.task_id)).size).toBe(records.length);
    expect(inOrder(records)).toBe(true);
    const byId = new Map(stored.map((s) => [s.task_id, s]));
    for (const r of records) {
      const s = byId.get(r.task_id);
      expect(r.schema).toBe('tessera.label/1');
      expect(r.project).toBe(seeded.project);
      expect(r.completed_at).toBe(new Date(Number(s?.completed_at)).toISOString());
      expect(r.label?.revision).toBe(Number(s?.revision));
      expect(r.label?.annotations).toEqual(JSON.parse(String(s?.payload)));
      expect(r.batch).toBe(s?.batch_id === null ? null : 'b1');
      expect(r.annotations).toBeUndefined();
    }
    // ties: groups of TIES tasks share a completion time, and the order inside a group is by task id
    expect(new Set(records.map((r) => r.completed_at)).size).toBe(Math.ceil(COMPLETED / TIES));
  });

  it('gives byte-identical exports whatever the page size (pages of 1 and 5 cross every tie group)', async () => {
    const whole = (await get(url())).body;
    expect((await get(url(), { app: small[5] })).body).toBe(whole);
    expect((await get(url(), { app: small[1] })).body).toBe(whole);
    // sorted keys at every level (canonical JSON), one object per line, a newline after the last one
    const [first = ''] = whole.split('\n');
    const keys = Object.keys(JSON.parse(first) as object);
    expect(keys).toEqual([...keys].sort());
    expect(whole.endsWith('}\n')).toBe(true);
  });

  it('resumes after any line with its cursor, and refuses a cursor of other filters', async () => {
    const all = parseExport((await get(url(), { app: small[5] })).rawPayload);
    for (const cut of [0, 4, 5, 11, COMPLETED - 1]) {
      const cursor = all[cut]?.cursor ?? '';
      const rest = parseExport((await get(url(`?after=${cursor}`), { app: small[5] })).rawPayload);
      expect(rest.map((r) => r.task_id)).toEqual(all.slice(cut + 1).map((r) => r.task_id));
    }
    const other = await get(url(`?batch=b1&after=${all[3]?.cursor}`));
    expect(other.statusCode).toBe(400);
    expect(other.json()).toMatchObject({ code: 'invalid_cursor' });
    expect((await get(url('?after=garbage'))).json()).toMatchObject({ code: 'invalid_cursor' });
  });

  it('filters by batch and by completion time (after inclusive, before exclusive)', async () => {
    const all = parseExport((await get(url())).rawPayload);
    const inBatch = parseExport((await get(url('?batch=b1'), { app: small[5] })).rawPayload);
    expect(inBatch.map((r) => r.task_id)).toEqual(all.filter((r) => r.batch === 'b1').map((r) => r.task_id));
    expect(inBatch.length).toBeGreaterThan(0);
    expect(inBatch.length).toBeLessThan(all.length);

    const from = all[TIES]?.completed_at ?? '';
    const until = all[4 * TIES]?.completed_at ?? '';
    const window = parseExport(
      (await get(url(`?completed_after=${from}&completed_before=${until}`), { app: small[1] })).rawPayload,
    );
    expect(window.map((r) => r.task_id)).toEqual(all.slice(TIES, 4 * TIES).map((r) => r.task_id));
  });

  it('adds each annotator annotation with include_annotations=true', async () => {
    const records = parseExport((await get(url('?include_annotations=true'), { app: small[5] })).rawPayload);
    expect(records).toHaveLength(COMPLETED);
    for (const r of records) {
      expect(r.annotations).toHaveLength(1); // k = 1: the one annotation is the final label
      expect(r.annotations?.[0]?.annotations).toEqual(r.label?.annotations);
      expect(r.annotations?.[0]?.kind).toBe('label');
    }
  });

  it('gzips the stream when the client accepts gzip', async () => {
    const plain = await get(url());
    const zipped = await get(url(), { headers: { 'accept-encoding': 'gzip, deflate' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(parseExport(zipped.rawPayload, true)).toEqual(parseExport(plain.rawPayload));
    const refused = await get(url(), { headers: { 'accept-encoding': 'gzip;q=0, identity' } });
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('answers problems before streaming: 401, 403, 404 (unknown or another organization), 400', async () => {
    const noKey = await t.app.inject({ method: 'GET', url: url() });
    expect(noKey.statusCode).toBe(401);
    const annotator = (await seeded.tenant.user('annotator')).key;
    expect((await get(url(), { headers: { authorization: `Bearer ${annotator}` } })).statusCode).toBe(403);
    expect((await get('/v1/projects/nope/export')).json()).toMatchObject({ status: 404, code: 'not_found' });
    const other = await t.tenant('Other');
    const foreign = await get(`/v1/projects/${seeded.projectId}/export`, {
      headers: { authorization: `Bearer ${other.adminKey}` },
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).not.toContain(seeded.completed[0]);
    const bad = await get(url('?completed_after=yesterday'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'validation_failed' });
    expect((await get(url('?batch=missing'))).statusCode).toBe(404);
  });

  it('exports nothing (an empty 200 body) for a project without completed tasks', async () => {
    const empty = await seedExportProject(t, { completed: 0, open: 2, name: 'export-empty' });
    const admin = empty.tenant.adminKey;
    const res = await get(`/v1/projects/export-empty/export`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
  });
});
