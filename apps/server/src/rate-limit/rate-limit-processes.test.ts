import { createSqlStore, MIGRATIONS, migrate, type TestHandle, testDatabases } from '@tessera/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKeyService } from '../auth/api-key-service';
import { createContext } from '../compose';
import { loadConfig } from '../config';
import { type ServerProcess, spawnServer, stopServer } from '../testing/spawn-servers';

const RATE = 2; // tokens per second
const BURST = 30;
const WINDOW = Math.ceil(BURST / RATE);
const postgres = testDatabases().filter((d) => d.dialect === 'postgres');

interface Seen {
  readonly status: number;
  readonly r: number;
  readonly t: number;
  readonly policy: string | null;
  readonly retryAfter: string | null;
  readonly code: string | null;
}

async function get(url: string, key: string): Promise<Seen> {
  const res = await fetch(`${url}/v1/projects`, { headers: { authorization: `Bearer ${key}` } });
  const body = (await res.json()) as { code?: string };
  const m = /^"default";r=(\d+);t=(\d+)$/.exec(res.headers.get('ratelimit') ?? '');
  return {
    status: res.status,
    r: m ? Number(m[1]) : Number.NaN,
    t: m ? Number(m[2]) : Number.NaN,
    policy: res.headers.get('ratelimit-policy'),
    retryAfter: res.headers.get('retry-after'),
    code: body.code ?? null,
  };
}

/** Every response: the policy, and `t` within what a bucket with `r` whole tokens left can need to refill. */
function expectPlausible(s: Seen): void {
  expect(s.policy).toBe(`"default";q=${BURST};w=${WINDOW}`);
  expect(s.r).toBeGreaterThanOrEqual(0);
  expect(s.r).toBeLessThan(BURST);
  expect(s.t).toBeGreaterThanOrEqual(Math.ceil((BURST - s.r - 1) / RATE));
  expect(s.t).toBeLessThanOrEqual(Math.ceil((BURST - s.r) / RATE));
  if (s.status === 429) {
    expect(s.code).toBe('rate_limited');
    expect(Number(s.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(s.retryAfter)).toBeLessThanOrEqual(Math.ceil(1 / RATE));
  } else {
    expect(s.status).toBe(200);
    expect(s.retryAfter).toBeNull();
  }
}

describe.each(postgres)('R3: one key across two serve processes on PostgreSQL', (db) => {
  let handle: TestHandle;
  let servers: ServerProcess[] = [];
  const keys: string[] = [];

  beforeAll(async () => {
    handle = await db.open();
    await migrate(handle.client, MIGRATIONS);
    const database = {
      client: handle.client,
      store: createSqlStore(handle.client),
      close: async () => undefined,
    };
    const ctx = await createContext(loadConfig({ env: {} }), { database });
    const org = await ctx.engine.orgs.createOrganization('limits');
    const service = createApiKeyService(ctx.apiKeys, ctx.clock, ctx.ids);
    for (const name of ['sequential', 'burst']) {
      keys.push((await service.create({ orgId: org.id, userId: null, name, scopes: ['admin'] })).key);
    }
    const env = {
      DATABASE_URL: handle.location.pgUrl as string,
      TESSERA_PG_SCHEMA: handle.location.pgSchema as string,
      TESSERA_SECRET_KEY: 'cd'.repeat(32),
      TESSERA_RUN_JOBS: '0',
      TESSERA_RATE_PER_SECOND: String(RATE),
      TESSERA_RATE_BURST: String(BURST),
    };
    servers = await Promise.all([0, 1].map(() => spawnServer(env)));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => stopServer(s)));
    await handle?.dispose();
  });

  it('alternating between the processes: one bucket, r decreasing, then 429 + Retry-After', async () => {
    const key = keys[0] as string;
    const started = Date.now();
    const seen: Seen[] = [];
    for (let i = 0; i < BURST + 10; i++) seen.push(await get((servers[i % 2] as ServerProcess).url, key));
    const elapsed = (Date.now() - started) / 1000;
    for (const s of seen) expectPlausible(s);
    const admitted = seen.filter((s) => s.status === 200).length;
    // One shared bucket: the burst plus what refilled while the requests ran (per-process buckets: 2 × burst).
    expect(admitted).toBeGreaterThanOrEqual(BURST);
    expect(admitted).toBeLessThanOrEqual(BURST + Math.floor(RATE * elapsed));
    expect(seen.filter((s) => s.status === 429).length).toBe(seen.length - admitted);
    // r never rises by a whole token between two requests (each is < 1 / RATE s apart here), and falls by
    // one per admitted request from both processes alike.
    for (let i = 1; i < seen.length; i++) {
      expect((seen[i] as Seen).r).toBeLessThanOrEqual((seen[i - 1] as Seen).r);
    }
    expect(seen.slice(0, 10).map((s) => s.r)).toEqual([29, 28, 27, 26, 25, 24, 23, 22, 21, 20]);
    expect(seen.at(-1)?.status).toBe(429);
  });

  it('a concurrent burst of one key over both processes admits at most the burst plus the refill', async () => {
    const key = keys[1] as string;
    const started = Date.now();
    const seen = await Promise.all(
      Array.from({ length: 120 }, (_, i) => get((servers[i % 2] as ServerProcess).url, key)),
    );
    const elapsed = (Date.now() - started) / 1000;
    for (const s of seen) expectPlausible(s);
    const admitted = seen.filter((s) => s.status === 200).length;
    expect(admitted).toBeGreaterThanOrEqual(BURST);
    expect(admitted).toBeLessThanOrEqual(BURST + Math.floor(RATE * elapsed));
    expect(seen.filter((s) => s.status === 429)).toHaveLength(120 - admitted);
  });
});
