import http from 'node:http';
import https from 'node:https';
import type { FetchInit, FetchLike, FetchResponse } from './transport';

export interface NodeFetchOptions {
  /** Sockets kept open per host (default 64); requests beyond wait for a free one. */
  readonly maxSockets?: number;
}

/**
 * A `fetch` for the SDK on Node built on `node:http` keep-alive agents (`createClient({ fetch:
 * createNodeFetch() })`). The SDK reads only status, headers and the text of a response, and undici's WHATWG
 * `fetch` spends several times the CPU of `node:http` per call on that: for a worker or load generator making
 * thousands of calls a second, this is the difference. Not for browsers (import `@tessera/client/node`).
 */
export function createNodeFetch(options: NodeFetchOptions = {}): FetchLike & { close(): void } {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64 };
  const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) };

  const nodeFetch = async (url: string, init: FetchInit): Promise<FetchResponse> => {
    const target = new URL(url);
    const lib = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : null;
    if (lib === null) throw new TypeError(`unsupported protocol ${target.protocol}`);
    const body = await bodyBytes(init.body);
    return new Promise<FetchResponse>((resolve, reject) => {
      const req = lib.request(target, {
        method: init.method,
        agent: agents[target.protocol as 'http:' | 'https:'],
        headers: body === null ? init.headers : { ...init.headers, 'content-length': String(body.length) },
        signal: init.signal,
      });
      req.on('error', reject);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? '',
            headers: { get: (name) => headerValue(res.headers[name.toLowerCase()]) },
            text: () => Promise.resolve(text),
          });
        });
      });
      req.end(body ?? undefined);
    });
  };
  return Object.assign(nodeFetch, {
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  });
}

async function bodyBytes(body: FetchInit['body']): Promise<Buffer | null> {
  if (body === undefined) return null;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return Buffer.from(await body.arrayBuffer());
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}
