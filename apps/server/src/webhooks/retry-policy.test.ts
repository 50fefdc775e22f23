import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { decideAttempt, parseRetryAfter, retryDelayCap } from './retry-policy';

const settings = loadConfig({ env: {} }).webhooks;
const NOW = Date.UTC(2026, 10, 26, 10);
const failure = (status: number | null, retryAfter: string | null = null) => ({
  status,
  retryAfter,
  error: status === null ? 'ECONNREFUSED' : `HTTP ${status}`,
});

describe('webhook retry policy', () => {
  it('succeeds on any 2xx and stops on 410', () => {
    for (const status of [200, 201, 204, 299]) {
      expect(decideAttempt(failure(status), 1, NOW + 1, NOW, 0.5, settings)).toEqual({ kind: 'succeeded' });
    }
    expect(decideAttempt(failure(410), 1, NOW + 86_400_000, NOW, 0.5, settings)).toEqual({ kind: 'gone' });
  });

  it('retries failures after a full-jitter delay below the exponential cap, within the window', () => {
    const statuses = fc.constantFrom(null, 301, 302, 400, 404, 500, 503);
    fc.assert(
      fc.property(
        statuses,
        fc.integer({ min: 1, max: 19 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (s, n, r) => {
          const d = decideAttempt(failure(s), n, NOW + 10 * 86_400_000, NOW, r, settings);
          expect(d.kind).toBe('retry');
          if (d.kind !== 'retry') return;
          expect(d.at - NOW).toBeGreaterThanOrEqual(0);
          expect(d.at - NOW).toBeLessThan(Math.max(1, retryDelayCap(n, settings)));
          expect(d.throttle).toBe(s === 503);
        },
      ),
    );
  });

  it('gives up after the last attempt or past the retry window', () => {
    expect(decideAttempt(failure(500), 20, NOW + 86_400_000, NOW, 0.1, settings).kind).toBe('dead');
    expect(decideAttempt(failure(500), 3, NOW + 1, NOW, 0.9, settings).kind).toBe('dead');
  });

  it('never retries before Retry-After, and throttles the endpoint for it', () => {
    const d = decideAttempt(failure(429, '120'), 1, NOW + 86_400_000, NOW, 0, settings);
    expect(d).toEqual({ kind: 'retry', at: NOW + 120_000, throttle: true });
    const date = new Date(NOW + 3_600_000).toUTCString();
    expect(parseRetryAfter(date, NOW)).toBe(3_600_000);
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(decideAttempt(failure(503, '90000'), 1, NOW + 86_400_000, NOW, 0, settings).kind).toBe('dead');
  });

  it('spreads 20 attempts over roughly a day by default', () => {
    const caps = Array.from({ length: 19 }, (_, i) => retryDelayCap(i + 1, settings));
    const expectedTotal = caps.reduce((a, b) => a + b, 0) / 2;
    expect(caps[0]).toBe(30_000);
    expect(expectedTotal).toBeGreaterThan(18 * 3_600_000);
    expect(expectedTotal).toBeLessThan(30 * 3_600_000);
  });
});
