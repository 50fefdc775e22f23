import { createHmac } from 'node:crypto';
import { TEST_ONTOLOGY, testDatabases } from '@tessera/db';
import { mlBackendRoutes } from '@tessera/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from './client';
import { TesseraApiError } from './errors';
import { type LiveServer, startLiveServer } from './testing/live-server';

const CAR_BOX = {
  classifications: [],
  objects: [
    {
      id: 'o1',
      class_id: 'car',
      geometry: { type: 'box' as const, x: 1, y: 1, w: 4, h: 4 },
      attributes: { occluded: false },
    },
  ],
  spans: [],
  attributes: {},
};

/** What an ML backend sends: Standard Webhooks headers over the exact body bytes (HMAC-SHA256, `v1,`). */
function signed(secret: string, id: string, atMs: number, body: string): Record<string, string> {
  const timestamp = Math.floor(atMs / 1000);
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const mac = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': `v1,${mac}`,
  };
}

describe.each(testDatabases().slice(0, 1))('SDK: ML backends and predictions on $dialect', (db) => {
  let server: LiveServer | undefined;
  afterEach(async () => server?.dispose());

  it('registers, lists, rotates and deletes backends, and reads the predictions a backend posted', async () => {
    server = await startLiveServer(db);
    const acme = await server.t.tenant();
    const admin = createClient({ baseUrl: server.url, apiKey: acme.adminKey });
    await admin.createProject({ name: 'cars', modality: 'image' });
    await admin.createOntologyDraft({ project: 'cars', definition: TEST_ONTOLOGY });
    await admin.publishOntologyVersion({ project: 'cars', version: 1 });
    const task = await admin.createTask({ project: 'cars', type: 'imageannotation' });

    const backend = await admin.createMlBackend({ project: 'cars', name: 'detector' });
    expect(backend.secret).toMatch(/^whsec_/);
    expect(backend.callback_path).toBe(`/v1/ml-backends/${backend.backend_id}/callbacks`);
    const listed = await admin.listMlBackends({ project: 'cars' });
    expect(listed.docs.map((b) => b.backend_id)).toEqual([backend.backend_id]);
    const rotated = await admin.rotateMlBackendSecret({ backend_id: backend.backend_id });
    expect(rotated.secret).not.toBe(backend.secret);

    const body = JSON.stringify({
      predictions: [{ task_id: task.task_id, model_version: 'v1', payload: CAR_BOX, score: 0.9 }],
    });
    const now = server.t.clock.now();
    const res = await fetch(`${server.url}${backend.callback_path}`, {
      method: 'POST',
      headers: signed(rotated.secret, 'msg_sdk', now, body),
      body,
    });
    expect(await res.json()).toEqual({ webhook_id: 'msg_sdk', replay: false, predictions: 1 });

    const predictions = await admin.listTaskPredictions({ task_id: task.task_id });
    expect(predictions.docs).toMatchObject([{ model_version: 'v1', score: 0.9, payload: CAR_BOX }]);
    const iterated = [];
    for await (const p of admin.iterate(mlBackendRoutes.listTaskPredictions, { task_id: task.task_id })) {
      iterated.push(p.prediction_id);
    }
    expect(iterated).toEqual([predictions.docs[0]?.prediction_id]);

    expect(await admin.deleteMlBackend({ backend_id: backend.backend_id })).toEqual({
      backend_id: backend.backend_id,
      deleted: true,
    });
    const gone = await admin.deleteMlBackend({ backend_id: backend.backend_id }).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(TesseraApiError);
    expect((gone as TesseraApiError).status).toBe(404);
  });
});
