import { isRetryableStatus, TesseraApiError, TesseraConnectionError } from '@tessera/client';

/**
 * What a failed lease call (heartbeat, submit, release) means for the work under it:
 * - `stale`: the lease is gone (409 `stale_lease`, or 404: the server does not know this lease for this user);
 *   the work can no longer be sent under it.
 * - `retry`: the server was not reached or could not answer (network, 408, 429, 5xx); the same call may be
 *   repeated later (submits are idempotent per lease token).
 * - `refused`: any other answer (400 validation, 403 scope…): repeating it unchanged would fail again.
 */
export type LeaseFailure = 'stale' | 'retry' | 'refused';

export function classifyLeaseFailure(error: unknown): LeaseFailure {
  if (error instanceof TesseraApiError) {
    if ((error.status === 409 && error.code === 'stale_lease') || error.status === 404) return 'stale';
    if (isRetryableStatus(error.status) || error.code === 'idempotency_key_in_flight') return 'retry';
    return 'refused';
  }
  if (error instanceof TesseraConnectionError) return 'retry';
  // fetch rejects with a TypeError when offline; an aborted request is a DOMException named AbortError.
  if (error instanceof TypeError) return 'retry';
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'))
    return 'retry';
  return 'refused';
}
