import { backoffCap, backoffDelay } from '@tessera/jobs';
import type { WebhookSettings } from '../config';
import type { HttpOutcome } from './webhook-http-client';

/** What happens after one attempt. */
export type AttemptDecision =
  | { readonly kind: 'succeeded' }
  /** 410 Gone: the receiver asked to stop; the endpoint is disabled and the delivery ends. */
  | { readonly kind: 'gone' }
  /** Try again at `at`; a throttling answer also holds back the endpoint's other deliveries until then. */
  | { readonly kind: 'retry'; readonly at: number; readonly throttle: boolean }
  /** Out of attempts or past the retry window. */
  | { readonly kind: 'dead' };

/** Statuses that mean "slow down": the whole endpoint waits, not only this delivery. */
const THROTTLING = new Set([429, 502, 503, 504]);

/** `Retry-After` as a delay in ms: delay-seconds or an HTTP-date (RFC 9110 §10.2.3); null when absent or bad. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** The upper bound of the delay after `attempts` failed attempts: the jittered schedule tests check against. */
export function retryDelayCap(attempts: number, settings: WebhookSettings): number {
  return backoffCap(attempts, { baseMs: settings.backoffBaseMs, maxMs: settings.backoffMaxMs });
}

/**
 * Full-jitter exponential backoff: after failed attempt n the next comes after a uniform delay in
 * [0, min(max, base·2^(n-1))), but never before the receiver's Retry-After.
 */
export function decideAttempt(
  outcome: HttpOutcome,
  attempts: number,
  retryUntil: number,
  now: number,
  random: number,
  settings: WebhookSettings,
): AttemptDecision {
  const status = outcome.status;
  if (status !== null && status >= 200 && status < 300) return { kind: 'succeeded' };
  if (status === 410) return { kind: 'gone' };
  if (attempts >= settings.maxAttempts) return { kind: 'dead' };
  const policy = { baseMs: settings.backoffBaseMs, maxMs: settings.backoffMaxMs };
  const retryAfter = parseRetryAfter(outcome.retryAfter, now);
  const delay = Math.max(backoffDelay(attempts, random, policy), retryAfter ?? 0);
  const at = now + delay;
  if (at > retryUntil) return { kind: 'dead' };
  const throttle = retryAfter !== null || (status !== null && THROTTLING.has(status));
  return { kind: 'retry', at, throttle };
}
