import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@tessera/client';
import { TEST_ONTOLOGY, testDatabases } from '@tessera/db';
import { createTestApp, type TestApp } from '@tessera/server';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../testing/cli-process';

const dir = mkdtempSync(join(tmpdir(), 'tessera-api-cli-'));
const ITEM = { media_type: 'image', uri: 'https://example.test/a.png', width: 100, height: 100 };
const CAR = {
  classifications: [],
  objects: [
    {
      id: 'o1',
      class_id: 'car',
      geometry: { type: 'box' as const, x: 1, y: 1, w: 5, h: 5 },
      attributes: { occluded: false },
    },
  ],
  spans: [],
  attributes: {},
};

const lines = (text: string) => text.split('\n').filter((l) => l !== '');

describe.each(testDatabases())('HTTP commands against a live server on $dialect', (db) => {
  let t: TestApp | undefined;
  afterEach(async () => t?.dispose());

  async function live() {
    t = await createTestApp(db);
    const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const acme = await t.tenant();
    return { acme, url, env: { TESSERA_URL: url, TESSERA_API_KEY: acme.adminKey } };
  }

  it('projects create|list and tasks create|get|list print JSON; API errors are one line, exit 2', async () => {
    const { env } = await live();
    const ontology = join(dir, `ontology-${db.dialect}.json`);
    writeFileSync(ontology, JSON.stringify(TEST_ONTOLOGY));
    const created = await runCli(
      ['projects', 'create', 'cars', '--modality', 'image', '--ontology', ontology],
      env,
    );
    expect(created.stderr).toBe('');
    expect(JSON.parse(created.stdout)).toMatchObject({
      name: 'cars',
      modality: 'image',
      ontology_version: 1,
    });
    const [listed, task, other] = await Promise.all([
      runCli(['projects', 'list'], env),
      runCli(
        [
          'tasks',
          'create',
          '--project',
          'cars',
          '--type',
          'imageannotation',
          '--unique-id',
          'a-1',
          '--data',
          JSON.stringify({ item: ITEM }),
        ],
        env,
      ),
      runCli(
        [
          'tasks',
          'create',
          '--project',
          'cars',
          '--data',
          JSON.stringify({ type: 'imageannotation', unique_id: 'a-2' }),
        ],
        env,
      ),
    ]);
    expect(JSON.parse(listed.stdout).docs.map((p: { name: string }) => p.name)).toEqual(['cars']);
    const taskId = JSON.parse(task.stdout).task_id as string;
    expect(JSON.parse(other.stdout)).toMatchObject({ unique_id: 'a-2', status: 'pending' });

    const [got, all, first, missing, dup, noType] = await Promise.all([
      runCli(['tasks', 'get', taskId], env),
      runCli(['tasks', 'list', '--project', 'cars', '--page-size', '1'], env),
      runCli(['tasks', 'list', '--project', 'cars', '--max', '1'], env),
      runCli(['tasks', 'get', 'tsk_missing'], env),
      runCli(
        ['tasks', 'create', '--project', 'cars', '--type', 'imageannotation', '--unique-id', 'a-1'],
        env,
      ),
      runCli(['tasks', 'create', '--project', 'cars', '--data', '{}'], env),
    ]);
    expect(JSON.parse(got.stdout)).toMatchObject({ task_id: taskId, unique_id: 'a-1' });
    expect(
      lines(all.stdout)
        .map((l) => JSON.parse(l).unique_id)
        .sort(),
    ).toEqual(['a-1', 'a-2']);
    expect(lines(first.stdout)).toHaveLength(1);
    expect(missing).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'tessera: 404 not_found: task tsk_missing not found\n',
    });
    expect(dup.code).toBe(2);
    expect(dup.stderr).toBe(
      `tessera: 409 unique_id_conflict: The unique_id ("a-1") is already used for a different task (${taskId}).\n`,
    );
    expect(noType).toMatchObject({
      code: 2,
      stderr: 'tessera: --type is required (or "type" in the task JSON)\n',
    });
  });

  it('import streams NDJSON to the bulk endpoint; results export writes the final labels page by page', async () => {
    const { acme, url, env } = await live();
    const admin = createClient({ baseUrl: url, apiKey: acme.adminKey });
    await admin.createProject({ name: 'cars', modality: 'image' });
    await admin.createOntologyDraft({ project: 'cars', definition: TEST_ONTOLOGY });
    await admin.publishOntologyVersion({ project: 'cars', version: 1 });
    await admin.createBatch({ project: 'cars', name: 'b1' });
    const file = join(dir, `tasks-${db.dialect}.ndjson`);
    const good = Array.from({ length: 25 }, (_, i) =>
      JSON.stringify({ type: 'imageannotation', unique_id: `u-${i}`, item: ITEM }),
    );
    const bad = [
      '',
      '{"type": "imageannotation", ',
      '{"unique_id": "no-type"}',
      JSON.stringify({ type: 'imageannotation', unique_id: 'u-3' }),
    ];
    writeFileSync(file, `${[...good, ...bad].join('\n')}\n`);

    const imported = await runCli(
      ['import', file, '--project', 'cars', '--batch', 'b1', '--chunk', '10'],
      env,
    );
    expect(imported.code).toBe(2);
    expect(imported.stderr).toBe('tessera: 2 of 29 lines were invalid (see "errors" in the summary)\n');
    const summary = JSON.parse(imported.stdout);
    expect(summary).toMatchObject({
      project: 'cars',
      batch: 'b1',
      lines: 29,
      created: 25,
      duplicates: 1,
      invalid: 2,
    });
    expect(summary.errors.map((e: { line: number; outcome: string }) => [e.line, e.outcome])).toEqual([
      [27, 'invalid'],
      [28, 'invalid'],
    ]);
    const rerun = await runCli(
      ['import', '-', '--project', 'cars', '--batch', 'b1'],
      env,
      good.slice(0, 5).join('\n'),
    );
    expect(rerun.code).toBe(0);
    expect(JSON.parse(rerun.stdout)).toMatchObject({
      file: '-',
      lines: 5,
      created: 0,
      duplicates: 5,
      invalid: 0,
      errors: [],
    });

    await admin.finalizeBatch({ batch: 'b1' });
    const annotator = await acme.user('annotator');
    await admin.addMember({ project: 'cars', user_id: annotator.userId });
    const worker = createClient({ baseUrl: url, apiKey: annotator.key });
    const { leases } = await worker.leaseTasks({ project: 'cars', count: 5 });
    for (const l of leases)
      await worker.submitAnnotation({ task_id: l.task.task_id, token: l.token, annotations: CAR });

    const out = join(dir, `results-${db.dialect}.jsonl`);
    const [toFile, toStdout, unknown] = await Promise.all([
      runCli(['results', 'export', '--project', 'cars', '--batch', 'b1', '--out', out], env),
      runCli(['results', 'export', '--project', 'cars'], env),
      runCli(['results', 'export', '--project', 'nope', '--out', join(dir, 'never.jsonl')], env),
    ]);
    expect(JSON.parse(toFile.stdout)).toEqual({ out, project: 'cars', batch: 'b1', tasks: 5 });
    const exported = lines(readFileSync(out, 'utf8')).map((l) => JSON.parse(l));
    expect(exported).toHaveLength(5);
    expect(exported[0]).toMatchObject({
      project: 'cars',
      batch: 'b1',
      response: { revision: 1, annotations: { objects: [{ class_id: 'car' }] } },
    });
    expect(lines(toStdout.stdout)).toHaveLength(5);
    expect(unknown).toMatchObject({ code: 2, stderr: 'tessera: 404 not_found: project nope not found\n' });
    expect(readdirSync(dir).filter((f) => f.includes('never') || f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('HTTP commands: bad input', () => {
  it('no key, bad flags and missing files exit 2 with one line and no stack trace', async () => {
    const runs = await Promise.all([
      runCli(['projects', 'list']),
      runCli(['tasks', 'list', '--max', '0'], { TESSERA_API_KEY: 'k' }),
      runCli(['import', join(dir, 'missing.ndjson'), '--project', 'p'], { TESSERA_API_KEY: 'k' }),
      runCli(['projects', 'create', 'x', '--modality', 'lidar'], { TESSERA_API_KEY: 'k' }),
      runCli(['tasks', 'list', '--url', 'localhost:8080'], { TESSERA_API_KEY: 'k' }),
    ]);
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).not.toMatch(/\bat .*:\d+/);
    }
    expect(runs.map((r) => r.stderr.trim())).toEqual([
      'tessera: no API key: pass --key or set TESSERA_API_KEY',
      'tessera: --max must be an integer from 1 to 9007199254740991, got "0"',
      expect.stringMatching(/^tessera: cannot read .*missing\.ndjson: ENOENT/),
      expect.stringMatching(/^error: option '--modality <m>' argument 'lidar' is invalid/),
      'tessera: --url: baseUrl "localhost:8080" is not an http(s) URL',
    ]);
  });
});
