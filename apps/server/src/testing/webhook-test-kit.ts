import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TEST_ONTOLOGY } from '@tessera/db';
import { createJobRunner, type JobRunner } from '@tessera/jobs';
import { Webhook } from 'standardwebhooks';
import { vi } from 'vitest';
import type { HostResolver, ResolvedAddress } from '../webhooks/ssrf-guard';
import type { TestApp, TestTenant } from './test-app';

/** One request a test receiver saw. */
export interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** The app's (fake) clock when it arrived. */
  readonly at: number;
}

/** How a receiver answers the nth request (0-based): a status and headers, or `hang` (never answers). */
export type Responder = (
  n: number,
  req: Received,
) => { status: number; headers?: Record<string, string> } | 'hang';

export interface Receiver {
  readonly url: string;
  readonly received: Received[];
  /** TCP connections accepted (the canary's count). */
  connections(): number;
  close(): Promise<void>;
}

/** A local HTTP receiver on `host` (127.0.0.1 is the canary, 127.0.0.2 the allowed "public" upstream). */
export async function startReceiver(
  host: string,
  now: () => number,
  respond: Responder = () => ({ status: 200 }),
): Promise<Receiver> {
  const received: Received[] = [];
  let connections = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = {
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: now(),
      };
      const answer = respond(received.length, r);
      received.push(r);
      if (answer === 'hang') return;
      res.writeHead(answer.status, answer.headers ?? {});
      res.end('ok');
    });
  });
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    received,
    connections: () => connections,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Verifies a received delivery with the independent `standardwebhooks` library, as if received at `atMs`. */
export function verifyDelivery(secret: string, r: Pick<Received, 'headers' | 'body'>, atMs: number): unknown {
  const headers = {
    'webhook-id': String(r.headers['webhook-id']),
    'webhook-timestamp': String(r.headers['webhook-timestamp']),
    'webhook-signature': String(r.headers['webhook-signature']),
  };
  vi.useFakeTimers({ toFake: ['Date'], now: atMs });
  try {
    return new Webhook(secret).verify(r.body, headers);
  } finally {
    vi.useRealTimers();
  }
}

/**
 * A resolver answering from a table; a function entry answers per call (DNS rebinding). Unknown names fail
 * like NXDOMAIN. `calls` records every lookup.
 */
export function tableResolver(table: Record<string, string[] | ((call: number) => string[])>) {
  const calls: string[] = [];
  const resolver: HostResolver = {
    async lookup(hostname) {
      calls.push(hostname);
      const entry = table[hostname.toLowerCase()];
      if (entry === undefined)
        throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      const addresses =
        typeof entry === 'function' ? entry(calls.filter((c) => c === hostname).length) : entry;
      return addresses.map(
        (address): ResolvedAddress => ({ address, family: address.includes(':') ? 6 : 4 }),
      );
    },
  };
  return { resolver, calls };
}

/** Fails (throws before the socket opens) on any address outside loopback; records every dial. */
export function tripwire() {
  const dialled: string[] = [];
  const hits: string[] = [];
  return {
    dialled,
    hits,
    beforeConnect(address: string) {
      dialled.push(address);
      if (!/^127\./.test(address) && address !== '::1') {
        hits.push(address);
        throw new Error(`tripwire: refusing to dial ${address}`);
      }
    },
  };
}

/** A runner over the app's job handlers; `drain` runs rounds until nothing is due (bounded). */
export function testRunner(t: TestApp): JobRunner & { drain(): Promise<number> } {
  const runner = createJobRunner({
    queue: t.ctx.jobs,
    handlers: t.ctx.jobHandlers,
    workerId: 'test-worker',
    concurrency: 8,
    leaseMs: 60_000,
    pollMs: 10,
  });
  return {
    ...runner,
    async drain() {
      let total = 0;
      for (let round = 0; round < 50; round++) {
        await t.ctx.webhooks.fanout.run();
        const ran = await runner.runOnce();
        total += ran;
        if (ran === 0) break;
      }
      return total;
    },
  };
}

export type Call = (
  method: 'GET' | 'POST',
  url: string,
  payload?: unknown,
) => Promise<{ status: number; body: Record<string, unknown> }>;

export function caller(t: TestApp, key: string): Call {
  return async (method, url, payload) => {
    const res = await t.app.inject({
      method,
      url,
      payload: payload as Record<string, unknown> | undefined,
      headers: { authorization: `Bearer ${key}` },
    });
    return { status: res.statusCode, body: res.json() as Record<string, unknown> };
  };
}

/** A project `cars` with a published ontology and an annotator who is a member. */
export async function setupProject(t: TestApp, tenant: TestTenant) {
  const call = caller(t, tenant.adminKey);
  await call('POST', '/v1/projects', {
    name: 'cars',
    modality: 'image',
    workflow: { annotations_per_task: 1 },
  });
  await call('POST', '/v1/projects/cars/ontology-versions', { definition: TEST_ONTOLOGY });
  await call('POST', '/v1/projects/cars/ontology-versions/1/publish');
  const annotator = await tenant.user('annotator');
  await call('POST', '/v1/projects/cars/members', { user_id: annotator.userId });
  return { call, annotator };
}

/** Creates a task (optionally with a callback_url), leases it and submits one box: the task completes. */
export async function completeTask(
  t: TestApp,
  setup: Awaited<ReturnType<typeof setupProject>>,
  uniqueId: string,
  callbackUrl?: string,
): Promise<string> {
  const task = await setup.call('POST', '/v1/task/imageannotation', {
    project: 'cars',
    unique_id: uniqueId,
    item: { media_type: 'image', uri: 'https://example.test/1.png', width: 100, height: 100 },
    ...(callbackUrl ? { callback_url: callbackUrl } : {}),
  });
  if (task.status !== 200) throw new Error(`create task: ${JSON.stringify(task.body)}`);
  const asAnnotator = caller(t, setup.annotator.key);
  const lease = await asAnnotator('POST', '/v1/queue/lease', { project: 'cars' });
  const [l] = lease.body.leases as { task: { task_id: string }; token: number }[];
  const annotations = {
    classifications: [],
    objects: [
      {
        id: 'o1',
        class_id: 'car',
        geometry: { type: 'box', x: 1, y: 1, w: 5, h: 5 },
        attributes: { occluded: false },
      },
    ],
    spans: [],
    attributes: {},
  };
  const submitted = await asAnnotator('POST', '/v1/queue/submit', {
    task_id: l?.task.task_id,
    token: l?.token,
    annotations,
  });
  if (submitted.status !== 200) throw new Error(`submit: ${JSON.stringify(submitted.body)}`);
  return String(task.body.task_id);
}
