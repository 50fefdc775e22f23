import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { activeHours, fillBuckets, statsWindow } from './stats-window';

const H = 3_600_000;
const limits = { maxHours: 720, maxBuckets: 2000 };

describe('statistics window', () => {
  it('aligns the start to a whole bucket and ends at now (the bucket in progress included)', () => {
    const now = Date.UTC(2026, 0, 2, 10, 20);
    const w = statsWindow(now, { hours: 24, bucketMinutes: 60, ...limits });
    expect(w).toEqual({ start: Date.UTC(2026, 0, 1, 10), end: now, bucketMs: H });
    const buckets = fillBuckets(w, [{ bucket: 24, count: 3 }], [{ bucket: 0, count: 1 }]);
    expect(buckets).toHaveLength(25);
    expect(buckets[0]).toEqual({ start: w.start, submitted: 0, completed: 1 });
    expect(buckets[24]).toEqual({ start: Date.UTC(2026, 0, 2, 10), submitted: 3, completed: 0 });
  });

  it('refuses out-of-range hours and windows of too many buckets', () => {
    expect(() => statsWindow(0, { hours: 0, bucketMinutes: 60, ...limits })).toThrow(ValidationError);
    expect(() => statsWindow(0, { hours: 721, bucketMinutes: 60, ...limits })).toThrow(ValidationError);
    expect(() => statsWindow(100 * H, { hours: 720, bucketMinutes: 1, ...limits })).toThrow(/buckets/);
  });

  it('measures rates over the part of the window the project existed, at least a minute', () => {
    const w = { start: 0, end: 10 * H, bucketMs: H };
    expect(activeHours(w, -5)).toBe(10);
    expect(activeHours(w, 8 * H)).toBe(2);
    expect(activeHours(w, 10 * H)).toBe(1 / 60);
  });
});
