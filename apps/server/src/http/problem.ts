import type { FieldIssue } from '@tessera/schema';

export interface ProblemInput {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly issues?: readonly FieldIssue[];
  readonly extra?: Readonly<Record<string, unknown>>;
}

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad request',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable request',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

export function titleFor(status: number): string {
  return TITLES[status] ?? 'Error';
}

/** Members of the envelope itself: an error's details never overwrite them (a detail `status` once did). */
const ENVELOPE = new Set([
  'type',
  'title',
  'status',
  'detail',
  'code',
  'error',
  'status_code',
  'request_id',
  'errors',
]);

/**
 * An RFC 9457 problem body with a stable `code`, the request id, field errors as JSON Pointers, and Scale's
 * `error`/`status_code` fields so Scale clients keep working.
 */
export function problemBody(p: ProblemInput, requestId: string): Record<string, unknown> {
  const extra = Object.fromEntries(Object.entries(p.extra ?? {}).filter(([k]) => !ENVELOPE.has(k)));
  return {
    type: `urn:tessera:problem:${p.code}`,
    title: p.title,
    status: p.status,
    detail: p.detail,
    code: p.code,
    error: p.detail,
    status_code: p.status,
    request_id: requestId,
    ...(p.issues && p.issues.length > 0
      ? { errors: p.issues.map((i) => ({ pointer: i.path, message: i.message, code: i.code })) }
      : {}),
    ...extra,
  };
}
