import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { FuzzRequest } from './f4-requests';

/** The 4xx statuses the API documents (api-conventions §7); anything else outside 2xx fails the fuzz. */
export const DOCUMENTED_4XX: ReadonlySet<number> = new Set([400, 401, 403, 404, 409, 413, 415, 422, 429]);

/**
 * What must never reach a client: stack frames, source or install paths, runtime error class names,
 * framework and driver error codes, SQL error text.
 */
const LEAK_MARKERS: readonly RegExp[] = [
  /\n\s+at /,
  /\bat [\w$.<>]+ \(/,
  /[\w-]+\.[cm]?[jt]s:\d+/,
  /node_modules/,
  /node:internal/,
  /file:\/\//,
  /\/(work|home|usr|tmp|root)\//,
  /\b(TypeError|ReferenceError|RangeError|SyntaxError|AssertionError)\b/,
  /FST_ERR_/,
  /\bSQLITE_[A-Z]+/,
  /\bsyntax error at or near\b/,
  /\bduplicate key value violates\b/,
  /\bviolates (foreign key|check|not-null) constraint\b/,
  /\binvalid input syntax for type\b/,
  /\bMaximum call stack\b/,
];

const PROBLEM_FIELDS = ['type', 'title', 'detail', 'code', 'error', 'request_id'] as const;

/** Why a response breaks the problem envelope, or null: RFC 9457 members plus code, error, status_code. */
function envelopeProblem(res: LightMyRequestResponse): string | null {
  if (!String(res.headers['content-type'] ?? '').startsWith('application/problem+json'))
    return `content-type ${String(res.headers['content-type'])} is not application/problem+json`;
  let body: Record<string, unknown>;
  try {
    body = res.json() as Record<string, unknown>;
  } catch {
    return 'the problem body is not JSON';
  }
  for (const f of PROBLEM_FIELDS) if (typeof body[f] !== 'string') return `problem.${f} is not a string`;
  if (body.status !== res.statusCode || body.status_code !== res.statusCode)
    return `problem.status ${String(body.status)} / status_code ${String(body.status_code)} ≠ ${res.statusCode}`;
  if (!/^[a-z][a-z0-9_]*$/.test(String(body.code)))
    return `problem.code ${String(body.code)} is not snake_case`;
  if (body.type !== `urn:tessera:problem:${String(body.code)}`) return `problem.type ${String(body.type)}`;
  // A replay (Idempotency-Key) returns the first answer byte for byte, with that request's id.
  const replayed = res.headers['idempotent-replayed'] === 'true';
  if (!replayed && body.request_id !== res.headers['x-request-id'])
    return 'problem.request_id ≠ X-Request-Id';
  return null;
}

/** Markers found in `text` that the request itself did not carry (an echo of the input is not a leak). */
export function leaks(text: string, sent: string): string[] {
  return LEAK_MARKERS.filter((m) => m.test(text) && !m.test(sent)).map(String);
}

/** Every way `res` breaks the F4 pass criteria for `req` (empty: it passes). */
export function responseFailures(
  req: FuzzRequest,
  res: LightMyRequestResponse,
  successStatus: number,
): string[] {
  const failures: string[] = [];
  const ok = res.statusCode === successStatus || (res.statusCode >= 200 && res.statusCode < 300);
  if (!ok && !DOCUMENTED_4XX.has(res.statusCode)) failures.push(`status ${res.statusCode}`);
  if (ok) return failures;
  const envelope = envelopeProblem(res);
  if (envelope !== null) failures.push(envelope);
  // Error bodies only: a 2xx list may show what earlier fuzz inputs stored, which is data, not a leak.
  const sent = `${req.url}\n${typeof req.payload === 'string' ? req.payload : (req.payload?.toString('latin1') ?? '')}`;
  const found = leaks(res.body, sent);
  if (found.length > 0) failures.push(`leak ${found.join(', ')}`);
  return failures;
}

/** `app.inject` bounded in time: a request that takes longer than `limitMs` is a failure (a hang). */
export async function injectWithin(
  app: FastifyInstance,
  req: FuzzRequest,
  limitMs: number,
): Promise<LightMyRequestResponse> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${limitMs} ms (a hang)`)), limitMs);
  });
  try {
    return await Promise.race([
      app.inject({
        method: req.method,
        url: req.url,
        headers: req.headers,
        ...(req.payload === undefined ? {} : { payload: req.payload }),
      }),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** A short printable description of a request for failure messages. */
export function describeRequest(req: FuzzRequest): string {
  const body =
    req.payload === undefined
      ? ''
      : typeof req.payload === 'string'
        ? req.payload.slice(0, 300)
        : `<${req.payload.length} bytes ${req.payload.subarray(0, 40).toString('hex')}>`;
  return `${req.kind} ${req.method} ${req.url.slice(0, 200)} [${req.headers['content-type'] ?? '-'}] ${body}`;
}
