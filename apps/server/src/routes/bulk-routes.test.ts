import { Readable } from 'node:stream';
import { testDatabases } from '@tessera/db';
import { afterEach, describe, expect, it } from 'vitest';
import { countRows, createPublishedProject, taskLine } from '../testing/ingest-test-kit';
import { createTestApp, type TestApp, type TestTenant } from '../testing/test-app';
import { BULK_MAX_RESULTS } from './bulk-routes';

interface BulkBody {
  created: number;
  duplicates: number;
  invalid: number;
  results: {
    line: number;
    outcome: string;
    task_id?: string;
    existing_task_id?: string;
    errors?: { pointer: string; code: string }[];
  }[];
}

const TASKS = 100_000;
const LINE_LIMIT = 4_096;

/** Malformed kinds cycled over every 100th task line: 1% of the upload. */
const BAD_KINDS = [
  { code: 'invalid_json', pointer: '/', line: (u: string) => taskLine(u).slice(0, 40) },
  { code: 'invalid', pointer: '/colour', line: (u: string) => taskLine(u, { colour: 'red' }) },
  { code: 'invalid', pointer: '/priority', line: (u: string) => taskLine(u, { priority: 'high' }) },
  {
    code: 'line_too_long',
    pointer: '/',
    line: (u: string) => taskLine(u, { instruction: 'x'.repeat(LINE_LIMIT) }),
  },
] as const;

/**
 * The 100k-task upload: every 100th task line is malformed, every 10,000th line is followed by a blank line,
 * and every 7th line ends in \r\n. Returns the text and, by line number, the expected bad lines.
 */
function uploadFile(): { text: string; bad: Map<number, (typeof BAD_KINDS)[number]> } {
  const lines: string[] = [];
  const bad = new Map<number, (typeof BAD_KINDS)[number]>();
  for (let i = 1; i <= TASKS; i++) {
    const uid = `img-${i}`;
    if (i % 100 === 0) {
      const kind = BAD_KINDS[(i / 100) % BAD_KINDS.length] as (typeof BAD_KINDS)[number];
      lines.push(kind.line(uid));
      bad.set(lines.length, kind);
    } else lines.push(i % 7 === 0 ? `${taskLine(uid)}\r` : taskLine(uid));
    if (i % 10_000 === 0) lines.push('');
  }
  return { text: `${lines.join('\n')}\n`, bad };
}

function pieces(text: string, size: number): Readable {
  const bytes = Buffer.from(text, 'utf8');
  return Readable.from(
    (function* () {
      for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
    })(),
  );
}

describe.each(testDatabases())('bulk NDJSON ingestion on $dialect', (db) => {
  let t: TestApp;
  let acme: TestTenant;
  afterEach(async () => t?.dispose());

  const upload = async (
    payload: string | Readable,
    query = 'project=cars',
    headers: Record<string, string> = {},
  ) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/tasks/bulk?${query}`,
      headers: {
        authorization: `Bearer ${acme.adminKey}`,
        'content-type': 'application/x-ndjson',
        ...headers,
      },
      payload,
    });
    return { status: res.statusCode, body: res.json() as BulkBody, text: res.body, headers: res.headers };
  };

  it('ingests 100,000 tasks with 1% malformed lines: good lines once, bad ones reported; a repeat creates nothing', async () => {
    t = await createTestApp(db, { bulkLineLimit: LINE_LIMIT });
    acme = await t.tenant();
    await createPublishedProject(t, acme, 'cars');
    const { text, bad } = uploadFile();
    const good = TASKS - bad.size;

    const started = performance.now();
    const first = await upload(pieces(text, 64 * 1024));
    const seconds = (performance.now() - started) / 1000;
    console.info(
      `[bulk ${db.dialect}] ${TASKS} lines in ${seconds.toFixed(2)} s = ${Math.round(TASKS / seconds)} lines/s`,
    );
    expect(first.status, first.text.slice(0, 500)).toBe(200);
    expect(first.body).toMatchObject({ created: good, duplicates: 0, invalid: bad.size });
    expect(first.body.results.map((r) => r.line)).toEqual([...bad.keys()]);
    for (const r of first.body.results) {
      const kind = bad.get(r.line);
      expect(r.outcome).toBe('invalid');
      expect(r.errors?.[0]).toMatchObject({ code: kind?.code, pointer: kind?.pointer });
    }
    expect(await countRows(t, 'tasks', acme.orgId)).toEqual({ rows: good, distinct: good });

    const again = await upload(pieces(text, 64 * 1024));
    expect(again.body).toMatchObject({ created: 0, duplicates: good, invalid: bad.size });
    expect(again.body.results).toHaveLength(Math.min(BULK_MAX_RESULTS, TASKS));
    const dup = again.body.results.find((r) => r.outcome === 'duplicate');
    const [row] = await t.ctx.db.client.all<{ id: string }>('SELECT id FROM tasks WHERE unique_id = ?', [
      'img-1',
    ]);
    expect(dup).toEqual({ line: 1, outcome: 'duplicate', existing_task_id: row?.id });
    expect(await countRows(t, 'tasks', acme.orgId)).toEqual({ rows: good, distinct: good });
  }, 600_000);

  it('decodes characters cut by chunk boundaries, strips a BOM, accepts CRLF and skips blank lines', async () => {
    t = await createTestApp(db);
    acme = await t.tenant();
    await createPublishedProject(t, acme, 'cars');
    const instructions = ['Étiquetez les voitures 🚗', 'Ζ ΐ 漢字 👩‍👩‍👧', 'plain'];
    const text = `\uFEFF${taskLine('a', { instruction: instructions[0] })}\r\n\n   \r\n${taskLine('b', {
      instruction: instructions[1],
    })}\n${taskLine('c', { instruction: instructions[2] })}`;
    // One byte at a time, each read before the next is offered: every multi-byte character is split.
    const bytes = Buffer.from(text, 'utf8');
    const slow = Readable.from(
      (async function* () {
        for (const b of bytes) {
          await new Promise((r) => setImmediate(r));
          yield Buffer.from([b]);
        }
      })(),
    );
    const res = await upload(slow, 'project=cars&results=all');
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ created: 3, duplicates: 0, invalid: 0 });
    expect(res.body.results.map((r) => [r.line, r.outcome])).toEqual([
      [1, 'created'],
      [4, 'created'],
      [5, 'created'],
    ]);
    for (const [i, r] of res.body.results.entries()) {
      const task = await t.app.inject({
        method: 'GET',
        url: `/v1/task/${r.task_id}`,
        headers: { authorization: `Bearer ${acme.adminKey}` },
      });
      expect(
        (task.json() as { params: { instruction?: string }; instruction?: string }).instruction ?? '',
      ).toBe(instructions[i]);
    }
  });

  it('reports each bad line on its own, enforces the line limit exactly, and refuses other media types', async () => {
    t = await createTestApp(db, { bulkLineLimit: 300 });
    acme = await t.tenant();
    await createPublishedProject(t, acme, 'cars');
    const exact = taskLine('exact', { instruction: '' });
    const fill = (n: number) => taskLine('exact', { instruction: 'x'.repeat(n - exact.length) });
    const lines = [
      fill(300),
      taskLine('overx', { instruction: 'y'.repeat(300 - exact.length + 1) }),
      JSON.stringify({ type: 'imageannotation', project: 'other' }),
      '[1, 2]',
      `${'['.repeat(100)}${']'.repeat(100)}`,
      taskLine('exact'),
    ];
    const res = await upload(lines.join('\n'));
    expect(res.body).toMatchObject({ created: 1, duplicates: 1, invalid: 4 });
    expect(
      res.body.results.map((r) => [
        r.line,
        r.outcome,
        r.errors?.[0]?.code ?? r.existing_task_id !== undefined,
      ]),
    ).toEqual([
      [2, 'invalid', 'line_too_long'],
      [3, 'invalid', 'invalid'],
      [4, 'invalid', 'invalid'],
      [5, 'invalid', 'json_too_deep'],
      [6, 'duplicate', true],
    ]);
    const asJson = await t.app.inject({
      method: 'POST',
      url: '/v1/tasks/bulk?project=cars',
      headers: { authorization: `Bearer ${acme.adminKey}` },
      payload: { type: 'imageannotation' },
    });
    expect(asJson.statusCode).toBe(415);
    expect((await upload('', 'project=nope')).status).toBe(404);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/v1/tasks/bulk?project=cars',
      headers: { 'content-type': 'application/x-ndjson' },
      payload: taskLine('x'),
    });
    expect(anonymous.statusCode).toBe(401);
    expect(await upload('')).toMatchObject({
      status: 200,
      body: { created: 0, duplicates: 0, invalid: 0, results: [] },
    });
    const withCharset = await upload(taskLine('charset'), 'project=cars', {
      'content-type': 'application/x-ndjson; charset=utf-8',
    });
    expect(withCharset.body).toMatchObject({ created: 1 });
  });

  it('stops at the stream limit with 413, keeping the chunks committed before it', async () => {
    t = await createTestApp(db, { bulkBodyLimit: 1_000_000 });
    acme = await t.tenant();
    await createPublishedProject(t, acme, 'cars');
    const lines = Array.from({ length: 8_000 }, (_, i) => taskLine(`big-${i}`)).join('\n');
    const res = await upload(pieces(lines, 16 * 1024));
    expect(res.status).toBe(413);
    const body = res.body as unknown as { code: string; created: number; lines_read: number };
    expect(body.code).toBe('payload_too_large');
    expect(body.created).toBeGreaterThan(0);
    expect((await countRows(t, 'tasks', acme.orgId)).rows).toBe(body.created);
  });
});
