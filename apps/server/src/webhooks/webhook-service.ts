import { type Clock, ConflictError, type IdGenerator, NotFoundError } from '@tessera/core';
import type { SqlClient } from '@tessera/db';
import type { JobQueue } from '@tessera/jobs';
import type { WebhookSettings } from '../config';
import { type DeliveryFilter, type DeliveryRecord, deliveryStore } from './delivery-store';
import { type EndpointRecord, endpointStore } from './endpoint-store';
import { enqueueDelivery } from './outbox-fanout';
import type { SigningSecrets } from './signing-secrets';
import type { SsrfGuard } from './ssrf-guard';
import { generateWebhookSecret } from './webhook-signer';

export interface WebhookServiceDeps {
  readonly sql: SqlClient;
  readonly jobs: JobQueue;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly settings: WebhookSettings;
  readonly guard: SsrfGuard;
  readonly secrets: SigningSecrets;
}

export interface NewEndpoint {
  readonly url: string;
  readonly event_types: readonly string[];
  readonly description?: string;
}

/** An endpoint together with its plaintext secret: only ever returned by create and rotate. */
export interface EndpointWithSecret {
  readonly endpoint: EndpointRecord;
  readonly secret: string;
}

/** Endpoint management, the delivery log and replay; every lookup is scoped to the caller's organization. */
export function createWebhookService(deps: WebhookServiceDeps) {
  const { sql, clock, settings, guard, secrets } = deps;

  async function get(orgId: string, id: string): Promise<EndpointRecord> {
    const endpoint = await endpointStore.get(sql, orgId, id);
    if (endpoint === undefined) throw new NotFoundError('webhook endpoint', id);
    return endpoint;
  }

  return {
    get,
    async create(orgId: string, input: NewEndpoint): Promise<EndpointWithSecret> {
      const url = await guard.checkUrl(input.url, { resolve: true });
      const now = clock.now();
      const id = deps.ids.next('wh');
      const secret = generateWebhookSecret();
      const endpoint: EndpointRecord = {
        id,
        orgId,
        url: url.href,
        description: input.description ?? '',
        eventTypes: [...input.event_types],
        secret: secrets.seal(secret, id),
        previousSecret: null,
        previousSecretExpiresAt: null,
        status: 'active',
        disabledReason: null,
        consecutiveFailures: 0,
        failingSince: null,
        throttledUntil: null,
        createdAt: now,
        updatedAt: now,
      };
      await sql.transaction((tx) => endpointStore.insert(tx, endpoint));
      return { endpoint, secret };
    },
    list(orgId: string, after: { createdAt: number; id: string } | undefined, limit: number) {
      return endpointStore.list(sql, orgId, after, limit);
    },
    async setEnabled(orgId: string, id: string, enabled: boolean): Promise<EndpointRecord> {
      const endpoint = await get(orgId, id);
      if (enabled) await guard.checkUrl(endpoint.url, { resolve: true });
      const status = enabled ? 'active' : 'disabled';
      await sql.transaction((tx) =>
        endpointStore.setStatus(tx, orgId, id, status, enabled ? null : 'manual', clock.now()),
      );
      return get(orgId, id);
    },
    async rotate(orgId: string, id: string): Promise<EndpointWithSecret> {
      const endpoint = await get(orgId, id);
      const now = clock.now();
      const secret = generateWebhookSecret();
      const sealed = {
        secret: secrets.seal(secret, id),
        previous: endpoint.secret,
        previousExpiresAt: now + settings.rotationOverlapMs,
      };
      await sql.transaction((tx) => endpointStore.rotate(tx, orgId, id, sealed, now));
      return { endpoint: await get(orgId, id), secret };
    },
    deliveries(filter: DeliveryFilter): Promise<DeliveryRecord[]> {
      return deliveryStore.list(sql, filter);
    },
    /** Sends a delivery again with the same `webhook-id`, on a fresh attempt count and retry window. */
    async replay(orgId: string, deliveryId: string): Promise<DeliveryRecord> {
      const found = await deliveryStore.get(sql, orgId, deliveryId);
      if (found === undefined) throw new NotFoundError('webhook delivery', deliveryId);
      if (found.endpointId !== null && (await get(orgId, found.endpointId)).status === 'disabled') {
        throw new ConflictError('webhook_disabled', 'enable the endpoint before replaying its deliveries');
      }
      await sql.transaction(async (tx) => {
        const d = await deliveryStore.get(tx, orgId, deliveryId);
        const now = clock.now();
        if (d === undefined || !(await deliveryStore.replay(tx, d, now, now + settings.retryWindowMs))) {
          throw new ConflictError('delivery_busy', 'the delivery changed meanwhile; try again');
        }
        await enqueueDelivery(deps.jobs, tx, d.id, d.version + 1, now);
      });
      return (await deliveryStore.get(sql, orgId, deliveryId)) as DeliveryRecord;
    },
    rotateCallbackSecret(orgId: string) {
      return secrets.rotateCallbacks(orgId, clock.now(), settings.rotationOverlapMs);
    },
    /** A task's or batch's callback_url: refused when it points somewhere private (an unknown name passes). */
    async checkCallbackUrl(url: string): Promise<void> {
      await guard.checkUrl(url, { resolve: true, allowUnresolvable: true });
    },
  };
}
export type WebhookService = ReturnType<typeof createWebhookService>;
