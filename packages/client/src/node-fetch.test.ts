import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from './client';
import { createNodeFetch } from './node-fetch';

interface Seen {
  readonly method: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** A loopback server that records requests and answers `handler`'s status, headers and body. */
async function recordingServer(handler: (seen: Seen) => [number, Record<string, string>, string]) {
  const seen: Seen[] = [];
  let connections = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s = {
        method: req.method ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(s);
      const [status, headers, body] = handler(s);
      res.writeHead(status, headers).end(body);
    });
  });
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('createNodeFetch (the SDK transport on node:http)', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  it('sends method, headers and string / byte / Blob bodies; reads status, headers and text', async () => {
    const srv = await recordingServer((s) => [
      s.method === 'GET' ? 200 : 201,
      { 'content-type': 'application/json', 'x-request-id': 'req_1', 'set-cookie': 'a=1' },
      JSON.stringify({ got: s.body }),
    ]);
    const f = createNodeFetch();
    cleanups.push(srv.close, f.close);
    const headers = { authorization: 'Bearer k', 'content-type': 'text/plain' };
    const texts: string[] = [];
    for (const body of ['héllo', new TextEncoder().encode('bytes'), new Blob(['blob'])]) {
      const res = await f(`${srv.url}/v1/x?y=1`, { method: 'POST', headers, body });
      expect(res.status).toBe(201);
      expect(res.headers.get('X-Request-Id')).toBe('req_1');
      expect(res.headers.get('retry-after')).toBeNull();
      texts.push(await res.text());
    }
    expect(texts.map((t) => (JSON.parse(t) as { got: string }).got)).toEqual(['héllo', 'bytes', 'blob']);
    expect(srv.seen[0]?.headers).toMatchObject({ authorization: 'Bearer k', 'content-length': '6' });
    const get = await f(`${srv.url}/v1/x`, { method: 'GET', headers: {} });
    expect(get.status).toBe(200);
    expect(srv.seen[3]?.headers['content-length']).toBeUndefined();
    expect(srv.connections()).toBe(1); // one kept-alive socket for four sequential calls
  });

  it('rejects on a refused connection and on abort; the SDK turns a refused connection into a retry', async () => {
    const srv = await recordingServer(() => [200, {}, '{}']);
    const url = srv.url;
    await srv.close();
    const f = createNodeFetch();
    cleanups.push(f.close);
    await expect(f(`${url}/v1/x`, { method: 'GET', headers: {} })).rejects.toThrow(/ECONNREFUSED/);
    const slow = http.createServer(() => undefined); // never answers
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => slow.close(() => resolve())));
    slow.on('connection', (socket) => cleanups.unshift(() => socket.destroy()));
    const slowUrl = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
    const abort = new AbortController();
    const pending = f(`${slowUrl}/v1/x`, { method: 'GET', headers: {}, signal: abort.signal });
    abort.abort();
    await expect(pending).rejects.toThrow(/abort/i);
    const attempts: number[] = [];
    const client = createClient({
      baseUrl: url,
      fetch: (u, init) => {
        attempts.push(Date.now());
        return f(u, init);
      },
      retries: 2,
      backoffMs: 1,
      sleep: () => Promise.resolve(),
    });
    await expect(client.getTask({ task_id: 't' })).rejects.toThrow();
    expect(attempts).toHaveLength(3);
  });

  it('refuses protocols other than http and https', async () => {
    const f = createNodeFetch();
    cleanups.push(f.close);
    await expect(f('file:///etc/passwd', { method: 'GET', headers: {} })).rejects.toThrow(
      /unsupported protocol/,
    );
  });
});
