import { testDatabases } from '@tessera/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../http/cursor';
import { describeRequest, injectWithin, responseFailures } from './f4-oracle';
import type { FuzzRequest } from './f4-requests';
import { createFuzzWorld, type FuzzWorld } from './f4-world';

/** An input the fuzzer once shrank to, with the answer it must get now. */
interface Regression {
  readonly name: string;
  readonly request: (w: Readonly<Record<string, readonly unknown[]>>) => Omit<
    FuzzRequest,
    'headers' | 'kind'
  > & {
    readonly contentType?: string;
  };
  readonly status: number;
  readonly code?: string;
}

const first = (h: Readonly<Record<string, readonly unknown[]>>, name: string) => String(h[name]?.[0]);

/**
 * Every 5xx, stack trace or broken envelope F4 found, as the shrunk input (on the database it failed on; all
 * run on both). Fixed in: http/framework-errors.ts (bad URL, long segment), http/problem.ts and core
 * batch-service (a detail overwrote `status`), the contract's integer bounds, http/nul-check.ts (U+0000),
 * http/cursor.ts (a token's sort key and id).
 */
const REGRESSIONS: readonly Regression[] = [
  {
    name: 'a path with a bad percent-escape was Fastify JSON with FST_ERR_BAD_URL',
    request: () => ({ method: 'GET', url: '/v1/task/%/annotations' }),
    status: 400,
    code: 'invalid_url',
  },
  {
    name: 'a 129-character path segment was 414 with FST_ERR_MAX_PARAM_LENGTH (the contract allows 128)',
    request: () => ({ method: 'GET', url: `/v1/task/${'q'.repeat(129)}` }),
    status: 400,
    code: 'validation_failed',
  },
  {
    name: 'a path segment over 2048 characters is refused before routing, in the envelope',
    request: () => ({ method: 'GET', url: `/v1/task/${'q'.repeat(2049)}` }),
    status: 400,
    code: 'invalid_url',
  },
  {
    name: "a batch's state in the details overwrote the problem's numeric status",
    request: (h) => ({ method: 'POST', url: `/v1/batches/${first(h, 'batch')}/pause` }),
    status: 409,
    code: 'invalid_batch_state',
  },
  {
    name: 'PostgreSQL: an ontology version past INTEGER was a 500',
    request: (h) => ({
      method: 'GET',
      url: `/v1/projects/${first(h, 'project')}/ontology-versions/2147483649/diff`,
    }),
    status: 400,
    code: 'validation_failed',
  },
  {
    name: 'PostgreSQL: version "Infinity" was a 500',
    request: (h) => ({
      method: 'POST',
      url: `/v1/projects/${first(h, 'project')}/ontology-versions/Infinity/apply`,
    }),
    status: 400,
    code: 'validation_failed',
  },
  {
    name: 'PostgreSQL: a lease token past INTEGER was a 500',
    request: (h) => ({
      method: 'POST',
      url: '/v1/queue/heartbeat',
      contentType: 'application/json',
      payload: JSON.stringify({ task_id: first(h, 'task_id'), token: 2147483648 }),
    }),
    status: 400,
    code: 'validation_failed',
  },
  {
    name: 'PostgreSQL: U+0000 in a path parameter was a 500 (batch)',
    request: () => ({ method: 'GET', url: '/v1/batches/%00/status' }),
    status: 400,
    code: 'validation_failed',
  },
  {
    name: 'PostgreSQL: U+0000 in a path parameter was a 500 (webhook)',
    request: () => ({ method: 'GET', url: '/v1/webhooks/%00' }),
    status: 400,
    code: 'validation_failed',
  },
  {
    name: 'PostgreSQL: a next_token with a fractional sort key (and the right filter hash) was a 500',
    request: () => ({
      method: 'GET',
      url: `/v1/users?limit=1&next_token=${encodeCursor(5e-324, 'x', { list: 'users' })}`,
    }),
    status: 400,
    code: 'invalid_next_token',
  },
  {
    name: 'PostgreSQL: a next_token whose id holds U+0000 was a 500',
    request: () => ({
      method: 'GET',
      url: `/v1/keys?limit=1&next_token=${encodeCursor(1, 'a\u0000b', { list: 'keys' })}`,
    }),
    status: 400,
    code: 'invalid_next_token',
  },
];

describe.each(testDatabases())('F4 regression inputs on $dialect', (db) => {
  let world: FuzzWorld;
  beforeAll(async () => {
    world = await createFuzzWorld(db);
  });
  afterAll(async () => world?.dispose());

  it.each(REGRESSIONS.map((r) => [r.name, r] as const))('%s', async (_name, r) => {
    const { contentType, ...rest } = r.request(world.hints());
    const req: FuzzRequest = {
      kind: 'regression',
      ...rest,
      headers: {
        authorization: `Bearer ${world.key}`,
        ...(contentType === undefined ? {} : { 'content-type': contentType }),
      },
    };
    const res = await injectWithin(world.t.app, req, 5_000);
    expect(responseFailures(req, res, 200), describeRequest(req)).toEqual([]);
    expect(res.statusCode, res.body).toBe(r.status);
    if (r.code !== undefined) expect(res.json()).toMatchObject({ code: r.code, status: r.status });
  });
});
