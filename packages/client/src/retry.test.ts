import { describe, expect, it } from 'vitest';
import { createClient } from './client';
import { TesseraApiError, TesseraConnectionError } from './errors';
import { parseRetryAfter, retryDelay } from './retry-policy';
import type { FetchInit, FetchLike, FetchResponse } from './transport';

type Reply = FetchResponse | Error;
interface Seen {
  readonly url: string;
  readonly init: FetchInit;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): FetchResponse {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': type, ...headers } });
}

function problem(status: number, code: string, extra: Record<string, unknown> = {}) {
  return json(status, {
    status,
    code,
    title: 'x',
    detail: `${code} happened`,
    request_id: 'req_1',
    ...extra,
  });
}

const task = (id: string) => ({ task_id: id, unique_id: 'u-1', status: 'pending' });

/** A fetch that answers from a script, recording each request; and a sleep that records each wait. */
function scripted(...replies: Reply[]) {
  const seen: Seen[] = [];
  const slept: number[] = [];
  const fetch: FetchLike = async (url, init) => {
    seen.push({ url, init });
    const next = replies.shift();
    if (next === undefined) throw new Error(`unexpected request ${init.method} ${url}`);
    if (next instanceof Error) throw next;
    return next;
  };
  const client = createClient({
    baseUrl: 'http://tessera.test/',
    apiKey: 'tsr_live_k',
    fetch,
    sleep: async (ms) => {
      slept.push(ms);
    },
    now: () => Date.UTC(2026, 10, 26, 10),
  });
  return { client, seen, slept, left: () => replies.length };
}

const refused = () =>
  new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) });

describe('retries', () => {
  it('429 quota_exceeded is returned at once: a quota does not refill by waiting', async () => {
    const { client, seen, slept } = scripted(
      problem(429, 'quota_exceeded', { quota: 'tasks', limit: 10, used: 10 }),
    );
    const error = await client.getTask({ task_id: 't' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TesseraApiError);
    expect((error as TesseraApiError).code).toBe('quota_exceeded');
    expect(seen).toHaveLength(1);
    expect(slept).toEqual([]);
  });

  it('429 with Retry-After waits that long, then succeeds, with the same Idempotency-Key', async () => {
    const { client, seen, slept } = scripted(
      json(429, { code: 'rate_limited', detail: 'slow down' }, { 'retry-after': '7' }),
      json(201, { project_id: 'prj_1' }),
    );
    await expect(client.createProject({ name: 'cars', modality: 'image' })).resolves.toEqual({
      project_id: 'prj_1',
    });
    expect(slept).toEqual([7000]);
    expect(seen).toHaveLength(2);
    const keys = seen.map((r) => r.init.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(seen[0]?.init.headers.authorization).toBe('Bearer tsr_live_k');
    expect(seen[0]?.init.body).toBe('{"name":"cars","modality":"image"}');
    expect(seen[0]?.url).toBe('http://tessera.test/v1/projects');
  });

  it('503 then 200: one retry after the base backoff; each logical POST gets its own key', async () => {
    const { client, seen, slept } = scripted(
      problem(503, 'overloaded'),
      json(200, { batch_id: 'bat_1' }),
      json(200, { batch_id: 'bat_1' }),
    );
    await client.finalizeBatch({ batch: 'b1' });
    await client.finalizeBatch({ batch: 'b1' });
    expect(slept).toEqual([500]);
    const [a, b, c] = seen.map((r) => r.init.headers['idempotency-key']);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(seen[0]?.init.body).toBeUndefined();
    expect(seen[0]?.init.headers['content-type']).toBeUndefined();
  });

  it('network errors are retried with exponential backoff (factor 2), then reported once', async () => {
    const { client, slept, seen } = scripted(refused(), refused(), refused(), refused());
    const error = await client.getTask({ task_id: 'tsk_1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TesseraConnectionError);
    expect((error as Error).message).toBe('cannot reach http://tessera.test: fetch failed (ECONNREFUSED)');
    expect(slept).toEqual([500, 1000, 2000]);
    expect(seen).toHaveLength(4);
    expect(seen[0]?.init.headers['idempotency-key']).toBeUndefined();
  });

  it('a network error then success returns the answer', async () => {
    const { client, slept } = scripted(refused(), json(200, task('tsk_1')));
    await expect(client.getTask({ task_id: 'tsk_1' })).resolves.toMatchObject({ task_id: 'tsk_1' });
    expect(slept).toEqual([500]);
  });

  it('gives up after 3 retries and throws the last problem, translated', async () => {
    const { client, slept } = scripted(
      problem(500, 'internal_error'),
      problem(502, 'bad_gateway'),
      problem(504, 'gateway_timeout'),
      problem(503, 'overloaded', { instance: '/v1/tasks' }),
    );
    const error = (await client.listTasks().catch((e: unknown) => e)) as TesseraApiError;
    expect(error).toBeInstanceOf(TesseraApiError);
    expect(error).toMatchObject({ status: 503, code: 'overloaded', requestId: 'req_1' });
    expect(error.message).toBe('503 overloaded: overloaded happened');
    expect(slept).toEqual([500, 1000, 2000]);
  });

  it('4xx other than 408/429 is not retried; field errors and existing_task_id are kept', async () => {
    const { client, slept, left } = scripted(
      problem(400, 'validation_failed', {
        errors: [{ pointer: '/modality', message: 'must be one of', code: 'enum' }],
      }),
      problem(409, 'unique_id_conflict', { existing_task_id: 'tsk_9' }),
    );
    const bad = (await client
      .createProject({ name: 'x', modality: 'image' })
      .catch((e: unknown) => e)) as TesseraApiError;
    expect(bad.errors).toEqual([{ pointer: '/modality', message: 'must be one of', code: 'enum' }]);
    const dup = (await client
      .createTask({ project: 'p', type: 'imageannotation', unique_id: 'u-1' })
      .catch((e: unknown) => e)) as TesseraApiError;
    expect(dup).toMatchObject({ status: 409, code: 'unique_id_conflict', existingTaskId: 'tsk_9' });
    expect(slept).toEqual([]);
    expect(left()).toBe(0);
  });

  it('409 idempotency_key_in_flight waits for the first attempt (same key); other 409s are final', async () => {
    const { client, seen, slept } = scripted(
      problem(409, 'idempotency_key_in_flight'),
      json(409, { code: 'idempotency_key_in_flight', detail: 'busy' }, { 'retry-after': '1' }),
      json(200, { leases: [] }),
    );
    await expect(client.leaseTasks({ project: 'cars' })).resolves.toEqual({ leases: [] });
    expect(slept).toEqual([500, 1000]);
    expect(new Set(seen.map((r) => r.init.headers['idempotency-key'])).size).toBe(1);
  });

  it('408 is retried; a Retry-After beyond the cap is not waited for', async () => {
    const { client, slept } = scripted(
      problem(408, 'timeout'),
      json(429, { code: 'rate_limited', detail: 'later' }, { 'retry-after': '3600' }),
    );
    const error = (await client.listProjects().catch((e: unknown) => e)) as TesseraApiError;
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', retryAfterMs: 3_600_000 });
    expect(slept).toEqual([500]);
  });

  it('a non-JSON error page still becomes a TesseraApiError', async () => {
    const html = new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' });
    const { client } = createClientWithRetries0(html);
    const error = (await client.listProjects().catch((e: unknown) => e)) as TesseraApiError;
    expect(error).toMatchObject({ status: 502, code: 'http_502', detail: '<html>Bad gateway</html>' });
  });

  it('Retry-After parses seconds and HTTP dates', () => {
    const now = Date.UTC(2026, 10, 26, 10);
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(new Date(now + 5000).toUTCString(), now)).toBe(5000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
    const policy = { retries: 3, backoffMs: 100, maxRetryDelayMs: 1000 };
    expect([1, 2, 3, 4].map((n) => retryDelay(policy, n, null))).toEqual([100, 200, 400, null]);
  });
});

describe('safe create (Scale SDK behaviour)', () => {
  it('5xx → retry → 409 unique_id_conflict → returns the task holding the unique_id', async () => {
    const { client, seen } = scripted(
      problem(500, 'internal_error'),
      problem(409, 'unique_id_conflict', { existing_task_id: 'tsk_1' }),
      json(200, { docs: [task('tsk_1')], limit: 1, has_more: false, next_token: null }),
    );
    const got = await client.createTypedTask({ type: 'imageannotation', project: 'cars', unique_id: 'u-1' });
    expect(got).toMatchObject({ task_id: 'tsk_1' });
    expect(seen.map((r) => `${r.init.method} ${r.url}`)).toEqual([
      'POST http://tessera.test/v1/task/imageannotation',
      'POST http://tessera.test/v1/task/imageannotation',
      'GET http://tessera.test/v1/tasks?unique_id=u-1&limit=1',
    ]);
  });

  it('a 409 without an earlier failed attempt is a real conflict', async () => {
    const { client, left } = scripted(problem(409, 'unique_id_conflict', { existing_task_id: 'tsk_1' }));
    await expect(
      client.createTask({ type: 'imageannotation', project: 'cars', unique_id: 'u-1' }),
    ).rejects.toMatchObject({ status: 409, existingTaskId: 'tsk_1' });
    expect(left()).toBe(0);
  });
});

function createClientWithRetries0(reply: FetchResponse) {
  return { client: createClient({ baseUrl: 'http://tessera.test', retries: 0, fetch: async () => reply }) };
}
