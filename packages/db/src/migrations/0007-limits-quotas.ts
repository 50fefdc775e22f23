import type { Dialect } from '../sql-client';
import { columnTypes, type Migration } from './column-types';

function statements(d: Dialect): string[] {
  const t = columnTypes(d);
  // Rate-limit buckets are throwaway state: on PostgreSQL UNLOGGED (no WAL, so no flush per request; a crash
  // empties the table, which only refills every bucket). One row per bucket key, updated in one upsert.
  const unlogged = d === 'postgres' ? 'UNLOGGED ' : '';
  return [
    `CREATE ${unlogged}TABLE rate_limit_buckets (bucket_key ${t.text} NOT NULL PRIMARY KEY, burst ${t.int} NOT NULL,
      per_second ${t.real} NOT NULL, tokens ${t.real} NOT NULL, granted ${t.bool} NOT NULL, updated_at ${t.big} NOT NULL)`,
    // Quota units taken by creates still running (tasks, endpoints, asset bytes): counted with what is stored,
    // deleted when the create ends; a crashed process's reservations stop counting at expires_at.
    `CREATE TABLE quota_reservations (id ${t.id} NOT NULL PRIMARY KEY, org_id ${t.id} NOT NULL REFERENCES orgs(id),
      resource ${t.text} NOT NULL, amount ${t.big} NOT NULL, expires_at ${t.big} NOT NULL)`,
    'CREATE INDEX quota_reservations_org ON quota_reservations (org_id, resource, expires_at)',
    // Which organization stored which content-addressed asset file, and its size: the storage quota's count.
    `CREATE TABLE org_assets (org_id ${t.id} NOT NULL REFERENCES orgs(id), file ${t.text} NOT NULL,
      bytes ${t.big} NOT NULL, created_at ${t.big} NOT NULL, PRIMARY KEY (org_id, file))`,
  ];
}

/** Shared rate-limit buckets, quota reservations and per-organization asset accounting. */
export const limitsQuotasMigration: Migration = { name: '0007-limits-quotas', statements };
