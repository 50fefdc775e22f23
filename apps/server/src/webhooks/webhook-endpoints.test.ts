import { Writable } from 'node:stream';
import { testDatabases } from '@tessera/db';
import { createJobRunner } from '@tessera/jobs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { REDACT } from '../server';
import { createTestApp, type TestApp } from '../testing/test-app';
import {
  caller,
  completeTask,
  type Receiver,
  setupProject,
  startReceiver,
  tableResolver,
  testRunner,
  verifyDelivery,
} from '../testing/webhook-test-kit';

type Doc = Record<string, unknown>;

describe.each(testDatabases())('webhook endpoints API on $dialect', (db) => {
  let t: TestApp;
  let receiver: Receiver | undefined;
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
    await t?.dispose();
  });

  async function start() {
    const dns = tableResolver({ 'hooks.example': ['93.184.215.14'] });
    t = await createTestApp(db, { ssrfAllowlist: ['127.0.0.2'] }, { webhookNet: { resolver: dns.resolver } });
    receiver = await startReceiver('127.0.0.2', () => t.clock.now());
    const acme = await t.tenant('Acme');
    const setup = await setupProject(t, acme);
    return { acme, setup, call: setup.call, runner: testRunner(t), url: `${receiver.url}/hooks` };
  }

  it('creates, lists, pages, reads and validates endpoints; the secret is shown once', async () => {
    const { call, url } = await start();
    const created = await call('POST', '/v1/webhooks', {
      url,
      event_types: ['task.completed', 'task.canceled'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      url: `${url}`,
      status: 'active',
      description: '',
      consecutive_failures: 0,
    });
    expect(String(created.body.secret)).toMatch(/^whsec_/);
    const id = String(created.body.endpoint_id);
    const got = await call('GET', `/v1/webhooks/${id}`);
    expect(got.body).toEqual({ ...created.body, secret: undefined, updated_at: got.body.updated_at });
    expect(JSON.stringify(got.body)).not.toContain('whsec_');
    for (let i = 0; i < 2; i++) {
      await call('POST', '/v1/webhooks', { url: 'https://hooks.example/x', event_types: ['task.completed'] });
    }
    const first = await call('GET', '/v1/webhooks?limit=2');
    expect(first.body).toMatchObject({ limit: 2, has_more: true });
    const rest = await call('GET', `/v1/webhooks?limit=2&next_token=${String(first.body.next_token)}`);
    expect(rest.body).toMatchObject({ has_more: false, next_token: null });
    const ids = [...(first.body.docs as Doc[]), ...(rest.body.docs as Doc[])].map((d) => d.endpoint_id);
    expect(new Set(ids).size).toBe(3);
    expect(JSON.stringify([first.body, rest.body])).not.toContain('whsec_');
    const bad = [
      { url, event_types: ['task.leased'] },
      { url, event_types: [] },
      { event_types: ['task.completed'] },
      { url, event_types: ['task.completed'], secret: 'mine' },
    ];
    for (const body of bad) expect((await call('POST', '/v1/webhooks', body)).status).toBe(400);
    const unresolvable = await call('POST', '/v1/webhooks', {
      url: 'https://nowhere.example/',
      event_types: ['task.completed'],
    });
    expect(unresolvable).toMatchObject({ status: 400, body: { code: 'url_unresolvable' } });
  });

  it('needs webhooks:write, and every object of another organization is a 404', async () => {
    const { acme, setup, call, runner, url } = await start();
    const ep = await call('POST', '/v1/webhooks', { url, event_types: ['task.completed'] });
    const id = String(ep.body.endpoint_id);
    await completeTask(t, setup, 'img-1', `${url}/cb`);
    await runner.drain();
    const [delivery] = (await call('GET', `/v1/webhooks/${id}/deliveries`)).body.docs as Doc[];
    expect((await t.app.inject({ method: 'GET', url: '/v1/webhooks' })).statusCode).toBe(401);
    const reviewer = caller(t, (await acme.user('reviewer')).key);
    expect((await reviewer('GET', '/v1/webhooks')).status).toBe(403);
    const hooksOnly = caller(t, (await acme.user('manager', ['webhooks:write'])).key);
    expect((await hooksOnly('GET', `/v1/webhooks/${id}`)).status).toBe(200);
    const other = await t.tenant('Other');
    const b = caller(t, other.adminKey);
    const deliveryId = String(delivery?.delivery_id);
    const probes: ['GET' | 'POST', string][] = [
      ['GET', `/v1/webhooks/${id}`],
      ['POST', `/v1/webhooks/${id}/disable`],
      ['POST', `/v1/webhooks/${id}/enable`],
      ['POST', `/v1/webhooks/${id}/rotate-secret`],
      ['GET', `/v1/webhooks/${id}/deliveries`],
      ['POST', `/v1/webhooks/deliveries/${deliveryId}/replay`],
    ];
    for (const [method, path] of probes) expect((await b(method, path)).status, path).toBe(404);
    expect((await b('GET', '/v1/webhooks')).body.docs).toEqual([]);
    expect((await b('GET', '/v1/webhooks/callback/deliveries')).body.docs).toEqual([]);
    expect((await call('GET', '/v1/webhooks/callback/deliveries')).body.docs).toHaveLength(1);
    expect((await call('GET', `/v1/webhooks/${id}`)).body).toMatchObject({ status: 'active' });
  });

  it('replays from the log with the same webhook-id; a delivery to a disabled endpoint ends unsent', async () => {
    const { setup, call, runner, url } = await start();
    const ep = await call('POST', '/v1/webhooks', { url, event_types: ['task.completed'] });
    const id = String(ep.body.endpoint_id);
    await completeTask(t, setup, 'img-1');
    await runner.drain();
    const [sent] = (await call('GET', `/v1/webhooks/${id}/deliveries`)).body.docs as Doc[];
    t.clock.advance(3_600_000);
    const replay = await call('POST', `/v1/webhooks/deliveries/${String(sent?.delivery_id)}/replay`);
    expect(replay.body).toMatchObject({ status: 'pending', attempts: 0, message_id: sent?.message_id });
    await runner.drain();
    const [a, b] = receiver?.received ?? [];
    expect(b?.headers['webhook-id']).toBe(a?.headers['webhook-id']);
    expect(Number(b?.headers['webhook-timestamp']) - Number(a?.headers['webhook-timestamp'])).toBe(3_600);
    expect(
      verifyDelivery(String(ep.body.secret), b as Receiver['received'][number], t.clock.now()),
    ).toBeTruthy();

    await completeTask(t, setup, 'img-2');
    await t.ctx.webhooks.fanout.run(); // delivery created while the endpoint is active …
    expect((await call('POST', `/v1/webhooks/${id}/disable`)).body).toMatchObject({
      status: 'disabled',
      disabled_reason: 'manual',
    });
    await runner.drain(); // … and ends without an attempt once it is disabled
    const dead = (await call('GET', `/v1/webhooks/${id}/deliveries?status=dead`)).body.docs as Doc[];
    expect(dead).toMatchObject([{ attempts: 0, last_error: 'endpoint disabled' }]);
    expect(receiver?.received).toHaveLength(2);
    await call('POST', `/v1/webhooks/${id}/enable`);
    await call('POST', `/v1/webhooks/deliveries/${String(dead[0]?.delivery_id)}/replay`);
    await runner.drain();
    expect(receiver?.received).toHaveLength(3);
  });

  it('signs with old and new secrets during a rotation, and only the new one after it', async () => {
    const { setup, call, runner, url } = await start();
    const ep = await call('POST', '/v1/webhooks', { url, event_types: ['task.completed'] });
    const id = String(ep.body.endpoint_id);
    const rotated = await call('POST', `/v1/webhooks/${id}/rotate-secret`);
    expect(rotated.body.secret).not.toBe(ep.body.secret);
    expect(rotated.body.previous_secret_expires_at).toBe(new Date(t.clock.now() + 86_400_000).toISOString());
    await completeTask(t, setup, 'img-1');
    await runner.drain();
    const first = receiver?.received[0] as Receiver['received'][number];
    expect(String(first.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const s of [ep.body.secret, rotated.body.secret])
      expect(verifyDelivery(String(s), first, first.at)).toBeTruthy();
    t.clock.advance(86_400_001);
    await completeTask(t, setup, 'img-2');
    await runner.drain();
    const second = receiver?.received[1] as Receiver['received'][number];
    expect(String(second.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(() => verifyDelivery(String(ep.body.secret), second, second.at)).toThrow();
    expect(verifyDelivery(String(rotated.body.secret), second, second.at)).toBeTruthy();
  });

  it('keeps secrets out of logs, later responses and the database', async () => {
    const { acme, setup, url } = await start();
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logged = await buildApp(t.ctx, { logger: { level: 'trace', redact: REDACT, stream } });
    const headers = { authorization: `Bearer ${acme.adminKey}` };
    const inject = async (method: 'GET' | 'POST', path: string, payload?: Doc) =>
      (await logged.inject({ method, url: path, payload, headers })).json() as Doc;
    const created = await inject('POST', '/v1/webhooks', { url, event_types: ['task.completed'] });
    const rotated = await inject('POST', `/v1/webhooks/${String(created.endpoint_id)}/rotate-secret`);
    const callback = await inject('POST', '/v1/webhooks/callback/rotate-secret');
    const later = [
      await inject('GET', '/v1/webhooks'),
      await inject('GET', `/v1/webhooks/${String(created.endpoint_id)}`),
    ];
    const secrets = [created.secret, rotated.secret, callback.secret].map(String);
    const runnerLog: string[] = [];
    const log = (f: Record<string, unknown>, m: string) => runnerLog.push(JSON.stringify({ ...f, m }));
    const runner = createJobRunner({
      queue: t.ctx.jobs,
      handlers: t.ctx.jobHandlers,
      workerId: 'logged',
      concurrency: 4,
      leaseMs: 60_000,
      pollMs: 10,
      logger: { warn: log, error: log },
    });
    await completeTask(t, setup, 'img-1', `${url}/cb`);
    await t.ctx.webhooks.fanout.run();
    expect(await runner.runOnce()).toBe(2);
    expect(receiver?.received).toHaveLength(2);
    await logged.close();
    const stored = JSON.stringify(await t.ctx.db.client.all('SELECT * FROM webhook_endpoints'));
    const storedCallback = JSON.stringify(
      await t.ctx.db.client.all('SELECT * FROM webhook_callback_secrets'),
    );
    expect(lines.length).toBeGreaterThan(4);
    for (const secret of secrets) {
      for (const needle of [secret, secret.slice(6)]) {
        expect(lines.join('\n')).not.toContain(needle);
        expect(runnerLog.join('\n')).not.toContain(needle);
        expect(JSON.stringify(later)).not.toContain(needle);
        expect(stored + storedCallback).not.toContain(needle);
      }
    }
  });

  it('documents the webhook routes in the OpenAPI document', async () => {
    await start();
    const doc = (await t.app.inject({ method: 'GET', url: '/v1/openapi.json' })).json() as { paths: Doc };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/webhooks',
        '/v1/webhooks/{endpoint_id}',
        '/v1/webhooks/{endpoint_id}/deliveries',
        '/v1/webhooks/deliveries/{delivery_id}/replay',
      ]),
    );
  });
});
