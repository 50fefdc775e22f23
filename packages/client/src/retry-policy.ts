/** When and how long to wait before retrying (Scale SDK: 408, 429 and 5xx, three times, backoff factor 2). */
export interface RetryPolicy {
  /** Retries after the first attempt (0 = never retry). */
  readonly retries: number;
  /** Wait before the first retry; doubles on each later one. */
  readonly backoffMs: number;
  /** A Retry-After longer than this is not waited for: the error is returned instead. */
  readonly maxRetryDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 3, backoffMs: 500, maxRetryDelayMs: 60_000 };

/** 408 Request Timeout, 429 Too Many Requests, and every 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/**
 * Refusals that waiting cannot change, whatever their status: a quota is not a rate (429 or 413
 * `quota_exceeded` stays until usage goes down), so it is returned at once instead of retried.
 */
export function isFinalRefusal(body: unknown): boolean {
  return (body as { code?: unknown } | null)?.code === 'quota_exceeded';
}

/**
 * A 409 `idempotency_key_in_flight` means an earlier attempt of this very call is still running on the
 * server (e.g. it timed out on our side): waiting and retrying gets its stored answer.
 */
export function isRetryableConflict(status: number, body: unknown): boolean {
  return status === 409 && (body as { code?: unknown } | null)?.code === 'idempotency_key_in_flight';
}

/** RFC 9110 §10.2.3: delay-seconds or an HTTP-date; anything else is ignored. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * The wait before retry number `retry` (1-based), or null to stop: the server's Retry-After when it sent
 * one, otherwise `backoffMs · 2^(retry-1)`.
 */
export function retryDelay(policy: RetryPolicy, retry: number, retryAfterMs: number | null): number | null {
  if (retry > policy.retries) return null;
  if (retryAfterMs !== null) return retryAfterMs > policy.maxRetryDelayMs ? null : retryAfterMs;
  return policy.backoffMs * 2 ** (retry - 1);
}
