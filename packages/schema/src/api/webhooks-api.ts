import Type, { type Static } from 'typebox';
import { OUTBOX_EVENT_TYPES } from '../event';
import { NullableTimestamp, PageQuery, page, route, Timestamp } from './contract';

/** Event types an endpoint may subscribe to: the customer-visible ones the engine writes to its outbox. */
export const WEBHOOK_EVENT_TYPES = [...OUTBOX_EVENT_TYPES].sort();

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'failed', 'succeeded', 'dead'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

export const WebhookEndpointDto = Type.Object({
  endpoint_id: Type.String(),
  url: Type.String(),
  description: Type.String(),
  event_types: Type.Array(Type.String()),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  disabled_reason: Type.Union([Type.String(), Type.Null()]),
  /** Deliveries in a row that ended without success (reset by any 2xx). */
  consecutive_failures: Type.Integer(),
  /** While a rotation overlaps, deliveries are signed with the old secret too until this time. */
  previous_secret_expires_at: NullableTimestamp,
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type WebhookEndpointDto = Static<typeof WebhookEndpointDto>;

/** Returned once, on creation and rotation: the only time the signing secret is shown. */
export const WebhookEndpointWithSecretDto = Type.Object({
  ...WebhookEndpointDto.properties,
  secret: Type.String(),
});

export const WebhookCreateBody = Type.Object(
  {
    url: Type.String({ minLength: 1, maxLength: 2048 }),
    event_types: Type.Array(Type.Enum(WEBHOOK_EVENT_TYPES), {
      minItems: 1,
      maxItems: WEBHOOK_EVENT_TYPES.length,
      uniqueItems: true,
    }),
    description: Type.Optional(Type.String({ maxLength: 512 })),
  },
  { additionalProperties: false },
);

export const WebhookDeliveryDto = Type.Object({
  delivery_id: Type.String(),
  /** null: a delivery to the task's (or batch's) callback_url. */
  endpoint_id: Type.Union([Type.String(), Type.Null()]),
  /** The `webhook-id` header: the same on every attempt and replay. */
  message_id: Type.String(),
  event_type: Type.String(),
  task_id: Type.Union([Type.String(), Type.Null()]),
  url: Type.String(),
  status: Type.Enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: Type.Integer(),
  next_attempt_at: NullableTimestamp,
  last_status: Type.Union([Type.Integer(), Type.Null()]),
  last_error: Type.Union([Type.String(), Type.Null()]),
  created_at: Timestamp,
  updated_at: Timestamp,
  delivered_at: NullableTimestamp,
});
export type WebhookDeliveryDto = Static<typeof WebhookDeliveryDto>;

export const CallbackSecretDto = Type.Object({
  secret: Type.String(),
  previous_secret_expires_at: NullableTimestamp,
});

const EndpointParams = Type.Object({ endpoint_id: Type.String({ minLength: 1, maxLength: 128 }) });
const DeliveryQuery = Type.Object({
  status: Type.Optional(Type.Enum(WEBHOOK_DELIVERY_STATUSES)),
  ...PageQuery,
});

function endpointAction(operationId: string, action: string, summary: string) {
  return route({
    operationId,
    method: 'POST',
    path: `/v1/webhooks/:endpoint_id/${action}`,
    tag: 'webhooks',
    summary,
    params: EndpointParams,
    response: WebhookEndpointDto,
    scope: 'webhooks:write',
    objectIds: ['endpoint_id'],
  });
}

export const webhookRoutes = {
  createWebhook: route({
    operationId: 'createWebhook',
    method: 'POST',
    path: '/v1/webhooks',
    tag: 'webhooks',
    summary: 'Register an endpoint (the signing secret is shown only in this response)',
    body: WebhookCreateBody,
    response: WebhookEndpointWithSecretDto,
    status: 201,
    scope: 'webhooks:write',
  }),
  listWebhooks: route({
    operationId: 'listWebhooks',
    method: 'GET',
    path: '/v1/webhooks',
    tag: 'webhooks',
    summary: 'List endpoints',
    query: Type.Object(PageQuery),
    response: page(WebhookEndpointDto),
    scope: 'webhooks:write',
  }),
  getWebhook: route({
    operationId: 'getWebhook',
    method: 'GET',
    path: '/v1/webhooks/:endpoint_id',
    tag: 'webhooks',
    summary: 'Get an endpoint',
    params: EndpointParams,
    response: WebhookEndpointDto,
    scope: 'webhooks:write',
    objectIds: ['endpoint_id'],
  }),
  disableWebhook: endpointAction('disableWebhook', 'disable', 'Stop delivering to an endpoint'),
  enableWebhook: endpointAction(
    'enableWebhook',
    'enable',
    'Resume an endpoint (its URL is checked again; the failure count restarts)',
  ),
  rotateWebhookSecret: route({
    operationId: 'rotateWebhookSecret',
    method: 'POST',
    path: '/v1/webhooks/:endpoint_id/rotate-secret',
    tag: 'webhooks',
    summary: 'New signing secret; the old one keeps signing alongside it for 24 h',
    params: EndpointParams,
    response: WebhookEndpointWithSecretDto,
    scope: 'webhooks:write',
    objectIds: ['endpoint_id'],
  }),
  listWebhookDeliveries: route({
    operationId: 'listWebhookDeliveries',
    method: 'GET',
    path: '/v1/webhooks/:endpoint_id/deliveries',
    tag: 'webhooks',
    summary: "An endpoint's delivery log, newest first (status=dead: the dead-letter list)",
    params: EndpointParams,
    query: DeliveryQuery,
    response: page(WebhookDeliveryDto),
    scope: 'webhooks:write',
    objectIds: ['endpoint_id'],
  }),
  listCallbackDeliveries: route({
    operationId: 'listCallbackDeliveries',
    method: 'GET',
    path: '/v1/webhooks/callback/deliveries',
    tag: 'webhooks',
    summary: "Deliveries to tasks' and batches' callback_url, newest first",
    query: Type.Object({
      task_id: Type.Optional(Type.String({ maxLength: 128 })),
      ...DeliveryQuery.properties,
    }),
    response: page(WebhookDeliveryDto),
    scope: 'webhooks:write',
    objectIds: ['task_id'],
  }),
  replayWebhookDelivery: route({
    operationId: 'replayWebhookDelivery',
    method: 'POST',
    path: '/v1/webhooks/deliveries/:delivery_id/replay',
    tag: 'webhooks',
    summary: 'Send a delivery again (same webhook-id, fresh retry schedule)',
    params: Type.Object({ delivery_id: Type.String({ minLength: 1, maxLength: 128 }) }),
    response: WebhookDeliveryDto,
    scope: 'webhooks:write',
    objectIds: ['delivery_id'],
  }),
  rotateCallbackSecret: route({
    operationId: 'rotateCallbackSecret',
    method: 'POST',
    path: '/v1/webhooks/callback/rotate-secret',
    tag: 'webhooks',
    summary: 'New secret for signing callback_url deliveries (shown once; the old one overlaps for 24 h)',
    response: CallbackSecretDto,
    scope: 'webhooks:write',
  }),
} as const;
