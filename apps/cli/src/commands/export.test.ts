import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@tessera/client';
import { TEST_ONTOLOGY, testDatabases } from '@tessera/db';
import type { ExportRecord } from '@tessera/schema';
import { createTestApp, type TestApp } from '@tessera/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../testing/cli-process';

const dir = mkdtempSync(join(tmpdir(), 'tessera-export-cli-'));
const TASKS = 5;
const box = (x: number) => ({
  classifications: [],
  objects: [
    {
      id: 'o1',
      class_id: 'car',
      geometry: { type: 'box' as const, x, y: 1, w: 5, h: 5 },
      attributes: { occluded: false },
    },
  ],
  spans: [],
  attributes: {},
});
const records = (text: string) =>
  text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as ExportRecord);

describe.each(testDatabases())('tessera export against a live server on $dialect', (db) => {
  let t: TestApp;
  let env: Record<string, string>;
  let completed: string[];

  beforeAll(async () => {
    t = await createTestApp(db);
    const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const acme = await t.tenant();
    env = { TESSERA_URL: url, TESSERA_API_KEY: acme.adminKey };
    const admin = createClient({ baseUrl: url, apiKey: acme.adminKey });
    await admin.createProject({ name: 'cars', modality: 'image' });
    await admin.createOntologyDraft({ project: 'cars', definition: TEST_ONTOLOGY });
    await admin.publishOntologyVersion({ project: 'cars', version: 1 });
    const item = { media_type: 'image' as const, uri: 'https://example.test/a.png', width: 100, height: 100 };
    for (let i = 0; i <= TASKS; i++)
      await admin.createTask({ project: 'cars', type: 'imageannotation', item });
    const annotator = await acme.user('annotator');
    await admin.addMember({ project: 'cars', user_id: annotator.userId });
    const worker = createClient({ baseUrl: url, apiKey: annotator.key });
    completed = [];
    for (let i = 0; i < TASKS; i++) {
      const { leases } = await worker.leaseTasks({ project: 'cars' });
      const [lease] = leases;
      if (lease === undefined) throw new Error('nothing to lease');
      await worker.submitAnnotation({ task_id: lease.task.task_id, token: lease.token, annotations: box(i) });
      completed.push(lease.task.task_id);
      t.clock.advance(1000);
    }
  }, 60_000);
  afterAll(async () => t?.dispose());

  it('prints every completed task once, in completion order, as the API streams it', async () => {
    const res = await runCli(['export', '--project', 'cars'], env);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const out = records(res.stdout);
    expect(out.map((r) => r.task_id)).toEqual(completed);
    expect(out.map((r) => r.label?.annotations.objects[0]?.geometry)).toEqual(
      completed.map((_, i) => box(i).objects[0]?.geometry),
    );
    // byte for byte what the server sent (canonical JSON lines)
    const direct = await t.app.inject({
      method: 'GET',
      url: '/v1/projects/cars/export',
      headers: { authorization: `Bearer ${env.TESSERA_API_KEY}` },
    });
    expect(res.stdout).toBe(direct.body);
  });

  it('--out writes the file atomically and prints a summary; filters pass through', async () => {
    const out = join(dir, `labels-${db.dialect}.jsonl`);
    const since = new Date(t.clock.now() - 3000).toISOString();
    const res = await runCli(
      ['export', '--project', 'cars', '--out', out, '--completed-after', since, '--include-annotations'],
      env,
    );
    expect(res.stderr).toBe('');
    expect(JSON.parse(res.stdout)).toEqual({ out, project: 'cars', records: 3 });
    const written = records(readFileSync(out, 'utf8'));
    expect(written.map((r) => r.task_id)).toEqual(completed.slice(-3));
    expect(written.every((r) => r.annotations?.length === 1)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('bad input exits 2 with one line: a bad time, an unknown project', async () => {
    const bad = await runCli(['export', '--project', 'cars', '--completed-after', 'yesterday'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^tessera: --completed-after must be an RFC 3339 time.*\n$/);
    const missing = await runCli(['export', '--project', 'nope'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('not_found');
  });
});
