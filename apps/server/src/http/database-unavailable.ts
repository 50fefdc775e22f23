/** Network errors of a database connection (pg's socket) and SQLite's "still locked after busy_timeout". */
const CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTCONN', 'SQLITE_BUSY']);
/**
 * PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now, disk_full, io_error (class 08 is checked by
 * prefix). SQLite: a full disk, and every SQLITE_IOERR_* (prefix): SQLite rolled the transaction back.
 */
const PG_SHUTDOWN = new Set(['57P01', '57P02', '57P03', '53100', '58030']);
const SQLITE_WRITE_FAILED = /^SQLITE_(IOERR(_[A-Z_]+)?|FULL)$/;
/** Driver messages without a code: a dropped pg connection or pool, a closed SQLite handle. */
const MESSAGES = [
  /^Connection terminated/,
  /not queryable/,
  /Cannot use a pool after calling end/,
  /database connection is not open/,
];

/**
 * The database could not be reached, is restarting, or could not write (I/O error, full disk; the transaction
 * was rolled back): the request did not get a definite answer and a retry (with the same Idempotency-Key) is
 * the right move, so it is a 503 with Retry-After, not a 500 — and a 503 is never stored as the key's answer.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (
    typeof code === 'string' &&
    (CODES.has(code) ||
      PG_SHUTDOWN.has(code) ||
      /^08[0-9A-Z]{3}$/.test(code) ||
      SQLITE_WRITE_FAILED.test(code))
  ) {
    return true;
  }
  return typeof message === 'string' && MESSAGES.some((m) => m.test(message));
}
