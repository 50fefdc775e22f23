/** How long a failed job waits before its next attempt. */
export interface BackoffPolicy {
  /** The cap of the first retry's delay (attempt 1), in ms. */
  readonly baseMs: number;
  /** The largest delay, in ms. */
  readonly maxMs: number;
}

/** 1 s doubling up to 1 h. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 3_600_000 };

/**
 * The upper bound of the delay after failed attempt `attempts` (1-based):
 * `min(maxMs, baseMs · 2^(attempts-1))`. Non-decreasing in `attempts` and never above `maxMs`; attempts
 * below 1 count as 1.
 */
export function backoffCap(attempts: number, policy: BackoffPolicy): number {
  const exponent = Math.min(Math.max(Math.floor(attempts), 1) - 1, 1023);
  return Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
}

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, 2015): a uniform delay in `[0, cap)` for
 * `random` in `[0, 1)`, rounded down to whole milliseconds.
 */
export function backoffDelay(attempts: number, random: number, policy: BackoffPolicy): number {
  const r = Math.min(Math.max(random, 0), 1);
  return Math.floor(r * backoffCap(attempts, policy));
}

/** Checks a policy: finite, non-negative whole milliseconds with `baseMs <= maxMs`. */
export function isValidBackoff(policy: BackoffPolicy): boolean {
  const ok = (n: number) => Number.isSafeInteger(n) && n >= 0;
  return ok(policy.baseMs) && ok(policy.maxMs) && policy.baseMs <= policy.maxMs;
}
