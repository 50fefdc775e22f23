import { testDatabases } from '@tessera/db';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, type ServerConfig } from '../config';
import { createTestApp, type TestApp } from '../testing/test-app';
import {
  completeTask,
  type Receiver,
  type Responder,
  setupProject,
  startReceiver,
  tableResolver,
  testRunner,
  tripwire,
  verifyDelivery,
} from '../testing/webhook-test-kit';
import { retryDelayCap } from './retry-policy';

type Doc = Record<string, unknown>;

describe.each(testDatabases())('webhook delivery on $dialect', (db) => {
  let t: TestApp;
  const receivers: Receiver[] = [];
  afterEach(async () => {
    for (const r of receivers.splice(0)) await r.close();
    await t?.dispose();
  });

  async function start(respond?: Responder, webhooks: Partial<ServerConfig['webhooks']> = {}) {
    const wire = tripwire();
    const dns = tableResolver({});
    const base = loadConfig({ env: {} }).webhooks;
    t = await createTestApp(
      db,
      { ssrfAllowlist: ['127.0.0.2'], webhooks: { ...base, ...webhooks } },
      { webhookNet: { resolver: dns.resolver, beforeConnect: wire.beforeConnect } },
    );
    const receiver = await startReceiver('127.0.0.2', () => t.clock.now(), respond);
    receivers.push(receiver);
    const acme = await t.tenant();
    const setup = await setupProject(t, acme);
    return { receiver, setup, call: setup.call, runner: testRunner(t), wire };
  }

  async function endpoint(
    call: Awaited<ReturnType<typeof start>>['call'],
    url: string,
    types = ['task.completed'],
  ) {
    const res = await call('POST', '/v1/webhooks', { url, event_types: types, description: 'test' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return { id: String(res.body.endpoint_id), secret: String(res.body.secret) };
  }

  async function deliveries(call: Awaited<ReturnType<typeof start>>['call'], path: string): Promise<Doc[]> {
    const res = await call('GET', path);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.docs as Doc[];
  }

  it('sends task.completed with the full task to the endpoint and the callback_url, signed and verifiable', async () => {
    const { receiver, setup, call, runner, wire } = await start();
    const ep = await endpoint(call, `${receiver.url}/hooks`);
    const callbackSecret = String((await call('POST', '/v1/webhooks/callback/rotate-secret')).body.secret);
    const taskId = await completeTask(t, setup, 'img-1', `${receiver.url}/callback?x=1`);
    await runner.drain();
    expect(receiver.received.map((r) => r.path).sort()).toEqual(['/callback?x=1', '/hooks']);
    const [first, second] = receiver.received;
    expect(first?.headers['webhook-id']).toBe(second?.headers['webhook-id']);
    const got = (await call('GET', `/v1/task/${taskId}`)).body;
    expect(got.callback_succeeded).toBe(true);
    for (const r of receiver.received) {
      const secret = r.path === '/hooks' ? ep.secret : callbackSecret;
      const verified = verifyDelivery(secret, r, r.at) as Doc;
      expect(verified).toMatchObject({ type: 'task.completed', task_id: taskId, response: got.response });
      expect(verified.task).toEqual({ ...got, callback_succeeded: null });
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['user-agent']).toBe('Tessera-Webhooks/1');
      expect(r.headers['webhook-timestamp']).toBe(String(Math.floor(r.at / 1000)));
      expect(r.headers['webhook-id']).toMatch(/^msg_evt_/);
      expect(() => verifyDelivery(secret, r, r.at + 301_000)).toThrow();
    }
    const log = await deliveries(call, `/v1/webhooks/${ep.id}/deliveries`);
    expect(log).toMatchObject([
      { status: 'succeeded', attempts: 1, last_status: 200, event_type: 'task.completed' },
    ]);
    const callbacks = await deliveries(call, `/v1/webhooks/callback/deliveries?task_id=${taskId}`);
    expect(callbacks).toMatchObject([{ status: 'succeeded', endpoint_id: null, task_id: taskId }]);
    expect(await runner.drain()).toBe(0);
    expect(receiver.received).toHaveLength(2);
    expect(wire.hits).toEqual([]);
    const metric = await t.ctx.metrics.webhookDeliveries.get();
    expect(metric.values.find((v) => v.labels.outcome === 'succeeded')?.value).toBe(2);
  });

  it('retries 500, 500, 500 and delivers on attempt 4, each delay inside the jittered schedule', async () => {
    const { receiver, setup, call, runner } = await start((n) => ({ status: n < 3 ? 500 : 200 }));
    const ep = await endpoint(call, `${receiver.url}/hooks`);
    await completeTask(t, setup, 'img-1');
    await t.ctx.webhooks.fanout.run();
    expect(await runner.runOnce()).toBe(1);
    for (let attempt = 1; attempt < 4; attempt++) {
      const [d] = await deliveries(call, `/v1/webhooks/${ep.id}/deliveries`);
      expect(d).toMatchObject({
        status: 'failed',
        attempts: attempt,
        last_status: 500,
        last_error: 'HTTP 500',
      });
      const delay = Date.parse(String(d?.next_attempt_at)) - (receiver.received.at(-1)?.at ?? 0);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(retryDelayCap(attempt, t.ctx.config.webhooks));
      if (delay > 0) expect(await runner.runOnce()).toBe(0); // not due yet
      t.clock.set(Date.parse(String(d?.next_attempt_at)));
      expect(await runner.runOnce()).toBe(1);
    }
    const [done] = await deliveries(call, `/v1/webhooks/${ep.id}/deliveries`);
    expect(done).toMatchObject({ status: 'succeeded', attempts: 4, last_status: 200, next_attempt_at: null });
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    for (const r of receiver.received) expect(verifyDelivery(ep.secret, r, r.at)).toBeTruthy();
    expect((await call('GET', `/v1/webhooks/${ep.id}`)).body).toMatchObject({ consecutive_failures: 0 });
  });

  it('disables the endpoint on 410; later events are not sent to it and replay needs it enabled', async () => {
    const { receiver, setup, call, runner } = await start(() => ({ status: 410 }));
    const ep = await endpoint(call, `${receiver.url}/hooks`);
    await completeTask(t, setup, 'img-1');
    await runner.drain();
    expect((await call('GET', `/v1/webhooks/${ep.id}`)).body).toMatchObject({
      status: 'disabled',
      disabled_reason: 'http_410',
    });
    const [d] = await deliveries(call, `/v1/webhooks/${ep.id}/deliveries`);
    expect(d).toMatchObject({ status: 'dead', attempts: 1, last_status: 410 });
    await completeTask(t, setup, 'img-2');
    await runner.drain();
    expect(receiver.received).toHaveLength(1);
    const replay = await call('POST', `/v1/webhooks/deliveries/${String(d?.delivery_id)}/replay`);
    expect(replay).toMatchObject({ status: 409, body: { code: 'webhook_disabled' } });
    expect((await call('POST', `/v1/webhooks/${ep.id}/enable`)).body).toMatchObject({ status: 'active' });
  });

  it('records a redirect as a failure and never follows it', async () => {
    const canary = await startReceiver('127.0.0.1', () => t.clock.now());
    receivers.push(canary);
    const { receiver, setup, call, runner } = await start(() => ({
      status: 302,
      headers: { location: `${canary.url}/steal` },
    }));
    const ep = await endpoint(call, `${receiver.url}/hooks`);
    await completeTask(t, setup, 'img-1');
    await runner.drain();
    const [d] = await deliveries(call, `/v1/webhooks/${ep.id}/deliveries`);
    expect(d).toMatchObject({ status: 'failed', attempts: 1, last_status: 302, last_error: 'HTTP 302' });
    expect(canary.connections()).toBe(0);
    expect(receiver.received).toHaveLength(1);
  });

  it('sets callback_succeeded = false after the last failed attempt', async () => {
    const { receiver, setup, call, runner } = await start(() => ({ status: 503 }), { maxAttempts: 3 });
    const taskId = await completeTask(t, setup, 'img-1', `${receiver.url}/callback`);
    await runner.drain();
    for (let i = 0; i < 5; i++) {
      const [d] = await deliveries(call, `/v1/webhooks/callback/deliveries?task_id=${taskId}`);
      if (d?.status !== 'failed') break;
      expect((await call('GET', `/v1/task/${taskId}`)).body.callback_succeeded).toBeNull();
      t.clock.set(Date.parse(String(d.next_attempt_at)));
      await runner.drain();
    }
    const dead = await deliveries(call, '/v1/webhooks/callback/deliveries?status=dead');
    expect(dead).toMatchObject([{ status: 'dead', attempts: 3, last_status: 503, task_id: taskId }]);
    expect(receiver.received).toHaveLength(3);
    expect((await call('GET', `/v1/task/${taskId}`)).body.callback_succeeded).toBe(false);
  });

  it('honours Retry-After and holds back the throttled endpoint', async () => {
    const { receiver, setup, call, runner } = await start((n) =>
      n === 0 ? { status: 429, headers: { 'retry-after': '600' } } : { status: 200 },
    );
    const ep = await endpoint(call, `${receiver.url}/hooks`);
    await completeTask(t, setup, 'img-1');
    await runner.drain();
    const throttledAt = t.clock.now();
    await completeTask(t, setup, 'img-2');
    await runner.drain();
    expect(receiver.received).toHaveLength(1); // the second delivery waits for the endpoint too
    const log = await deliveries(call, `/v1/webhooks/${ep.id}/deliveries`);
    for (const d of log)
      expect(Date.parse(String(d.next_attempt_at))).toBeGreaterThanOrEqual(throttledAt + 600_000);
    t.clock.advance(599_000);
    expect(await runner.drain()).toBe(0);
    t.clock.advance(1_000);
    await runner.drain();
    expect(receiver.received).toHaveLength(3);
    expect((await deliveries(call, `/v1/webhooks/${ep.id}/deliveries`)).map((d) => d.status)).toEqual([
      'succeeded',
      'succeeded',
    ]);
  });

  it('cuts a hanging receiver at the timeout while another endpoint keeps flowing', async () => {
    const { receiver: slow, setup, call, runner } = await start(() => 'hang', { timeoutMs: 400 });
    const fast = await startReceiver('127.0.0.2', () => t.clock.now());
    receivers.push(fast);
    const slowEp = await endpoint(call, `${slow.url}/slow`);
    const fastEp = await endpoint(call, `${fast.url}/fast`);
    await completeTask(t, setup, 'img-1');
    const started = Date.now();
    await runner.drain();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(fast.received).toHaveLength(1);
    const [s] = await deliveries(call, `/v1/webhooks/${slowEp.id}/deliveries`);
    expect(s).toMatchObject({ status: 'failed', attempts: 1, last_status: null });
    expect(String(s?.last_error)).toMatch(/timeout/);
    expect((await deliveries(call, `/v1/webhooks/${fastEp.id}/deliveries`))[0]).toMatchObject({
      status: 'succeeded',
    });
  });
});
