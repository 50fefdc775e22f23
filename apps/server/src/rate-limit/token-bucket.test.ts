import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rateLimitHeaders } from './rate-limit-hooks';
import { createMemoryRateLimitStore } from './rate-limit-store';
import { type BucketState, takeToken } from './token-bucket';

describe('token bucket', () => {
  it('allows a burst, then refills at the rate; headers describe the bucket', () => {
    const policy = { perSecond: 2, burst: 5 };
    let state: BucketState | undefined;
    const remaining: number[] = [];
    for (let i = 0; i < 5; i++) {
      const step = takeToken(state, policy, 0);
      state = step.state;
      expect(step.decision.allowed).toBe(true);
      remaining.push(step.decision.remaining);
    }
    expect(remaining).toEqual([4, 3, 2, 1, 0]);
    const denied = takeToken(state, policy, 0);
    expect(denied.decision).toEqual({
      allowed: false,
      limit: 5,
      remaining: 0,
      resetSeconds: 3,
      retryAfterSeconds: 1,
      windowSeconds: 3,
    });
    expect(rateLimitHeaders(denied.decision)).toEqual({
      'RateLimit-Policy': '"default";q=5;w=3',
      RateLimit: '"default";r=0;t=3',
      'X-RateLimit-Limit': '5',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': '3',
      'Retry-After': '1',
    });
    expect(takeToken(denied.state, policy, 499).decision.allowed).toBe(false);
    expect(takeToken(denied.state, policy, 500).decision).toMatchObject({ allowed: true, remaining: 0 });
    expect(takeToken(denied.state, policy, 60_000).decision).toMatchObject({ allowed: true, remaining: 4 });
  });

  it('never allows more than burst + rate × elapsed, and Retry-After is always enough', () => {
    fc.assert(
      fc.property(
        fc.record({ perSecond: fc.integer({ min: 1, max: 50 }), burst: fc.integer({ min: 1, max: 100 }) }),
        fc.array(fc.integer({ min: 0, max: 2_000 }), { minLength: 1, maxLength: 300 }),
        (policy, gaps) => {
          let state: BucketState | undefined;
          let now = 0;
          let allowed = 0;
          for (const gap of gaps) {
            now += gap;
            const { state: next, decision } = takeToken(state, policy, now);
            expect(decision.remaining).toBeGreaterThanOrEqual(0);
            expect(decision.remaining).toBeLessThan(policy.burst);
            if (decision.allowed) allowed++;
            else {
              expect(decision.retryAfterSeconds).toBeGreaterThanOrEqual(1);
              expect(takeToken(next, policy, now + decision.retryAfterSeconds * 1000).decision.allowed).toBe(
                true,
              );
            }
            state = next;
          }
          expect(allowed).toBeLessThanOrEqual(policy.burst + (policy.perSecond * now) / 1000 + 1e-9);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('treats a clock that steps back as no refill, and unusable policies as 1 token at 1/s', () => {
    const first = takeToken(undefined, { perSecond: 10, burst: 1 }, 1_000);
    expect(takeToken(first.state, { perSecond: 10, burst: 1 }, 0).decision.allowed).toBe(false);
    expect(takeToken(undefined, { perSecond: Number.NaN, burst: 0 }, 0).decision).toMatchObject({
      limit: 1,
      windowSeconds: 1,
    });
  });
});

describe('in-memory rate-limit store', () => {
  it('keeps buckets per key and stays bounded, dropping full buckets first', async () => {
    const store = createMemoryRateLimitStore({ maxKeys: 10 });
    const policy = { perSecond: 1, burst: 2 };
    await store.take('busy', policy, 0);
    expect((await store.take('busy', policy, 0)).remaining).toBe(0);
    for (let i = 0; i < 50; i++) await store.take(`ip:${i}`, policy, 0);
    // 'busy' was least recently used and not full: evicted only because the idle ones were not enough.
    expect((await store.take('ip:49', policy, 0)).remaining).toBe(0);
    const later = await store.take('ip:48', policy, 10_000);
    expect(later.remaining).toBe(1);
  });
});
