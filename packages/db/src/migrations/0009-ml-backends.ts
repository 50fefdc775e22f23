import type { Dialect } from '../sql-client';
import { columnTypes, type Migration } from './column-types';

function statements(d: Dialect): string[] {
  const t = columnTypes(d);
  return [
    // Model backends of a project. Secrets are AES-256-GCM ciphertexts (never plaintext); after a rotation the
    // previous secret verifies too until `previous_secret_expires_at`. A deleted backend keeps its row (its
    // predictions name it) with its secrets wiped and `deleted_at` set.
    `CREATE TABLE ml_backends (id ${t.id} NOT NULL PRIMARY KEY, org_id ${t.id} NOT NULL REFERENCES orgs(id),
      project_id ${t.id} NOT NULL REFERENCES projects(id), name ${t.text} NOT NULL, secret ${t.text} NOT NULL,
      previous_secret ${t.text}, previous_secret_expires_at ${t.big}, created_at ${t.big} NOT NULL,
      updated_at ${t.big} NOT NULL, deleted_at ${t.big})`,
    'CREATE INDEX ml_backends_org ON ml_backends (org_id, created_at, id)',
    // Every applied callback's `webhook-id`, per backend: the primary key makes a replay (or a concurrent
    // duplicate) a no-op. Kept for a retention period past the signature tolerance, then purged.
    `CREATE TABLE ml_backend_callbacks (org_id ${t.id} NOT NULL REFERENCES orgs(id),
      backend_id ${t.id} NOT NULL REFERENCES ml_backends(id), webhook_id ${t.text} NOT NULL,
      predictions ${t.int} NOT NULL, received_at ${t.big} NOT NULL, PRIMARY KEY (backend_id, webhook_id))`,
    'CREATE INDEX ml_backend_callbacks_received ON ml_backend_callbacks (received_at)',
    // Model outputs for tasks, as received (payload validated against the task's ontology version).
    `CREATE TABLE predictions (id ${t.id} NOT NULL PRIMARY KEY, org_id ${t.id} NOT NULL REFERENCES orgs(id),
      project_id ${t.id} NOT NULL REFERENCES projects(id), task_id ${t.id} NOT NULL REFERENCES tasks(id),
      backend_id ${t.id} NOT NULL REFERENCES ml_backends(id), webhook_id ${t.text} NOT NULL,
      model_version ${t.text} NOT NULL, payload ${t.json} NOT NULL, schema_version ${t.int} NOT NULL,
      ontology_version ${t.int} NOT NULL, score ${t.real}, created_at ${t.big} NOT NULL)`,
    'CREATE INDEX predictions_task ON predictions (org_id, task_id, created_at, id)',
  ];
}

/** ML backends (project-scoped, signed inbound callbacks), their applied callback ids, and predictions. */
export const mlBackendsMigration: Migration = { name: '0009-ml-backends', statements };
