import { Readable } from 'node:stream';
import { TEST_ONTOLOGY } from '@tessera/db';
import type { TestApp, TestTenant } from './test-app';

/** Creates project `name` with the test ontology published; returns its id. */
export async function createPublishedProject(t: TestApp, tenant: TestTenant, name: string): Promise<string> {
  const headers = { authorization: `Bearer ${tenant.adminKey}` };
  const post = async (url: string, payload?: Record<string, unknown>) => {
    const res = await t.app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) });
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json() as Record<string, unknown>;
  };
  const project = await post('/v1/projects', {
    name,
    modality: 'image',
    workflow: { annotations_per_task: 1 },
  });
  await post(`/v1/projects/${name}/ontology-versions`, { definition: TEST_ONTOLOGY });
  await post(`/v1/projects/${name}/ontology-versions/1/publish`);
  return String(project.id);
}

/** A valid task line for the test ontology. */
export function taskLine(uniqueId: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    type: 'imageannotation',
    unique_id: uniqueId,
    instruction: 'Box every car',
    item: { media_type: 'image', uri: `https://example.test/${uniqueId}.png`, width: 640, height: 480 },
    ...extra,
  });
}

/** A stream of `text`'s UTF-8 bytes cut into `size`-byte pieces (cuts fall anywhere, inside characters too). */
export function byteStream(text: string | Buffer, size: number): Readable {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  function* pieces() {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }
  return Readable.from(pieces(), { objectMode: false });
}

/** Counts rows of `table` in an organization (straight from SQL: what is really stored). */
export async function countRows(t: TestApp, table: 'tasks' | 'idempotency_keys', orgId: string) {
  const [row] = await t.ctx.db.client.all<{ n: number | string; d: number | string }>(
    table === 'tasks'
      ? 'SELECT COUNT(*) AS n, COUNT(DISTINCT unique_id) AS d FROM tasks WHERE org_id = ?'
      : 'SELECT COUNT(*) AS n, COUNT(DISTINCT idem_key) AS d FROM idempotency_keys WHERE org_id = ?',
    [orgId],
  );
  return { rows: Number(row?.n ?? 0), distinct: Number(row?.d ?? 0) };
}

/** Polls `probe` until it returns true (bounded: throws after `timeoutMs`). */
export async function waitFor(probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
