import { fakeClock, MIGRATIONS, migrate, type TestHandle, testDatabases } from '@tessera/db';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryRateLimitStore, type RateLimitStore } from './rate-limit-store';
import { createSqlRateLimitStore } from './sql-rate-limit-store';
import { type BucketState, takeToken } from './token-bucket';

interface StoreCase {
  readonly name: string;
  /** A store, and (for SQL stores) a second store on another connection pool: another process. */
  open(): Promise<{ store: RateLimitStore; other: RateLimitStore }>;
  close(): Promise<void>;
}

const T0 = Date.UTC(2026, 10, 26, 10);

function sqlCase(db: ReturnType<typeof testDatabases>[number]): StoreCase {
  let handle: TestHandle | undefined;
  return {
    name: `sql on ${db.dialect}`,
    async open() {
      handle = await db.open();
      await migrate(handle.client, MIGRATIONS);
      const clock = fakeClock(T0);
      return {
        store: createSqlRateLimitStore(handle.client, { clock }),
        other: createSqlRateLimitStore(handle.reopen(), { clock }),
      };
    },
    close: async () => handle?.dispose(),
  };
}

const memoryCase: StoreCase = {
  name: 'memory',
  async open() {
    const store = createMemoryRateLimitStore();
    return { store, other: store };
  },
  close: async () => undefined,
};

let keyCounter = 0;
const freshKey = () => `cred:k${++keyCounter}`;

describe.each([memoryCase, ...testDatabases().map(sqlCase)])('RateLimitStore contract: $name', (c) => {
  let store: RateLimitStore;
  let other: RateLimitStore;
  beforeAll(async () => {
    ({ store, other } = await c.open());
  });
  afterAll(async () => c.close());

  it('starts full, counts down, refuses with Retry-After, refills with time; keys are independent', async () => {
    const key = freshKey();
    const policy = { perSecond: 2, burst: 5 };
    const remaining: number[] = [];
    for (let i = 0; i < 5; i++) {
      const d = await store.take(key, policy, T0);
      expect(d.allowed).toBe(true);
      remaining.push(d.remaining);
    }
    expect(remaining).toEqual([4, 3, 2, 1, 0]);
    expect(await store.take(key, policy, T0)).toEqual({
      allowed: false,
      limit: 5,
      remaining: 0,
      resetSeconds: 3,
      retryAfterSeconds: 1,
      windowSeconds: 3,
    });
    expect((await store.take(freshKey(), policy, T0)).remaining).toBe(4);
    expect((await store.take(key, policy, T0 + 499)).allowed).toBe(false);
    expect(await store.take(key, policy, T0 + 500)).toMatchObject({ allowed: true, remaining: 0 });
    expect(await store.take(key, policy, T0 + 60_000)).toMatchObject({ allowed: true, remaining: 4 });
  });

  it('refills nothing for a clock behind the bucket, and follows a changed policy', async () => {
    const key = freshKey();
    const policy = { perSecond: 10, burst: 1 };
    expect((await store.take(key, policy, T0 + 1_000)).allowed).toBe(true);
    expect((await store.take(key, policy, T0)).allowed).toBe(false);
    expect((await store.take(key, policy, T0 + 1_050)).allowed).toBe(false);
    expect((await store.take(key, policy, T0 + 1_100)).allowed).toBe(true);
    const bigger = { perSecond: 10, burst: 3 };
    expect(await store.take(key, bigger, T0 + 10_000)).toMatchObject({
      allowed: true,
      remaining: 2,
      limit: 3,
    });
  });

  it('makes the same decisions as the pure token bucket for any request timing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ perSecond: fc.integer({ min: 1, max: 20 }), burst: fc.integer({ min: 1, max: 10 }) }),
        fc.array(fc.integer({ min: 0, max: 700 }), { minLength: 1, maxLength: 25 }),
        async (policy, gaps) => {
          const key = freshKey();
          let state: BucketState | undefined;
          let now = T0;
          for (const gap of gaps) {
            now += gap;
            const model = takeToken(state, policy, now);
            state = model.state;
            expect(await store.take(key, policy, now)).toEqual(model.decision);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('admits exactly burst of many concurrent takes, also from two processes (connection pools)', async () => {
    const key = freshKey();
    const policy = { perSecond: 1, burst: 20 };
    const decisions = await Promise.all(
      Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? store : other).take(key, policy, T0)),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(20);
    expect(decisions.filter((d) => !d.allowed).every((d) => d.retryAfterSeconds === 1)).toBe(true);
    const remaining = decisions.filter((d) => d.allowed).map((d) => d.remaining);
    expect([...remaining].sort((a, b) => b - a)).toEqual(Array.from({ length: 20 }, (_, i) => 19 - i));
  });
});
