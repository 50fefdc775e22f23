import { TesseraError } from '@tessera/core';

/** Unsafe request on a session without the matching `x-csrf-token` header. */
export class CsrfError extends TesseraError {
  constructor() {
    super(
      'csrf_failed',
      403,
      'requests made with a session cookie must send its CSRF token in the x-csrf-token header',
    );
    this.name = 'CsrfError';
  }
}

/** Wrong email, password or organization: one message for every case, so nothing is revealed. */
export class InvalidCredentialsError extends TesseraError {
  constructor() {
    super(
      'invalid_credentials',
      401,
      'email or password is wrong (pass org_id when the email belongs to several organizations)',
    );
    this.name = 'InvalidCredentialsError';
  }
}

/** Too many password attempts for one account from one address; `retryAfter` in seconds. */
export class LoginRateLimitedError extends TesseraError {
  readonly retryAfter: number;
  constructor(retryAfter: number) {
    super('rate_limited', 429, `too many failed attempts; retry after ${retryAfter} s`, {
      retry_after: retryAfter,
    });
    this.name = 'LoginRateLimitedError';
    this.retryAfter = retryAfter;
  }
}
