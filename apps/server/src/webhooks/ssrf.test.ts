import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testDatabases } from '@tessera/db';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';
import {
  completeTask,
  type Receiver,
  setupProject,
  startReceiver,
  tableResolver,
  testRunner,
  tripwire,
} from '../testing/webhook-test-kit';

/** S1–S3 of reliability-tests.md: everything on loopback; 127.0.0.2 plays the allowed public upstream. */
describe.each(testDatabases())('SSRF guard end to end on $dialect', (db) => {
  let t: TestApp;
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    await t?.dispose();
  });

  async function start(table: Parameters<typeof tableResolver>[0] = {}) {
    const wire = tripwire();
    const dns = tableResolver(table);
    t = await createTestApp(
      db,
      { ssrfAllowlist: ['127.0.0.2'] },
      { webhookNet: { resolver: dns.resolver, beforeConnect: wire.beforeConnect } },
    );
    const canary = await startReceiver('127.0.0.1', () => t.clock.now());
    closers.push(() => canary.close());
    const setup = await setupProject(t, await t.tenant());
    return { wire, dns, canary, setup, call: setup.call, runner: testRunner(t) };
  }

  const upstream = async (respond?: Parameters<typeof startReceiver>[2]): Promise<Receiver> => {
    const r = await startReceiver('127.0.0.2', () => t.clock.now(), respond);
    closers.push(() => r.close());
    return r;
  };

  it('S1: refuses every private, loopback or odd address form and scheme, at registration and task creation', async () => {
    const { wire, canary, call } = await start({
      'canary.test': ['127.0.0.1'],
      localhost: ['127.0.0.1', '::1'],
    });
    const port = new URL(canary.url).port;
    const table = [
      `http://127.0.0.1:${port}/`,
      `http://localhost:${port}/`,
      `http://[::1]:${port}/`,
      `http://0.0.0.0:${port}/`,
      `http://127.1:${port}/`,
      `http://2130706433:${port}/`,
      `http://0177.0.0.1:${port}/`,
      `http://0x7f000001:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      `http://canary.test:${port}/`,
      `https://canary.test:${port}/`,
      'file:///etc/passwd',
      `gopher://127.0.0.1:${port}/_x`,
      `ftp://127.0.0.1:${port}/`,
      'data:text/plain,hi',
    ];
    for (const url of table) {
      const endpoint = await call('POST', '/v1/webhooks', { url, event_types: ['task.completed'] });
      expect(endpoint, url).toMatchObject({ status: 400, body: { code: 'ssrf_blocked' } });
      const task = await call('POST', '/v1/tasks', {
        type: 'imageannotation',
        project: 'cars',
        callback_url: url,
      });
      expect(task, url).toMatchObject({ status: 400, body: { code: 'ssrf_blocked' } });
      const batch = await call('POST', '/v1/batches', { project: 'cars', name: 'b1', callback_url: url });
      expect(batch, url).toMatchObject({ status: 400, body: { code: 'ssrf_blocked' } });
    }
    expect((await call('GET', '/v1/webhooks')).body.docs).toEqual([]);
    expect((await call('GET', '/v1/tasks?project=cars')).body.docs).toEqual([]);
    expect(canary.connections()).toBe(0);
    expect(wire.dialled).toEqual([]);
    expect(wire.hits).toEqual([]);
  });

  it('S1: a callback URL stored unchecked is still refused at delivery, without a connection', async () => {
    const { wire, canary, setup, call, runner } = await start();
    const taskId = await completeTask(t, setup, 'img-1', 'https://example.invalid/hook');
    // as if stored before the guard existed (or by a path that skipped it): fan-out reads it from the task
    await t.ctx.db.client.run('UPDATE tasks SET callback_url = ? WHERE id = ?', [`${canary.url}/x`, taskId]);
    await runner.drain();
    const [d] = (await call('GET', '/v1/webhooks/callback/deliveries')).body.docs as Record<
      string,
      unknown
    >[];
    expect(d).toMatchObject({ status: 'failed', attempts: 1, last_status: null });
    expect(String(d?.last_error)).toMatch(/^ssrf_blocked/);
    expect(canary.connections()).toBe(0);
    expect(wire.hits).toEqual([]);
  });

  it('S2: DNS rebinding is caught by the connect-time lookup', async () => {
    const allowed = await upstream();
    const port = new URL(allowed.url).port;
    const ctx = await start({
      // validation sees the allowed upstream; every later lookup (connect time) answers the canary
      'rebind.test': (call) => (call === 1 ? ['127.0.0.2'] : ['127.0.0.1']),
      'stable.test': ['127.0.0.2'],
    });
    const canaryPort = new URL(ctx.canary.url).port;
    const rebind = await ctx.call('POST', '/v1/webhooks', {
      url: `http://rebind.test:${canaryPort}/hook`,
      event_types: ['task.completed'],
    });
    expect(rebind.status).toBe(201);
    const stable = await ctx.call('POST', '/v1/webhooks', {
      url: `http://stable.test:${port}/hook`,
      event_types: ['task.completed'],
    });
    expect(stable.status).toBe(201);
    await completeTask(t, ctx.setup, 'img-1');
    await ctx.runner.drain();
    const log = async (id: unknown) =>
      (
        (await ctx.call('GET', `/v1/webhooks/${String(id)}/deliveries`)).body.docs as Record<
          string,
          unknown
        >[]
      )[0];
    const blocked = await log(rebind.body.endpoint_id);
    expect(blocked).toMatchObject({ status: 'failed', last_status: null });
    expect(String(blocked?.last_error)).toMatch(/^ssrf_blocked/);
    expect(await log(stable.body.endpoint_id)).toMatchObject({ status: 'succeeded', last_status: 200 });
    expect(allowed.received).toHaveLength(1);
    expect(ctx.dns.calls.filter((c) => c === 'rebind.test').length).toBeGreaterThanOrEqual(2);
    expect(ctx.canary.connections()).toBe(0);
    expect(ctx.wire.hits).toEqual([]);
  });

  it('S3: a redirect to the canary is not followed; a self-redirect loop costs one request per attempt', async () => {
    const { canary, setup, call, runner } = await start();
    const toCanary = await upstream(() => ({ status: 307, headers: { location: `${canary.url}/x` } }));
    const loop = await upstream(() => ({ status: 301, headers: { location: '/again' } }));
    for (const r of [toCanary, loop]) {
      expect(
        (await call('POST', '/v1/webhooks', { url: `${r.url}/hook`, event_types: ['task.completed'] }))
          .status,
      ).toBe(201);
    }
    await completeTask(t, setup, 'img-1');
    await runner.drain();
    expect(toCanary.received).toHaveLength(1);
    expect(loop.received).toHaveLength(1);
    expect(canary.connections()).toBe(0);
  });

  it('S3: a huge response body is cut off instead of read to the end', async () => {
    const { setup, call, runner } = await start();
    let written = 0;
    const big = createServer((_req, res) => {
      res.writeHead(500, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(1024 * 1024, 120);
      const pump = () => {
        while (written < 60 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    await new Promise<void>((resolve) => big.listen(0, '127.0.0.2', resolve));
    closers.push(async () => {
      big.closeAllConnections();
      await new Promise<void>((resolve) => big.close(() => resolve()));
    });
    const url = `http://127.0.0.2:${(big.address() as AddressInfo).port}/hook`;
    const ep = await call('POST', '/v1/webhooks', { url, event_types: ['task.completed'] });
    await completeTask(t, setup, 'img-1');
    await runner.drain();
    const [d] = (await call('GET', `/v1/webhooks/${String(ep.body.endpoint_id)}/deliveries`)).body
      .docs as Record<string, unknown>[];
    expect(d).toMatchObject({ status: 'failed', last_status: 500 });
    expect(written).toBeLessThan(50 * 1024 * 1024);
  });
});
