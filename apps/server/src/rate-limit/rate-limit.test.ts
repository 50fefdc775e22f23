import { createIdGenerator, testDatabases } from '@tessera/db';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiKeyService } from '../auth/api-key-service';
import { createTestApp, type TestApp } from '../testing/test-app';

/** `"default";r=4;t=1` → {r: 4, t: 1} */
function current(res: LightMyRequestResponse): { r: number; t: number } {
  const m = /^"default";r=(\d+);t=(\d+)$/.exec(String(res.headers.ratelimit));
  if (m === null) throw new Error(`no RateLimit header: ${JSON.stringify(res.headers)}`);
  return { r: Number(m[1]), t: Number(m[2]) };
}

function expectHeaders(res: LightMyRequestResponse, q: number, w: number): void {
  expect(res.headers['ratelimit-policy']).toBe(`"default";q=${q};w=${w}`);
  const { r, t } = current(res);
  expect(res.headers['x-ratelimit-limit']).toBe(String(q));
  expect(res.headers['x-ratelimit-remaining']).toBe(String(r));
  expect(res.headers['x-ratelimit-reset']).toBe(String(t));
  expect(t).toBeGreaterThanOrEqual(0);
  expect(t).toBeLessThanOrEqual(w);
}

describe.each(testDatabases())('rate limits on $dialect', (db) => {
  let t: TestApp;
  afterEach(async () => t?.dispose());

  it('R3: a burst past the key limit gets 429 + Retry-After; headers on every response; r decreasing', async () => {
    t = await createTestApp(db, { rateLimit: { perSecond: 2, burst: 5 } });
    const acme = await t.tenant();
    const get = (url: string, key = acme.adminKey) =>
      t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
    const seen: number[] = [];
    for (const url of ['/v1/projects', '/v1/projects', '/v1/nowhere', '/v1/tasks?limit=0', '/v1/projects']) {
      const res = await get(url);
      expect(res.statusCode).not.toBe(429);
      expectHeaders(res, 5, 3);
      seen.push(current(res).r);
    }
    expect(seen).toEqual([4, 3, 2, 1, 0]);
    const limited = await get('/v1/projects');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'rate_limited', status: 429 });
    expect(limited.headers['retry-after']).toBe('1');
    expectHeaders(limited, 5, 3);
    // Another credential has its own bucket.
    const other = await acme.user('manager');
    expect((await get('/v1/projects', other.key)).statusCode).toBe(200);
    // Time refills the bucket (the injected clock: no sleeping).
    t.clock.advance(1_000);
    const refilled = await get('/v1/projects');
    expect(refilled.statusCode).toBe(200);
    expect(current(refilled)).toEqual({ r: 1, t: 2 });
  });

  it("applies a key's own limits, and buckets anonymous callers per IP (401s count and carry headers)", async () => {
    t = await createTestApp(db, { rateLimit: { perSecond: 100, burst: 3 } });
    const acme = await t.tenant();
    const keys = createApiKeyService(
      t.ctx.apiKeys,
      t.clock,
      createIdGenerator(() => t.clock.now()),
    );
    const { key } = await keys.create({
      orgId: acme.orgId,
      userId: null,
      name: 'slow',
      scopes: ['admin'],
      rateLimit: { perSecond: 0.5, burst: 2 },
    });
    const res = await t.app.inject({
      method: 'GET',
      url: '/v1/projects',
      headers: { authorization: `Bearer ${key}` },
    });
    expectHeaders(res, 2, 4);
    const anon = (ip: string) => t.app.inject({ method: 'GET', url: '/v1/projects', remoteAddress: ip });
    const codes = [];
    for (let i = 0; i < 4; i++) {
      const r = await anon('127.0.0.9');
      expectHeaders(r, 3, 1);
      codes.push(r.statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 429]);
    expect((await anon('127.0.0.10')).statusCode).toBe(401);
  });
});
