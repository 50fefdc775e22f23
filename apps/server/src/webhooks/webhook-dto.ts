import type { WebhookDeliveryDto, WebhookEndpointDto } from '@tessera/schema';
import { iso } from '../dto/dto';
import type { DeliveryRecord } from './delivery-store';
import type { EndpointRecord } from './endpoint-store';

const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

/** The wire endpoint: never the secret (the route schema would drop it anyway). */
export function endpointDto(e: EndpointRecord, now: number): WebhookEndpointDto {
  const overlap = e.previousSecretExpiresAt !== null && e.previousSecretExpiresAt > now;
  return {
    endpoint_id: e.id,
    url: e.url,
    description: e.description,
    event_types: [...e.eventTypes],
    status: e.status,
    disabled_reason: e.disabledReason,
    consecutive_failures: e.consecutiveFailures,
    previous_secret_expires_at: overlap ? isoOrNull(e.previousSecretExpiresAt) : null,
    created_at: iso(e.createdAt),
    updated_at: iso(e.updatedAt),
  };
}

export function deliveryDto(d: DeliveryRecord): WebhookDeliveryDto {
  return {
    delivery_id: d.id,
    endpoint_id: d.endpointId,
    message_id: d.messageId,
    event_type: d.eventType,
    task_id: d.taskId,
    url: d.url,
    status: d.status,
    attempts: d.attempts,
    next_attempt_at: isoOrNull(d.nextAttemptAt),
    last_status: d.lastStatus,
    last_error: d.lastError,
    created_at: iso(d.createdAt),
    updated_at: iso(d.updatedAt),
    delivered_at: isoOrNull(d.deliveredAt),
  };
}
