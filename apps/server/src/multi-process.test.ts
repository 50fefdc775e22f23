import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createClient } from '@tessera/client';
import {
  createSqlStore,
  MIGRATIONS,
  migrate,
  TEST_ONTOLOGY,
  type TestHandle,
  testDatabases,
} from '@tessera/db';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKeyService } from './auth/api-key-service';
import { createContext } from './compose';
import { loadConfig } from './config';
import { scale } from './reliability/scale';
import { finalLeaseAudit, leaseProbe, leaseViolations } from './testing/queue-probes';
import { startSampler } from './testing/sampler';
import { type ServerProcess, spawnServer, stopServer } from './testing/spawn-servers';

const TASKS = scale(3000, 20_000);
const ANNOTATORS = scale(30, 48);
const K = 3;
const SECRET_KEY = 'ab'.repeat(32);
const postgres = testDatabases().filter((d) => d.dialect === 'postgres');

interface Received {
  readonly webhookIds: Map<string, Set<string>>;
  invalid: number;
}

/** A local receiver that verifies every delivery with the independent standardwebhooks package. */
function startReceiver(secret: () => string, received: Received): Promise<{ server: Server; url: string }> {
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      try {
        const payload = new Webhook(secret()).verify(body, req.headers as Record<string, string>) as {
          task_id: string;
        };
        const id = String(req.headers['webhook-id']);
        const set = received.webhookIds.get(payload.task_id) ?? new Set<string>();
        set.add(id);
        received.webhookIds.set(payload.task_id, set);
        res.writeHead(204).end();
      } catch {
        received.invalid += 1;
        res.writeHead(400).end();
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({
        server,
        url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hooks`,
      });
    }),
  );
}

describe.each(postgres)('three serve processes on one PostgreSQL', (db) => {
  let handle: TestHandle;
  let servers: ServerProcess[] = [];
  let receiver: { server: Server; url: string };
  const received: Received = { webhookIds: new Map(), invalid: 0 };
  let secret = '';
  let seeded: { adminKey: string; annotatorKeys: string[] };

  beforeAll(async () => {
    handle = await db.open();
    await migrate(handle.client, MIGRATIONS);
    const config = loadConfig({ env: {} });
    const ctx = await createContext(config, {
      database: { client: handle.client, store: createSqlStore(handle.client), close: async () => undefined },
    });
    const org = await ctx.engine.orgs.createOrganization('multi');
    const keys = createApiKeyService(ctx.apiKeys, ctx.clock, ctx.ids);
    const admin = await keys.create({ orgId: org.id, userId: null, name: 'admin', scopes: ['admin'] });
    const project = await ctx.engine.projects.createProject(org.id, null, {
      name: 'multi',
      modality: 'image',
      workflow: { annotations_per_task: K },
    });
    await ctx.engine.ontologies.publish(
      org.id,
      project.id,
      (await ctx.engine.ontologies.createDraft(org.id, project.id, TEST_ONTOLOGY)).version,
    );
    const annotatorKeys: string[] = [];
    for (let i = 0; i < ANNOTATORS; i++) {
      const u = await ctx.engine.orgs.createUser(org.id, {
        email: `a${i}@multi.test`,
        name: `a${i}`,
        role: 'annotator',
      });
      await ctx.engine.projects.addMember(org.id, project.id, u.id);
      annotatorKeys.push(
        (await keys.create({ orgId: org.id, userId: u.id, name: `a${i}`, scopes: ['annotate'] })).key,
      );
    }
    for (let i = 0; i < TASKS; i += 500) {
      const inputs = Array.from({ length: Math.min(500, TASKS - i) }, () => ({
        type: 'imageannotation',
        item: { media_type: 'image', width: 100, height: 100 },
      }));
      await ctx.engine.tasks.createTasks(org.id, project.id, inputs);
    }
    seeded = { adminKey: admin.key, annotatorKeys };
    receiver = await startReceiver(() => secret, received);
    const env = {
      DATABASE_URL: handle.location.pgUrl as string,
      TESSERA_PG_SCHEMA: handle.location.pgSchema as string,
      TESSERA_SSRF_ALLOWLIST: '127.0.0.1',
      TESSERA_SECRET_KEY: SECRET_KEY,
      TESSERA_RATE_PER_SECOND: '100000',
      TESSERA_RATE_BURST: '100000',
    };
    servers = await Promise.all([0, 1, 2].map(() => spawnServer(env)));
  }, 180_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => stopServer(s)));
    receiver?.server.close();
    await handle?.dispose();
  });

  it(
    `${ANNOTATORS} annotators through the SDK, ${TASKS} tasks, consensus ${K}: no double lease, nothing lost, one completion webhook per task`,
    async () => {
      const admin = createClient({ baseUrl: servers[0]!.url, apiKey: seeded.adminKey });
      const endpoint = await admin.createWebhook({ url: receiver.url, event_types: ['task.completed'] });
      secret = endpoint.secret;
      // Q4 invariants sampled while the annotators run: never over k live leases, never held twice.
      const sampler = startSampler(leaseProbe(handle.client), 250);
      const leasedTwice: string[] = [];
      await Promise.all(
        seeded.annotatorKeys.map(async (key, i) => {
          const client = createClient({ baseUrl: servers[i % 3]!.url, apiKey: key });
          const seen = new Set<string>();
          for (;;) {
            const { leases } = await client.leaseTasks({ project: 'multi', count: 2 });
            if (leases.length === 0) return;
            for (const l of leases) {
              if (seen.has(l.task.task_id)) leasedTwice.push(l.task.task_id);
              seen.add(l.task.task_id);
              await client.submitAnnotation({
                task_id: l.task.task_id,
                token: l.token,
                annotations: {
                  classifications: [{ class_id: 'truck', attributes: {} }],
                  objects: [],
                  spans: [],
                  attributes: {},
                },
              });
            }
          }
        }),
      );
      expect(leaseViolations(await sampler.stop(), K)).toEqual([]);
      expect(leasedTwice).toEqual([]);
      expect(await finalLeaseAudit(handle.client, K)).toEqual({
        tasks: TASKS,
        badTokens: [],
        wrongCount: [],
        repeatedAnnotator: [],
      });
      const perTask = await handle.client.all<{ n: number; d: number }>(
        'SELECT COUNT(*) AS n, COUNT(DISTINCT annotator_id) AS d FROM assignments GROUP BY task_id',
      );
      expect(perTask).toHaveLength(TASKS);
      expect(perTask.filter((r) => Number(r.n) !== K || Number(r.d) !== K)).toEqual([]);
      const [counts] = await handle.client.all<{ done: number; ann: number }>(
        "SELECT (SELECT COUNT(*) FROM tasks WHERE status = 'completed') AS done, (SELECT COUNT(*) FROM annotations) AS ann",
      );
      expect([Number(counts?.done), Number(counts?.ann)]).toEqual([TASKS, TASKS * K]);
      const deadline = Date.now() + scale(120_000, 600_000);
      while (received.webhookIds.size < TASKS && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 250));
      expect(received.invalid).toBe(0);
      expect(received.webhookIds.size).toBe(TASKS);
      expect([...received.webhookIds.values()].filter((ids) => ids.size !== 1)).toEqual([]);
    },
    scale(300_000, 1_800_000),
  );
});
