import { issue, ValidationError } from '../errors';
import type { BucketCountRow, StatsWindow } from './stats-rows';

export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

export interface WindowOptions {
  /** Hours back from now (1 to `maxHours`). */
  readonly hours: number;
  readonly bucketMinutes: number;
  readonly maxHours: number;
  readonly maxBuckets: number;
}

export interface ThroughputBucket {
  readonly start: number;
  readonly submitted: number;
  readonly completed: number;
}

/**
 * The window [start, now]: `hours` back from now, its start aligned down to a whole bucket (buckets of an
 * hour start on the hour), so the last bucket is the one in progress.
 */
export function statsWindow(now: number, options: WindowOptions): StatsWindow {
  const { hours, bucketMinutes, maxHours, maxBuckets } = options;
  if (!Number.isInteger(hours) || hours < 1 || hours > maxHours) {
    throw new ValidationError([issue('/hours', 'out_of_range', `must be an integer from 1 to ${maxHours}`)]);
  }
  if (!Number.isInteger(bucketMinutes) || bucketMinutes < 1) {
    throw new ValidationError([issue('/bucket_minutes', 'out_of_range', 'must be a positive integer')]);
  }
  const bucketMs = bucketMinutes * MINUTE_MS;
  const start = Math.floor((now - hours * HOUR_MS) / bucketMs) * bucketMs;
  if (bucketCount({ start, end: now, bucketMs }) > maxBuckets) {
    throw new ValidationError([
      issue('/bucket_minutes', 'too_many_buckets', `the window would hold more than ${maxBuckets} buckets`),
    ]);
  }
  return { start, end: now, bucketMs };
}

export function bucketCount(window: StatsWindow): number {
  return Math.floor((window.end - window.start) / window.bucketMs) + 1;
}

/** Every bucket of the window, empty ones included, with the counts the database found. */
export function fillBuckets(
  window: StatsWindow,
  submitted: readonly BucketCountRow[],
  completed: readonly BucketCountRow[],
): ThroughputBucket[] {
  const n = bucketCount(window);
  const sub = new Array<number>(n).fill(0);
  const done = new Array<number>(n).fill(0);
  for (const r of submitted) if (r.bucket >= 0 && r.bucket < n) sub[r.bucket] = r.count;
  for (const r of completed) if (r.bucket >= 0 && r.bucket < n) done[r.bucket] = r.count;
  return sub.map((s, i) => ({
    start: window.start + i * window.bucketMs,
    submitted: s,
    completed: done[i] as number,
  }));
}

/** Hours the window actually covers for a project (it may be younger than the window), at least a minute. */
export function activeHours(window: StatsWindow, since: number): number {
  return Math.max(window.end - Math.max(window.start, since), MINUTE_MS) / HOUR_MS;
}
