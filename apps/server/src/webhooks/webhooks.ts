import { type Clock, type Engine, type IdGenerator, type RandomSource, TesseraError } from '@tessera/core';
import type { Database } from '@tessera/db';
import type { JobHandler, JobQueue } from '@tessera/jobs';
import type { ServerConfig } from '../config';
import { createTaskRenderer } from '../dto/task-renderer';
import type { ServerMetrics } from '../http/server-metrics';
import { createDeliveryWorker, type DeliveryWorker } from './delivery-worker';
import { createIpPolicy } from './ip-policy';
import { createOutboxFanout, DELIVER_QUEUE, type OutboxFanout } from './outbox-fanout';
import { createSecretBox, loadOrCreateKeyFile, parseSecretKey } from './secret-box';
import { createSigningSecrets } from './signing-secrets';
import { createSsrfGuard, type HostResolver, type SsrfGuard, systemResolver } from './ssrf-guard';
import { createWebhookHttpClient } from './webhook-http-client';
import { createWebhookService, type WebhookService } from './webhook-service';

export const FANOUT_QUEUE = 'webhooks.fanout';

/** Network seams: tests answer DNS from a table and put a tripwire in front of every socket. */
export interface WebhookNetOptions {
  readonly resolver?: HostResolver;
  readonly beforeConnect?: (address: string, port: number) => void;
}

export interface WebhookDeps {
  readonly config: ServerConfig;
  readonly db: Database;
  readonly engine: Engine;
  readonly jobs: JobQueue;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly random: RandomSource;
  readonly metrics: ServerMetrics;
}

/** Webhooks and callbacks: the outbox fan-out, delivery, endpoint management and the SSRF guard. */
export interface Webhooks {
  readonly service: WebhookService;
  readonly guard: SsrfGuard;
  readonly fanout: OutboxFanout;
  readonly worker: DeliveryWorker;
  /** `webhooks.fanout` (periodic) and `webhooks.deliver` (one job per attempt). */
  readonly jobHandlers: Readonly<Record<string, JobHandler>>;
  close(): Promise<void>;
}

function deliverPayload(payload: Record<string, unknown>): { deliveryId: string; version: number } {
  const { delivery_id: deliveryId, version } = payload;
  if (typeof deliveryId !== 'string' || typeof version !== 'number') {
    throw new TesseraError('invalid_job', 500, 'a webhooks.deliver job needs delivery_id and version');
  }
  return { deliveryId, version };
}

export function createWebhooks(deps: WebhookDeps, net: WebhookNetOptions = {}): Webhooks {
  const { config, db, clock } = deps;
  const settings = config.webhooks;
  const keyText = config.secretKey;
  const box = createSecretBox(() =>
    keyText === null ? loadOrCreateKeyFile(config.dataDir) : parseSecretKey(keyText),
  );
  const secrets = createSigningSecrets(db.client, box);
  const guard = createSsrfGuard(createIpPolicy(config.ssrfAllowlist), net.resolver ?? systemResolver);
  const http = createWebhookHttpClient(guard, {
    timeoutMs: settings.timeoutMs,
    ...(net.beforeConnect ? { beforeConnect: net.beforeConnect } : {}),
  });
  const common = { sql: db.client, jobs: deps.jobs, clock, settings };
  const renderer = createTaskRenderer(deps.engine, db.store);
  const fanout = createOutboxFanout({ ...common, ids: deps.ids, engine: deps.engine, renderer });
  const worker = createDeliveryWorker({
    ...common,
    random: deps.random,
    secrets,
    http,
    guard,
    metrics: deps.metrics,
  });
  const service = createWebhookService({ ...common, ids: deps.ids, guard, secrets });
  return {
    service,
    guard,
    fanout,
    worker,
    jobHandlers: {
      [FANOUT_QUEUE]: async () => {
        await fanout.run();
      },
      [DELIVER_QUEUE]: async (payload) => {
        const { deliveryId, version } = deliverPayload(payload);
        await worker.attempt(deliveryId, version);
      },
    },
    close: () => http.close(),
  };
}

/** Keeps one pending fan-out job running every `everyMs` across all server processes. */
export function scheduleWebhookFanout(jobs: JobQueue, everyMs = 1_000): Promise<string | null> {
  return jobs.schedulePeriodic(FANOUT_QUEUE, 'webhook-fanout', everyMs);
}
