import type { Clock, RandomSource } from '@tessera/core';
import type { SqlClient, SqlExecutor } from '@tessera/db';
import type { JobQueue } from '@tessera/jobs';
import type { WebhookSettings } from '../config';
import type { ServerMetrics } from '../http/server-metrics';
import { type DeliveryRecord, type DeliveryUpdate, deliveryStore } from './delivery-store';
import { type EndpointRecord, endpointStore } from './endpoint-store';
import { enqueueDelivery } from './outbox-fanout';
import { type AttemptDecision, decideAttempt } from './retry-policy';
import type { SigningSecrets } from './signing-secrets';
import type { SsrfGuard } from './ssrf-guard';
import type { HttpOutcome, WebhookHttpClient } from './webhook-http-client';
import { webhookHeaders } from './webhook-signer';

export const USER_AGENT = 'Tessera-Webhooks/1';

export interface DeliveryDeps {
  readonly sql: SqlClient;
  readonly jobs: JobQueue;
  readonly clock: Clock;
  readonly random: RandomSource;
  readonly settings: WebhookSettings;
  readonly secrets: SigningSecrets;
  readonly http: WebhookHttpClient;
  readonly guard: SsrfGuard;
  readonly metrics: ServerMetrics;
}

const OPEN = new Set(['pending', 'failed']);

/**
 * One delivery attempt per job: sign with the endpoint's (or the organization's callback) secret at this
 * attempt's time, POST once, then record the outcome and the next attempt's job in one transaction. A crash
 * between the POST and that commit re-runs the job, so a receiver may see a message twice (at-least-once;
 * `webhook-id` is the same); the version fence keeps a stale job from ever recording twice.
 */
export function createDeliveryWorker(deps: DeliveryDeps) {
  const { sql, clock, settings } = deps;

  async function send(d: DeliveryRecord, endpoint: EndpointRecord | null, now: number): Promise<HttpOutcome> {
    try {
      await deps.guard.checkUrl(d.url, { resolve: false });
    } catch (error) {
      return { status: null, retryAfter: null, error: `ssrf_blocked: ${(error as Error).message}` };
    }
    const secrets =
      endpoint === null
        ? await deps.secrets.forCallbacks(d.orgId, now)
        : deps.secrets.forEndpoint(endpoint, now);
    const headers = {
      ...webhookHeaders(secrets, d.messageId, Math.floor(now / 1000), d.body),
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
    };
    return deps.http.post(d.url, headers, d.body);
  }

  async function setCallbackResult(tx: SqlExecutor, d: DeliveryRecord, succeeded: boolean): Promise<void> {
    if (d.endpointId !== null || d.taskId === null) return;
    await tx.run('UPDATE tasks SET callback_succeeded = ? WHERE id = ? AND org_id = ?', [
      succeeded ? 1 : 0,
      d.taskId,
      d.orgId,
    ]);
  }

  /** A delivery ended without success: the endpoint may have failed long enough to be disabled. */
  async function endpointDeliveryDied(tx: SqlExecutor, endpoint: EndpointRecord, gone: boolean, now: number) {
    if (gone) return endpointStore.disable(tx, endpoint.id, 'http_410', now);
    const e = await endpointStore.recordDeadDelivery(tx, endpoint.id, now);
    if (e === undefined) return;
    if (e.consecutiveFailures >= settings.disableAfterFailures) {
      await endpointStore.disable(tx, e.id, 'consecutive_failures', now);
    } else if (e.failingSince !== null && now - e.failingSince >= settings.retryWindowMs) {
      await endpointStore.disable(tx, e.id, 'failing_for_retry_window', now);
    }
  }

  async function record(
    d: DeliveryRecord,
    endpoint: EndpointRecord | null,
    outcome: HttpOutcome,
    decision: AttemptDecision,
  ): Promise<void> {
    await sql.transaction(async (tx) => {
      const now = clock.now();
      const base = { attempted: true, lastStatus: outcome.status, lastError: outcome.error };
      const done = decision.kind === 'succeeded' ? now : null;
      const status =
        decision.kind === 'succeeded' ? 'succeeded' : decision.kind === 'retry' ? 'failed' : 'dead';
      const next = decision.kind === 'retry' ? decision.at : null;
      const update: DeliveryUpdate = { ...base, status, nextAttemptAt: next, deliveredAt: done };
      if (!(await deliveryStore.update(tx, d.id, d.version, update, now))) return;
      if (decision.kind === 'retry') {
        await enqueueDelivery(deps.jobs, tx, d.id, d.version + 1, decision.at);
        if (endpoint === null) return;
        await endpointStore.recordFailedAttempt(tx, endpoint.id, now, decision.throttle ? decision.at : null);
      } else if (decision.kind === 'succeeded') {
        if (endpoint !== null) await endpointStore.recordSuccess(tx, endpoint.id);
        await setCallbackResult(tx, d, true);
      } else {
        if (endpoint !== null) await endpointDeliveryDied(tx, endpoint, decision.kind === 'gone', now);
        await setCallbackResult(tx, d, false);
      }
    });
  }

  /** No attempt now: the endpoint is disabled (the delivery ends) or throttled (it waits, uncounted). */
  async function skip(d: DeliveryRecord, until: number | null): Promise<void> {
    await sql.transaction(async (tx) => {
      const now = clock.now();
      const update: DeliveryUpdate =
        until === null
          ? {
              status: 'dead',
              attempted: false,
              nextAttemptAt: null,
              lastStatus: null,
              lastError: 'endpoint disabled',
              deliveredAt: null,
            }
          : {
              status: d.status,
              attempted: false,
              nextAttemptAt: until,
              lastStatus: null,
              lastError: d.lastError,
              deliveredAt: null,
            };
      if (!(await deliveryStore.update(tx, d.id, d.version, update, now))) return;
      if (until !== null) await enqueueDelivery(deps.jobs, tx, d.id, d.version + 1, until);
    });
  }

  return {
    /** Runs the attempt a `webhooks.deliver` job was enqueued for; a stale or finished one does nothing. */
    async attempt(deliveryId: string, version: number): Promise<void> {
      const d = await deliveryStore.getById(sql, deliveryId);
      if (d === undefined || d.version !== version || !OPEN.has(d.status)) return;
      const endpoint =
        d.endpointId === null ? null : ((await endpointStore.getById(sql, d.endpointId)) ?? null);
      const now = clock.now();
      if (endpoint?.status === 'disabled') return skip(d, null);
      if (endpoint?.throttledUntil != null && endpoint.throttledUntil > now)
        return skip(d, endpoint.throttledUntil);
      const outcome = await send(d, endpoint, now);
      const decision = decideAttempt(
        outcome,
        d.attempts + 1,
        d.retryUntil,
        clock.now(),
        deps.random.next(),
        settings,
      );
      await record(d, endpoint, outcome, decision);
      const label = decision.kind === 'retry' ? 'failed' : decision.kind;
      deps.metrics.webhookDeliveries.inc({ outcome: label });
    },
  };
}
export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>;
