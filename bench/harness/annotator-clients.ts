import http from 'node:http';
import { createClient, uuidV7 } from '@tessera/client';
import { createNodeFetch } from '@tessera/client/node';
import { queueRoutes, type Route } from '@tessera/schema';
import { CAR_BOX } from './tenant-seed';

export interface HeldLease {
  readonly taskId: string;
  readonly token: number;
}

/** What a simulated annotator does over HTTP: lease one task, submit an annotation for it. */
export interface AnnotatorClient {
  lease(project: string): Promise<HeldLease | null>;
  submit(taskId: string, token: number): Promise<void>;
  /** Submits and leases the next task of `project` in one call (`lease_next`). */
  submitAndLease(taskId: string, token: number, project: string): Promise<HeldLease | null>;
}

function firstLease(leases: readonly { token: number; task: { task_id: string } }[] | undefined) {
  const l = leases?.[0];
  return l === undefined ? null : { taskId: l.task.task_id, token: l.token };
}

interface LeasesBody {
  readonly leases?: { token: number; task: { task_id: string } }[];
}

/**
 * `sdk`: the Tessera SDK (the client) on its Node transport; `sdk-fetch`: the SDK on Node's built-in
 * `fetch` (undici); `http`: bare node:http requests, to see what the SDK costs.
 */
export type ClientKind = 'sdk' | 'sdk-fetch' | 'http';

/**
 * Through the SDK on its Node transport (`@tessera/client/node`: node:http keep-alive, one socket per
 * annotator); its retries are off, so any error fails the run.
 */
function sdkAnnotator(baseUrl: string, apiKey: string, transport: 'node' | 'fetch'): AnnotatorClient {
  const fetch = transport === 'node' ? createNodeFetch({ maxSockets: 1 }) : undefined;
  const client = createClient({ baseUrl, apiKey, retries: 0, ...(fetch ? { fetch } : {}) });
  return {
    async lease(project) {
      return firstLease((await client.leaseTasks({ project, count: 1 })).leases);
    },
    async submit(taskId, token) {
      await client.submitAnnotation({ task_id: taskId, token, annotations: CAR_BOX });
    },
    async submitAndLease(taskId, token, project) {
      const next = { project, count: 1 };
      const { leases } = await client.submitAnnotation({
        task_id: taskId,
        token,
        annotations: CAR_BOX,
        lease_next: next,
      });
      return firstLease(leases);
    },
  };
}

/**
 * The same requests as the SDK sends (JSON bodies, bearer key, an Idempotency-Key on each POST but the submit,
 * whose route is `repeatSafe`) over node:http with one keep-alive socket per annotator: a lighter load
 * generator, so the figure is closer to the server's own capacity on a machine where client and server share
 * two cores.
 */
function httpAnnotator(baseUrl: string, apiKey: string): AnnotatorClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const post = (route: Route, body: unknown): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const data = JSON.stringify(body);
      const req = http.request(`${baseUrl}${route.path}`, {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${apiKey}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(data),
          ...(route.repeatSafe ? {} : { 'idempotency-key': uuidV7() }), // as the SDK makes them
          accept: 'application/json, application/problem+json',
        },
      });
      req.on('error', reject);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          if (res.statusCode !== 200) reject(new Error(`POST ${route.path}: ${res.statusCode} ${text}`));
          else resolve(JSON.parse(text) as unknown);
        });
      });
      req.end(data);
    });
  return {
    async lease(project) {
      return firstLease(((await post(queueRoutes.leaseTasks, { project, count: 1 })) as LeasesBody).leases);
    },
    async submit(taskId, token) {
      await post(queueRoutes.submitAnnotation, { task_id: taskId, token, annotations: CAR_BOX });
    },
    async submitAndLease(taskId, token, project) {
      const next = { project, count: 1 };
      const body = { task_id: taskId, token, annotations: CAR_BOX, lease_next: next };
      return firstLease(((await post(queueRoutes.submitAnnotation, body)) as LeasesBody).leases);
    },
  };
}

export function annotatorClient(kind: ClientKind, baseUrl: string, apiKey: string): AnnotatorClient {
  if (kind === 'http') return httpAnnotator(baseUrl, apiKey);
  return sdkAnnotator(baseUrl, apiKey, kind === 'sdk' ? 'node' : 'fetch');
}
