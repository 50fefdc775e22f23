import type { FieldIssue } from '@tessera/schema';

/**
 * The few failure classes of the engine. Each has a stable snake_case `code` and an HTTP status; the edges
 * (server error handler, SDK, CLI, job runner) translate them once. Messages never contain secrets.
 */
export class TesseraError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Readonly<Record<string, unknown>>;
  constructor(
    code: string,
    status: number,
    message: string,
    details: Record<string, unknown> = {},
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'TesseraError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

/** Bad input: every issue carries the JSON Pointer of the offending field. */
export class ValidationError extends TesseraError {
  readonly issues: readonly FieldIssue[];
  constructor(issues: readonly FieldIssue[], message = describeIssues(issues)) {
    super('validation_failed', 400, message, { errors: issues });
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

/** Missing, or belonging to another organization (never distinguishable from the outside). */
export class NotFoundError extends TesseraError {
  constructor(what: string, id: string) {
    super('not_found', 404, `${what} ${id} not found`, { resource: what });
    this.name = 'NotFoundError';
  }
}

/** The request is valid but conflicts with the current state (stale lease, duplicate, wrong state). */
export class ConflictError extends TesseraError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(code, 409, message, details);
    this.name = 'ConflictError';
  }
}

/** The caller is known but may not do this. */
export class ForbiddenError extends TesseraError {
  constructor(message: string) {
    super('forbidden', 403, message);
    this.name = 'ForbiddenError';
  }
}

function describeIssues(issues: readonly FieldIssue[]): string {
  const first = issues[0];
  if (first === undefined) return 'invalid input';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `${first.path}: ${first.message}${more}`;
}

export function issue(path: string, code: string, message: string): FieldIssue {
  return { path, code, message };
}
