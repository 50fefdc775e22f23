import { TEST_ONTOLOGY } from '@tessera/db';
import type { LightMyRequestResponse } from 'fastify';
import { Webhook } from 'standardwebhooks';
import type { TestApp, TestTenant } from '../testing/test-app';

type Json = Record<string, unknown>;

/** A valid prediction payload for the test ontology: one car box. */
export const CAR_BOX = {
  classifications: [],
  objects: [
    {
      id: 'p1',
      class_id: 'car',
      geometry: { type: 'box', x: 2, y: 3, w: 10, h: 8 },
      attributes: { occluded: false },
    },
  ],
  spans: [],
  attributes: {},
};

/** A callback as an ML backend sends it: headers signed over exactly these body bytes. */
export interface SignedCallback {
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/**
 * Signs like an ML backend would, with the independent npm `standardwebhooks` package (not our code):
 * `new Webhook(secret).sign(msgId, date, payload)`.
 */
export function signCallback(
  secret: string,
  webhookId: string,
  atMs: number,
  body: string | Buffer,
): SignedCallback {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const timestamp = Math.floor(atMs / 1000);
  const signature = new Webhook(secret).sign(webhookId, new Date(timestamp * 1000), bytes.toString('utf8'));
  return {
    headers: {
      'content-type': 'application/json',
      'webhook-id': webhookId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signature,
    },
    body: bytes,
  };
}

export function predictionsBody(taskIds: readonly string[], payload: unknown = CAR_BOX): string {
  return JSON.stringify({
    predictions: taskIds.map((task_id, i) => ({
      task_id,
      model_version: 'detector-v7',
      payload,
      score: 0.5 + i / 100,
    })),
  });
}

export interface MlWorld {
  readonly tenant: TestTenant;
  readonly call: (
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    payload?: Json,
  ) => Promise<LightMyRequestResponse>;
  /** Tasks of project `cars`, the backend's project. */
  readonly taskIds: readonly string[];
  /** A task of another project (`bikes`) of the same organization. */
  readonly otherProjectTaskId: string;
  readonly backendId: string;
  readonly secret: string;
  /** Posts a callback to a backend (this world's by default). */
  post(callback: SignedCallback, backendId?: string): Promise<LightMyRequestResponse>;
  /** The stored predictions of a task, through the API. */
  predictions(taskId: string): Promise<Json[]>;
  /** Rows in the predictions table of this tenant's organization. */
  countPredictions(): Promise<number>;
}

/** A tenant with projects `cars` (published test ontology, `tasks` tasks) and `bikes`, and an ML backend of `cars`. */
export async function createMlWorld(t: TestApp, name = 'Acme', tasks = 3): Promise<MlWorld> {
  const tenant = await t.tenant(name);
  const call: MlWorld['call'] = (method, url, payload) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${tenant.adminKey}` },
      ...(payload === undefined ? {} : { payload }),
    });
  const ok = async (method: 'POST', url: string, payload: Json = {}) => {
    const res = await call(method, url, payload);
    if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`);
    return res.json() as Json;
  };
  const taskIds: string[] = [];
  for (const project of ['cars', 'bikes']) {
    await ok('POST', '/v1/projects', { name: project, modality: 'image' });
    await ok('POST', `/v1/projects/${project}/ontology-versions`, { definition: TEST_ONTOLOGY });
    await ok('POST', `/v1/projects/${project}/ontology-versions/1/publish`);
  }
  const item = { media_type: 'image', uri: 'https://example.test/a.png', width: 64, height: 48 };
  for (let i = 0; i < tasks; i++) {
    taskIds.push(
      String((await ok('POST', '/v1/tasks', { project: 'cars', type: 'imageannotation', item })).task_id),
    );
  }
  const other = await ok('POST', '/v1/tasks', { project: 'bikes', type: 'imageannotation', item });
  const backend = await ok('POST', '/v1/ml-backends', { project: 'cars', name: 'detector' });
  return {
    tenant,
    call,
    taskIds,
    otherProjectTaskId: String(other.task_id),
    backendId: String(backend.backend_id),
    secret: String(backend.secret),
    post: (callback, backendId = String(backend.backend_id)) =>
      t.app.inject({
        method: 'POST',
        url: `/v1/ml-backends/${backendId}/callbacks`,
        headers: callback.headers,
        payload: callback.body,
      }),
    async predictions(taskId) {
      const res = await call('GET', `/v1/task/${taskId}/predictions`);
      if (res.statusCode !== 200) throw new Error(`predictions ${taskId} → ${res.statusCode} ${res.body}`);
      return (res.json() as { docs: Json[] }).docs;
    },
    async countPredictions() {
      const [r] = await t.ctx.db.client.all<{ n: number | string }>(
        'SELECT COUNT(*) AS n FROM predictions WHERE org_id = ?',
        [tenant.orgId],
      );
      return Number(r?.n ?? 0);
    },
  };
}
