import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { createClient } from '@tessera/client';
import { CAR_BOX } from './tenant-seed';

/** What a simulated annotator does over HTTP: lease one task, submit an annotation for it. */
export interface AnnotatorClient {
  lease(project: string): Promise<{ readonly taskId: string; readonly token: number } | null>;
  submit(taskId: string, token: number): Promise<void>;
}

/** `sdk`: the Tessera SDK over undici's fetch (the client). `http`: node:http, to see the server's capacity. */
export type ClientKind = 'sdk' | 'http';

/** Through the SDK; its retries are off, so any error fails the run. */
function sdkAnnotator(baseUrl: string, apiKey: string): AnnotatorClient {
  const client = createClient({ baseUrl, apiKey, retries: 0 });
  return {
    async lease(project) {
      const { leases } = await client.leaseTasks({ project, count: 1 });
      const l = leases[0];
      return l === undefined ? null : { taskId: l.task.task_id, token: l.token };
    },
    async submit(taskId, token) {
      await client.submitAnnotation({ task_id: taskId, token, annotations: CAR_BOX });
    },
  };
}

/**
 * The same requests as the SDK sends (JSON bodies, bearer key, an Idempotency-Key per POST) over node:http with
 * one keep-alive socket per annotator: a lighter load generator, so the figure is closer to the server's own
 * capacity on a machine where client and server share two cores.
 */
function httpAnnotator(baseUrl: string, apiKey: string): AnnotatorClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const post = (path: string, body: unknown): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const data = JSON.stringify(body);
      const req = http.request(`${baseUrl}${path}`, {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${apiKey}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(data),
          'idempotency-key': randomUUID(),
          accept: 'application/json, application/problem+json',
        },
      });
      req.on('error', reject);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          if (res.statusCode !== 200) reject(new Error(`POST ${path}: ${res.statusCode} ${text}`));
          else resolve(JSON.parse(text) as unknown);
        });
      });
      req.end(data);
    });
  return {
    async lease(project) {
      const { leases } = (await post('/v1/queue/lease', { project, count: 1 })) as {
        leases: { token: number; task: { task_id: string } }[];
      };
      const l = leases[0];
      return l === undefined ? null : { taskId: l.task.task_id, token: l.token };
    },
    async submit(taskId, token) {
      await post('/v1/queue/submit', { task_id: taskId, token, annotations: CAR_BOX });
    },
  };
}

export function annotatorClient(kind: ClientKind, baseUrl: string, apiKey: string): AnnotatorClient {
  return kind === 'sdk' ? sdkAnnotator(baseUrl, apiKey) : httpAnnotator(baseUrl, apiKey);
}
