import type { Dialect } from '../sql-client';
import { columnTypes, type Migration } from './column-types';

function statements(d: Dialect): string[] {
  const t = columnTypes(d);
  return [
    // Customer endpoints. Secrets are AES-256-GCM ciphertexts (never plaintext); during a rotation the previous
    // secret keeps signing too until `previous_secret_expires_at`.
    `CREATE TABLE webhook_endpoints (id ${t.id} PRIMARY KEY, org_id ${t.id} NOT NULL REFERENCES orgs(id), url ${t.text} NOT NULL,
      description ${t.text} NOT NULL, event_types ${t.json} NOT NULL, secret ${t.text} NOT NULL, previous_secret ${t.text},
      previous_secret_expires_at ${t.big}, status ${t.text} NOT NULL, disabled_reason ${t.text},
      consecutive_failures ${t.int} NOT NULL, failing_since ${t.big}, throttled_until ${t.big},
      created_at ${t.big} NOT NULL, updated_at ${t.big} NOT NULL)`,
    'CREATE INDEX webhook_endpoints_org ON webhook_endpoints (org_id, created_at, id)',
    // The per-organization secret that signs deliveries to tasks' and batches' callback_url.
    `CREATE TABLE webhook_callback_secrets (org_id ${t.id} PRIMARY KEY REFERENCES orgs(id), secret ${t.text} NOT NULL,
      previous_secret ${t.text}, previous_secret_expires_at ${t.big}, created_at ${t.big} NOT NULL, updated_at ${t.big} NOT NULL)`,
    // One row per (receiver, message): endpoint_key is the endpoint id, or 'callback' for the callback_url, so
    // the unique key makes fan-out idempotent. `body` is the exact bytes signed and sent on every attempt.
    // `version` fences delivery jobs: only the job enqueued for the current version may attempt.
    `CREATE TABLE webhook_deliveries (id ${t.id} PRIMARY KEY, org_id ${t.id} NOT NULL, endpoint_id ${t.id} REFERENCES webhook_endpoints(id),
      endpoint_key ${t.id} NOT NULL, outbox_seq ${t.big} NOT NULL, message_id ${t.id} NOT NULL, event_type ${t.text} NOT NULL,
      task_id ${t.id}, batch_id ${t.id}, url ${t.text} NOT NULL, body ${t.text} NOT NULL, status ${t.text} NOT NULL,
      attempts ${t.int} NOT NULL, version ${t.int} NOT NULL, next_attempt_at ${t.big}, retry_until ${t.big} NOT NULL,
      last_status ${t.int}, last_error ${t.text}, created_at ${t.big} NOT NULL, updated_at ${t.big} NOT NULL,
      delivered_at ${t.big}, UNIQUE (endpoint_key, message_id))`,
    'CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at, id)',
    'CREATE INDEX webhook_deliveries_org ON webhook_deliveries (org_id, created_at, id)',
    'CREATE INDEX webhook_deliveries_task ON webhook_deliveries (task_id)',
  ];
}

/** Webhook endpoints, the callback signing secret and the delivery log (fed from the engine's outbox). */
export const webhooksMigration: Migration = { name: '0004-webhooks', statements };
