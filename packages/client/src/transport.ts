import type { HttpMethod } from '@tessera/schema';
import { apiErrorFrom, type RawResponse, TesseraConnectionError } from './errors';
import {
  isFinalRefusal,
  isRetryableConflict,
  isRetryableStatus,
  parseRetryAfter,
  type RetryPolicy,
  retryDelay,
} from './retry-policy';

/** What the SDK sends: JSON or NDJSON text, or the raw bytes of an upload (re-sent as is on a retry). */
export type RequestBody = string | Uint8Array<ArrayBuffer> | Blob;

/** The part of `fetch`'s request options the SDK uses. */
export interface FetchInit {
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body?: RequestBody;
  readonly signal?: AbortSignal;
}

/** The part of a `Response` the SDK reads: the global `fetch` satisfies this, and so do test fakes. */
export interface FetchResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponse>;

/** One logical HTTP call; retries of it reuse everything here, including the Idempotency-Key. */
export interface HttpRequest {
  readonly method: HttpMethod;
  /** Path and query string, e.g. `/v1/tasks?project=cars`. */
  readonly path: string;
  readonly content?: { readonly type: string; readonly data: RequestBody };
  /** Undefined: a POST gets a fresh key; null: none is sent (a route whose body makes repeats safe). */
  readonly idempotencyKey?: string | null;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

export interface Exchange {
  readonly ok: boolean;
  readonly response: RawResponse;
  /** Why earlier attempts were retried, oldest first: their HTTP status, or 0 for a network error. */
  readonly retried: readonly number[];
}

export interface TransportConfig {
  readonly baseUrl: string;
  readonly apiKey?: string;
  readonly fetch: FetchLike;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
  readonly policy: RetryPolicy;
  /** Per-attempt timeout (a timed-out attempt counts as a network error); 0 = none. */
  readonly timeoutMs: number;
  readonly newIdempotencyKey: () => string;
}

type Attempt = { readonly response: RawResponse } | { readonly failure: unknown };

function parseBody(text: string, contentType: string | null): unknown {
  if (text === '' || !contentType?.includes('json')) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function headersFor(
  config: TransportConfig,
  req: HttpRequest,
  idempotencyKey: string | undefined,
): Record<string, string> {
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    ...req.headers,
  };
  if (config.apiKey) headers.authorization = `Bearer ${config.apiKey}`;
  if (req.content) headers['content-type'] = req.content.type;
  if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
  return headers;
}

/**
 * An attempt's deadline: a timer cleared as soon as the attempt ends. `AbortSignal.timeout` cost ~8 µs a call
 * on Node and kept each timer registered for its whole timeout after the answer had come (at 2,000 calls a
 * second and the default 120 s, a quarter of a million live timers).
 */
function deadline(timeoutMs: number): { readonly signal: AbortSignal; clear(): void } | undefined {
  if (timeoutMs <= 0) return undefined;
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')),
    timeoutMs,
  );
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

/** One attempt: the answer (any status), or the network failure; the caller's own abort is rethrown. */
async function attempt(
  config: TransportConfig,
  url: string,
  init: FetchInit,
  signal: AbortSignal | undefined,
): Promise<Attempt> {
  const timeout = deadline(config.timeoutMs);
  const signals = [signal, timeout?.signal].filter((s): s is AbortSignal => s !== undefined);
  const combined = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
  try {
    const res = await config.fetch(url, combined ? { ...init, signal: combined } : init);
    const text = await res.text();
    return {
      response: {
        status: res.status,
        statusText: res.statusText,
        requestId: res.headers.get('x-request-id'),
        retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), config.now()),
        body: parseBody(text, res.headers.get('content-type')),
        text,
      },
    };
  } catch (failure) {
    if (signal?.aborted) throw signal.reason;
    return { failure };
  } finally {
    timeout?.clear();
  }
}

function shouldRetry(result: Attempt): boolean {
  if (!('response' in result)) return true;
  const { status, body } = result.response;
  return (isRetryableStatus(status) && !isFinalRefusal(body)) || isRetryableConflict(status, body);
}

/**
 * HTTP with retries: 408, 429, 5xx, an Idempotency-Key still in flight, and network errors are retried with
 * backoff, honouring Retry-After.
 */
export function createTransport(config: TransportConfig) {
  /** Runs one logical call to its final answer (2xx or not); throws only when the network never answered. */
  async function exchange(req: HttpRequest): Promise<Exchange> {
    const url = `${config.baseUrl}${req.path}`;
    const key =
      req.idempotencyKey === undefined && req.method === 'POST'
        ? config.newIdempotencyKey()
        : (req.idempotencyKey ?? undefined);
    const init: FetchInit = {
      method: req.method,
      headers: headersFor(config, req, key),
      ...(req.content ? { body: req.content.data } : {}),
    };
    const retried: number[] = [];
    for (;;) {
      const result = await attempt(config, url, init, req.signal);
      const status = 'response' in result ? result.response.status : 0;
      const ok = status >= 200 && status < 300;
      const wait =
        ok || !shouldRetry(result)
          ? null
          : retryDelay(config.policy, retried.length + 1, retryAfterOf(result));
      if (wait === null) {
        if ('response' in result) return { ok, response: result.response, retried };
        throw new TesseraConnectionError(config.baseUrl, result.failure);
      }
      retried.push(status);
      await config.sleep(wait);
    }
  }

  return {
    exchange,
    /** The body of a 2xx answer; anything else becomes a TesseraApiError. */
    async send(req: HttpRequest): Promise<unknown> {
      const result = await exchange(req);
      if (!result.ok) throw apiErrorFrom(result.response);
      return result.response.body;
    },
  };
}
export type Transport = ReturnType<typeof createTransport>;

function retryAfterOf(result: Attempt): number | null {
  return 'response' in result ? result.response.retryAfterMs : null;
}
