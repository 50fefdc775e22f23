import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_ONTOLOGY, type TestDatabase } from '@tessera/db';
import { createTestApp, type TestApp, type TestTenant } from '../testing/test-app';
import type { ResolvedAddress } from '../webhooks/ssrf-guard';

/**
 * The seeded organization every fuzz request is sent as: an admin key bound to a user who is a member of the
 * projects, so requests pass authentication and reach the engine; and objects of every kind, so bodies that
 * name them reach the code behind the lookups.
 */
export interface FuzzWorld {
  readonly t: TestApp;
  readonly tenant: TestTenant;
  /** The key every fuzz request carries (admin scope, bound to the admin user). */
  readonly key: string;
  /** Values of existing objects by field name, for the schema generator (`task_id`, `token`, `project` …). */
  hints(): Readonly<Record<string, readonly unknown[]>>;
  /** A fresh project with a published ontology, a draft, a batch, queued and leased tasks and one in review. */
  refresh(): Promise<void>;
  dispose(): Promise<void>;
}

/** Names the fuzzed webhook URLs may use: one public address and one private; every other name fails. */
const HOSTS: Readonly<Record<string, string>> = {
  'hooks.fuzz.test': '93.184.215.14',
  'internal.fuzz.test': '10.0.0.7',
};

const box = (x: number) => ({
  id: `o${x}`,
  class_id: 'car',
  geometry: { type: 'box', x, y: 1, w: 5, h: 5 },
  attributes: { occluded: false },
});
const PAYLOAD = { classifications: [], objects: [box(1)], spans: [], attributes: {} };
const ITEM = { media_type: 'image', uri: 'https://hooks.fuzz.test/a.png', width: 64, height: 48 };

type Json = Record<string, unknown>;

/** Seeds the world on `db` (a fresh database) through the API, as a customer would. */
export async function createFuzzWorld(db: TestDatabase): Promise<FuzzWorld> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-f4-'));
  const resolver = {
    async lookup(hostname: string): Promise<readonly ResolvedAddress[]> {
      const address = HOSTS[hostname];
      if (address === undefined)
        throw Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      return [{ address, family: 4 }];
    },
  };
  const t = await createTestApp(
    db,
    { dataDir, rateLimit: { perSecond: 1_000_000, burst: 1_000_000 } },
    {
      webhookNet: {
        resolver,
        beforeConnect: () => {
          throw new Error('f4: no webhook may be delivered during fuzzing');
        },
      },
    },
  );
  const tenant = await t.tenant('Fuzz');
  const key = tenant.adminKey;
  const call = async (method: 'POST' | 'PATCH', url: string, payload: Json = {}): Promise<Json> => {
    const res = await t.app.inject({ method, url, headers: { authorization: `Bearer ${key}` }, payload });
    if (res.statusCode >= 300) throw new Error(`f4 seed: ${method} ${url} → ${res.statusCode} ${res.body}`);
    return res.json() as Json;
  };
  const annotator = await tenant.user('annotator');
  const spareKey = await call('POST', '/v1/keys', { name: 'spare', scopes: ['tasks:read'] });
  const hook = await call('POST', '/v1/webhooks', {
    url: 'https://hooks.fuzz.test/hook',
    event_types: ['task.canceled'],
  });
  const hints: Record<string, unknown[]> = {
    user_id: [annotator.userId, tenant.adminUserId],
    key_id: [spareKey.key_id],
    endpoint_id: [hook.endpoint_id],
    delivery_id: [],
    class_id: TEST_ONTOLOGY.classes.map((c) => c.id),
    type: ['imageannotation', 'textannotation'],
    definition: [TEST_ONTOLOGY],
    annotations: [PAYLOAD],
    expected_response: [PAYLOAD],
    item: [ITEM],
    url: [
      'https://hooks.fuzz.test/x',
      'https://93.184.215.14/y',
      'http://127.0.0.1/',
      'https://internal.fuzz.test/',
    ],
    callback_url: ['https://hooks.fuzz.test/cb', 'http://169.254.169.254/latest'],
    email: [`admin@${tenant.orgId}.test`, 'nobody@fuzz.test'],
    org_id: [tenant.orgId],
    from: [1, 2],
  };
  let round = 0;

  async function refresh(): Promise<void> {
    round++;
    const name = `fuzz-${round}`;
    const project = await call('POST', '/v1/projects', {
      name,
      modality: 'image',
      workflow: { annotations_per_task: 1, review: { policy: 'all' } },
    });
    await call('POST', `/v1/projects/${name}/members`, { user_id: tenant.adminUserId });
    await call('POST', `/v1/projects/${name}/ontology-versions`, { definition: TEST_ONTOLOGY });
    await call('POST', `/v1/projects/${name}/ontology-versions/1/publish`);
    await call('POST', `/v1/projects/${name}/ontology-versions`, { definition: TEST_ONTOLOGY });
    const batch = await call('POST', '/v1/batches', { project: name, name: `batch-${round}` });
    const tasks: string[] = [];
    for (let i = 0; i < 5; i++) {
      const task = await call('POST', '/v1/tasks', {
        project: name,
        // One task in the (staging) batch; the others are served by the queue at once.
        ...(i === 4 ? { batch: `batch-${round}` } : {}),
        type: 'imageannotation',
        unique_id: `u-${round}-${i}`,
        item: ITEM,
      });
      tasks.push(String(task.task_id));
    }
    await call('POST', `/v1/task/${tasks[4]}/cancel`);
    const { leases } = (await call('POST', '/v1/queue/lease', { project: name, count: 3 })) as {
      leases: { token: number; task: { task_id: string } }[];
    };
    const [first, ...live] = leases;
    if (first === undefined) throw new Error('f4 seed: the lease returned nothing');
    await call('POST', '/v1/queue/submit', {
      task_id: first.task.task_id,
      token: first.token,
      annotations: PAYLOAD,
    });
    await t.ctx.webhooks.fanout.run();
    const deliveries = await t.ctx.webhooks.service.deliveries({
      orgId: tenant.orgId,
      endpointId: String(hook.endpoint_id),
      limit: 5,
    });
    Object.assign(hints, {
      project: [name, project.project_id],
      batch: [`batch-${round}`, batch.batch_id],
      task_id: tasks,
      token: [...live.map((l) => l.token), first.token],
      version: [1, 2],
      delivery_id: deliveries.map((d) => d.id),
      unique_id: [`u-${round}-0`],
    });
  }

  await refresh();
  return {
    t,
    tenant,
    key,
    hints: () => hints,
    refresh,
    async dispose() {
      await t.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
