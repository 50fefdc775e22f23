/** When to heartbeat a lease and when it counts as expired, from its `expires_at` and the local clock. */

/** Never heartbeat sooner than this after the previous one (a 5 s lease still gets one per second at most). */
export const MIN_HEARTBEAT_DELAY_MS = 1000;
/** After a failed heartbeat (network, 5xx), try again this soon, or sooner when the lease ends sooner. */
export const HEARTBEAT_RETRY_MS = 5000;

/** Epoch milliseconds of an RFC 3339 `expires_at`; NaN when unparseable (treated as already expired). */
export function expiresAtMs(expiresAt: string): number {
  return Date.parse(expiresAt);
}

export function isExpired(expiresAt: number, now: number): boolean {
  return !(now < expiresAt);
}

export function remainingMs(expiresAt: number, now: number): number {
  return isExpired(expiresAt, now) ? 0 : expiresAt - now;
}

/**
 * Delay until the next heartbeat: half the remaining time (a 10-minute lease is extended every 5 minutes, so
 * one lost heartbeat still leaves minutes to retry), but at least MIN_HEARTBEAT_DELAY_MS and never after the
 * lease ends. 0 for an expired lease.
 */
export function heartbeatDelayMs(expiresAt: number, now: number): number {
  const left = remainingMs(expiresAt, now);
  if (left === 0) return 0;
  return Math.min(left, Math.max(MIN_HEARTBEAT_DELAY_MS, Math.floor(left / 2)));
}

/** Delay before retrying a failed heartbeat: HEARTBEAT_RETRY_MS or the time left, whichever is shorter. */
export function heartbeatRetryDelayMs(expiresAt: number, now: number): number {
  return Math.min(HEARTBEAT_RETRY_MS, remainingMs(expiresAt, now));
}

/** `m:ss` (or `h:mm:ss`) for the task timer and lease countdowns. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const s = total % 60;
  const m = Math.floor(total / 60) % 60;
  const h = Math.floor(total / 3600);
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
