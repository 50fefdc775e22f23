import Fastify, { type FastifyInstance } from 'fastify';
import { Client } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { closeWithDrain, installDrain } from './drain';

/** An app with a route that waits for `release`, and a preClose step of `preCloseMs` after the drain's own. */
async function slowApp(preCloseMs = 0): Promise<{ app: FastifyInstance; url: string; release: () => void }> {
  const app = Fastify({ return503OnClosing: false });
  installDrain(app);
  app.addHook('preClose', () => new Promise<void>((resolve) => setTimeout(resolve, preCloseMs)));
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  app.get('/slow', async () => {
    await gate;
    return { ok: true };
  });
  app.get('/fast', async () => ({ ok: true }));
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url, release };
}

describe('graceful shutdown (Q10)', () => {
  let client: Client | undefined;
  afterEach(async () => client?.destroy());

  // Regression: Fastify's own closing path answered 503 without Retry-After, and `close` waited for slow
  // requests forever (SIGTERM never ended a server with a stalled upload).
  it('lets an in-flight request finish and answers requests arriving while closing 503 + Retry-After', async () => {
    const { app, url, release } = await slowApp(300);
    client = new Client(url);
    const slow = client.request({ method: 'GET', path: '/slow' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closed = closeWithDrain(app, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 50)); // closing has begun; the listener is still open
    const late = await fetch(`${url}/fast`);
    expect(late.status).toBe(503);
    expect(late.headers.get('retry-after')).toBe('1');
    expect(late.headers.get('content-type')).toContain('application/problem+json');
    expect(await late.json()).toMatchObject({ code: 'shutting_down', status: 503 });
    release();
    const finished = await slow;
    expect(finished.statusCode).toBe(200);
    expect(await finished.body.json()).toEqual({ ok: true });
    await closed;
  });

  it('answers a request still running at the drain timeout 503 + Retry-After and closes', async () => {
    const { app, url } = await slowApp();
    client = new Client(url);
    const slow = client.request({ method: 'GET', path: '/slow' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    const closed = closeWithDrain(app, 300);
    const res = await slow;
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(await res.body.json()).toMatchObject({ code: 'shutting_down' });
    await closed;
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
