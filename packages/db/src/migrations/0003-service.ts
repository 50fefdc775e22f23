import type { Dialect } from '../sql-client';
import { columnTypes, type Migration } from './column-types';

function statements(d: Dialect): string[] {
  const t = columnTypes(d);
  return [
    // API keys: only SHA-256(key) is stored; `prefix` is what lists and logs may show.
    `CREATE TABLE api_keys (id ${t.id} PRIMARY KEY, org_id ${t.id} NOT NULL REFERENCES orgs(id), user_id ${t.id} REFERENCES users(id),
      name ${t.text} NOT NULL, prefix ${t.text} NOT NULL, key_hash ${t.text} NOT NULL UNIQUE, scopes ${t.json} NOT NULL,
      rate_per_second ${t.real}, rate_burst ${t.int}, created_at ${t.big} NOT NULL, last_used_at ${t.big}, revoked_at ${t.big})`,
    'CREATE INDEX api_keys_org ON api_keys (org_id, created_at)',
    // Passwords as PHC Argon2id strings.
    `CREATE TABLE user_credentials (user_id ${t.id} PRIMARY KEY REFERENCES users(id), org_id ${t.id} NOT NULL,
      password_hash ${t.text} NOT NULL, updated_at ${t.big} NOT NULL)`,
    `CREATE TABLE sessions (id ${t.id} PRIMARY KEY, org_id ${t.id} NOT NULL, user_id ${t.id} NOT NULL REFERENCES users(id),
      token_hash ${t.text} NOT NULL UNIQUE, csrf_token ${t.text} NOT NULL, created_at ${t.big} NOT NULL,
      expires_at ${t.big} NOT NULL, revoked_at ${t.big})`,
    // Idempotency-Key records: scoped to tenant + credential, replayed for 24 h.
    `CREATE TABLE idempotency_keys (org_id ${t.id} NOT NULL, credential_id ${t.id} NOT NULL, idem_key ${t.text} NOT NULL,
      fingerprint ${t.text} NOT NULL, status ${t.text} NOT NULL, response_status ${t.int}, response_body ${t.text},
      response_type ${t.text}, created_at ${t.big} NOT NULL, completed_at ${t.big}, PRIMARY KEY (org_id, credential_id, idem_key))`,
    'CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at)',
  ];
}

/** The service's own tables: API keys, passwords, sessions, idempotency records. */
export const serviceMigration: Migration = { name: '0003-service', statements };
