import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BackoffPolicy, backoffCap, backoffDelay, DEFAULT_BACKOFF, isValidBackoff } from './backoff';

const policy = fc
  .tuple(fc.integer({ min: 0, max: 86_400_000 }), fc.integer({ min: 0, max: 86_400_000 }))
  .map(([a, b]): BackoffPolicy => ({ baseMs: Math.min(a, b), maxMs: Math.max(a, b) }));
const attempts = fc.integer({ min: -5, max: 2_000 });
const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('backoff', () => {
  it('is a whole, non-negative delay no longer than the cap, and the cap is at most maxMs', () => {
    fc.assert(
      fc.property(policy, attempts, unit, (p, n, r) => {
        const delay = backoffDelay(n, r, p);
        const cap = backoffCap(n, p);
        expect(isValidBackoff(p)).toBe(true);
        expect(Number.isSafeInteger(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(cap);
        expect(cap).toBeLessThanOrEqual(p.maxMs);
        expect(delay).toBeLessThan(Math.max(cap, 1));
      }),
      { numRuns: 2_000 },
    );
  });

  it('has a cap that never decreases with attempts and reaches maxMs', () => {
    fc.assert(
      fc.property(policy, attempts, fc.integer({ min: 0, max: 100 }), (p, n, k) => {
        expect(backoffCap(n + k, p)).toBeGreaterThanOrEqual(backoffCap(n, p));
        if (p.baseMs > 0) expect(backoffCap(60, p)).toBe(p.maxMs);
      }),
      { numRuns: 2_000 },
    );
  });

  it('grows with random for a fixed attempt (full jitter over [0, cap))', () => {
    fc.assert(
      fc.property(policy, attempts, unit, unit, (p, n, r1, r2) => {
        const [lo, hi] = r1 <= r2 ? [r1, r2] : [r2, r1];
        expect(backoffDelay(n, lo, p)).toBeLessThanOrEqual(backoffDelay(n, hi, p));
      }),
    );
  });

  it('doubles from 1 s up to 1 h by default', () => {
    const caps = [1, 2, 3, 12, 13, 100].map((n) => backoffCap(n, DEFAULT_BACKOFF));
    expect(caps).toEqual([1_000, 2_000, 4_000, 2_048_000, 3_600_000, 3_600_000]);
    expect(backoffDelay(3, 0.5, DEFAULT_BACKOFF)).toBe(2_000);
    expect(backoffDelay(3, 0, DEFAULT_BACKOFF)).toBe(0);
  });

  it('rejects invalid policies', () => {
    expect(isValidBackoff({ baseMs: 2, maxMs: 1 })).toBe(false);
    expect(isValidBackoff({ baseMs: -1, maxMs: 1 })).toBe(false);
    expect(isValidBackoff({ baseMs: 0.5, maxMs: 1 })).toBe(false);
    expect(isValidBackoff({ baseMs: 0, maxMs: Number.POSITIVE_INFINITY })).toBe(false);
  });
});
