import { type ExportRecord, exportRoutes } from '@tessera/schema';
import { apiErrorFrom, type RawResponse, TesseraConnectionError } from './errors';
import { fillPath, queryString } from './request-url';
import { isRetryableStatus, parseRetryAfter, retryDelay } from './retry-policy';
import { splitInput } from './route-input';
import type { FetchResponse, TransportConfig } from './transport';

const ROUTE = exportRoutes.exportProject;

export interface ExportOptions {
  readonly signal?: AbortSignal;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The streaming part of a fetch response (undici's and the browser's have it; simple fakes may not). */
interface StreamingBody {
  getReader(): {
    read(): Promise<{ done: boolean; value?: Uint8Array }>;
    cancel(reason?: unknown): Promise<void>;
  };
}

/** The connection broke or the body ended inside a line: the export resumes after the last whole line. */
class BrokenStream extends Error {}

function bodyOf(res: FetchResponse): StreamingBody | null {
  const body = (res as { body?: unknown }).body;
  return body !== null && typeof body === 'object' && 'getReader' in body ? (body as StreamingBody) : null;
}

/** The body's lines as they arrive (never the whole body in memory); a last line without `\n` is broken. */
async function* linesOf(res: FetchResponse): AsyncGenerator<string, void, undefined> {
  const body = bodyOf(res);
  if (body === null) {
    const text = await res.text();
    if (text !== '' && !text.endsWith('\n')) throw new BrokenStream('the export ended inside a line');
    yield* text.split('\n').filter((l) => l !== '');
    return;
  }
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let rest = '';
  try {
    for (;;) {
      let chunk: { done: boolean; value?: Uint8Array };
      try {
        chunk = await reader.read();
      } catch (error) {
        throw new BrokenStream(error instanceof Error ? error.message : String(error));
      }
      if (chunk.done) break;
      rest += decoder.decode(chunk.value, { stream: true });
      const lines = rest.split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line !== '') yield line;
    }
    rest += decoder.decode();
    if (rest !== '') throw new BrokenStream('the export ended inside a line');
  } finally {
    // A consumer that stops early closes the connection: the server stops reading the database.
    await reader.cancel().catch(() => undefined);
  }
}

async function errorOf(res: FetchResponse, now: number): Promise<RawResponse> {
  const text = await res.text();
  let body: unknown = null;
  if (res.headers.get('content-type')?.includes('json')) {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      body = null;
    }
  }
  return {
    status: res.status,
    statusText: res.statusText,
    requestId: res.headers.get('x-request-id'),
    retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), now),
    body,
    text,
  };
}

/**
 * `GET /v1/projects/:project/export` as records, read as they stream in. A 408/429/5xx answer or a broken
 * connection is retried with backoff (Retry-After honoured); after a break the export resumes after the last
 * record yielded (its `cursor`), so every record comes exactly once, in order.
 */
export async function* exportRecords(
  config: TransportConfig,
  input: Readonly<Record<string, unknown>>,
  options: ExportOptions = {},
): AsyncGenerator<ExportRecord, void, undefined> {
  const { params, query } = splitInput(ROUTE, input);
  let after = typeof query.after === 'string' ? query.after : undefined;
  let failures = 0;
  const headers: Record<string, string> = {
    accept: 'application/x-ndjson, application/problem+json',
    ...options.headers,
    ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}),
  };
  for (;;) {
    const url = `${config.baseUrl}${fillPath(ROUTE.path, params)}${queryString({ ...query, after })}`;
    let failure: unknown;
    let retryAfterMs: number | null = null;
    try {
      const res = await config.fetch(url, {
        method: 'GET',
        headers,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      if (res.status !== 200) {
        const raw = await errorOf(res, config.now());
        if (!isRetryableStatus(raw.status)) throw apiErrorFrom(raw);
        failure = apiErrorFrom(raw);
        retryAfterMs = raw.retryAfterMs;
      } else {
        for await (const line of linesOf(res)) {
          const record = JSON.parse(line) as ExportRecord;
          after = record.cursor;
          failures = 0;
          yield record;
        }
        return;
      }
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      if (!(error instanceof BrokenStream) && !(error instanceof TypeError)) throw error;
      failure = error; // TypeError: fetch's network failure
    }
    failures += 1;
    const wait = retryDelay(config.policy, failures, retryAfterMs);
    if (wait === null) {
      throw failure instanceof Error && 'status' in failure
        ? failure
        : new TesseraConnectionError(config.baseUrl, failure);
    }
    await config.sleep(wait);
  }
}
