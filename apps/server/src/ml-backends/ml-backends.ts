import { type Clock, createCheckCaches, type Engine, type IdGenerator } from '@tessera/core';
import type { Database } from '@tessera/db';
import type { JobHandler } from '@tessera/jobs';
import type { ServerConfig } from '../config';
import { IDEMPOTENCY_PURGE_QUEUE } from '../idempotency/idempotency-purge';
import { createSecretBox, loadOrCreateKeyFile, parseSecretKey } from '../webhooks/secret-box';
import { createCallbackApplier } from './apply-callback';
import { type CallbackReceiver, createCallbackReceiver } from './callback-receiver';
import { createMlBackendService, type MlBackendService } from './ml-backend-service';
import { type PredictionRecord, predictionStore } from './prediction-store';
import { CALLBACK_ID_RETENTION_MS, receivedCallbacks } from './received-callbacks';

export interface MlBackendsDeps {
  readonly config: ServerConfig;
  readonly db: Database;
  readonly engine: Engine;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** ML backends: their management, the signed inbound callbacks, and the predictions they store. */
export interface MlBackends {
  readonly service: MlBackendService;
  readonly receiver: CallbackReceiver;
  /** A task's predictions (the caller has checked the task is in its organization). */
  listPredictions(
    orgId: string,
    taskId: string,
    after: { createdAt: number; id: string } | undefined,
    limit: number,
  ): Promise<PredictionRecord[]>;
  /** Forgets applied `webhook-id`s older than the retention; returns how many. */
  purgeReceivedIds(): Promise<number>;
}

const PURGE_CHUNK = 1_000;

export function createMlBackends(deps: MlBackendsDeps): MlBackends {
  const { config, db, clock } = deps;
  // The same key and cipher as webhook endpoint secrets (TESSERA_SECRET_KEY or `<data>/secret.key`).
  const keyText = config.secretKey;
  const box = createSecretBox(() =>
    keyText === null ? loadOrCreateKeyFile(config.dataDir) : parseSecretKey(keyText),
  );
  const service = createMlBackendService({
    sql: db.client,
    engine: deps.engine,
    clock,
    ids: deps.ids,
    box,
    rotationOverlapMs: config.webhooks.rotationOverlapMs,
  });
  const apply = createCallbackApplier({
    sql: db.client,
    clock,
    ids: deps.ids,
    caches: createCheckCaches(),
  });
  return {
    service,
    receiver: createCallbackReceiver({ sql: db.client, clock, service, apply }),
    listPredictions: (orgId, taskId, after, limit) =>
      predictionStore.listForTask(db.client, orgId, taskId, after, limit),
    async purgeReceivedIds() {
      const before = clock.now() - CALLBACK_ID_RETENTION_MS;
      let total = 0;
      for (;;) {
        const n = await db.client.transaction((tx) => receivedCallbacks.purge(tx, before, PURGE_CHUNK));
        total += n;
        if (n < PURGE_CHUNK) return total;
      }
    },
  };
}

/**
 * The periodic purge (`idempotency.purge`, every 10 min on one process) also forgets old callback ids:
 * the existing schedule, no second periodic job.
 */
export function withReceivedIdPurge(
  handlers: Readonly<Record<string, JobHandler>>,
  ml: Pick<MlBackends, 'purgeReceivedIds'>,
): Record<string, JobHandler> {
  const purgeKeys = handlers[IDEMPOTENCY_PURGE_QUEUE];
  return {
    ...handlers,
    [IDEMPOTENCY_PURGE_QUEUE]: async (payload, job) => {
      if (purgeKeys !== undefined) await purgeKeys(payload, job);
      await ml.purgeReceivedIds();
    },
  };
}
