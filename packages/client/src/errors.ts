/** One field error of a 400 problem: a JSON Pointer into the request and what is wrong there. */
export interface FieldError {
  readonly pointer: string;
  readonly message: string;
  readonly code?: string;
}

export interface ApiErrorInit {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors?: readonly FieldError[];
  readonly requestId?: string | null;
  readonly existingTaskId?: string | null;
  readonly retryAfterMs?: number | null;
  readonly problem?: Readonly<Record<string, unknown>> | null;
}

/**
 * A non-2xx answer from the API, translated once from its RFC 9457 problem body. `code` is the stable string
 * to switch on; the message reads `404 not_found: task tsk_… not found`.
 */
export class TesseraApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: readonly FieldError[];
  readonly requestId: string | null;
  /** Set on `409 unique_id_conflict`: the task that already holds the unique_id. */
  readonly existingTaskId: string | null;
  /** The server's Retry-After, when it sent one (429, 503). */
  readonly retryAfterMs: number | null;
  /** The whole problem body, for fields this class does not name. */
  readonly problem: Readonly<Record<string, unknown>> | null;

  constructor(init: ApiErrorInit) {
    super(`${init.status} ${init.code}: ${init.detail}`);
    this.name = 'TesseraApiError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.requestId = init.requestId ?? null;
    this.existingTaskId = init.existingTaskId ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.problem = init.problem ?? null;
  }
}

/** The server could not be reached (refused, reset, DNS, timeout) on every attempt. */
export class TesseraConnectionError extends Error {
  readonly code = 'connection_failed';
  readonly url: string;
  constructor(url: string, cause: unknown) {
    super(`cannot reach ${url}: ${describeCause(cause)}`, { cause });
    this.name = 'TesseraConnectionError';
    this.url = url;
  }
}

/** `fetch failed (ECONNREFUSED)`: undici hides the useful part in `cause.code`. */
function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const inner = (cause as Error & { cause?: unknown }).cause;
  const first = cause.message.split('\n')[0] ?? cause.name;
  if (!(inner instanceof Error)) return first;
  const code = (inner as Error & { code?: unknown }).code;
  return `${first} (${typeof code === 'string' ? code : inner.message})`;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function fieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((e): FieldError[] => {
    if (e === null || typeof e !== 'object') return [];
    const r = e as Record<string, unknown>;
    const pointer = str(r.pointer) ?? '';
    const code = str(r.code);
    return [{ pointer, message: str(r.message) ?? 'invalid', ...(code ? { code } : {}) }];
  });
}

export interface RawResponse {
  readonly status: number;
  readonly statusText: string;
  readonly requestId: string | null;
  readonly retryAfterMs: number | null;
  readonly body: unknown;
  /** The body as text, when it was not JSON (e.g. a proxy's HTML error page). */
  readonly text: string;
}

/** Translates an error response (problem+json, Scale's `{status_code, error}`, or anything else). */
export function apiErrorFrom(res: RawResponse): TesseraApiError {
  const body =
    res.body !== null && typeof res.body === 'object' && !Array.isArray(res.body)
      ? (res.body as Record<string, unknown>)
      : null;
  const fallback = res.text.trim().split('\n')[0]?.slice(0, 200) || res.statusText || 'request failed';
  return new TesseraApiError({
    status: res.status,
    code: str(body?.code) ?? `http_${res.status}`,
    title: str(body?.title) ?? res.statusText,
    detail: str(body?.detail) ?? str(body?.error) ?? str(body?.message) ?? fallback,
    errors: fieldErrors(body?.errors),
    requestId: str(body?.request_id) ?? res.requestId,
    existingTaskId: str(body?.existing_task_id) ?? null,
    retryAfterMs: res.retryAfterMs,
    problem: body,
  });
}
