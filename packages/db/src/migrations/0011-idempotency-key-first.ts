import type { Dialect } from '../sql-client';
import { columnTypes, type Migration } from './column-types';

/**
 * Idempotency records, indexed key first: `(idem_key, org_id, credential_id)`. Keys made in time order (the SDK's
 * UUID v7) then enter the index at its end, where the scope-first order `(org_id, credential_id, idem_key)`
 * (0003) put every key on a random page of its credential's range: that index was a sixth of all WAL pages
 * a group commit of the labeling loop wrote. A lookup matches all three columns either way. The table is
 * rebuilt (records live 24 h).
 */
function statements(d: Dialect): string[] {
  const t = columnTypes(d);
  return [
    `CREATE TABLE idempotency_keys_next (org_id ${t.id} NOT NULL, credential_id ${t.id} NOT NULL, idem_key ${t.text} NOT NULL,
      fingerprint ${t.text} NOT NULL, status ${t.text} NOT NULL, response_status ${t.int}, response_body ${t.text},
      response_type ${t.text}, created_at ${t.big} NOT NULL, completed_at ${t.big}, PRIMARY KEY (idem_key, org_id, credential_id))`,
    `INSERT INTO idempotency_keys_next (org_id, credential_id, idem_key, fingerprint, status, response_status,
      response_body, response_type, created_at, completed_at)
     SELECT org_id, credential_id, idem_key, fingerprint, status, response_status, response_body, response_type,
      created_at, completed_at FROM idempotency_keys`,
    'DROP TABLE idempotency_keys',
    'ALTER TABLE idempotency_keys_next RENAME TO idempotency_keys',
    'CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at)',
  ];
}

export const idempotencyKeyFirstMigration: Migration = { name: '0011-idempotency-key-first', statements };
