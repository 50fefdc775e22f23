import type { TableScope } from './t5-tenant-rule';

/**
 * T5's reviewed table: how each table's rows are tied to an organization. The test derives the tenant-owned
 * tables from the migrations (every table with an `org_id` column) and fails unless this table says exactly
 * that: a new table must be added here, and a table without `org_id` must say how it is scoped or why it is
 * cross-tenant by design.
 */
export const TABLE_SCOPES: Readonly<Record<string, TableScope>> = {
  // The tenant itself: its key is the organization id.
  orgs: { kind: 'root', column: 'id' },
  // Rows of one organization, each carrying it in org_id.
  annotations: { kind: 'org_id' },
  api_keys: { kind: 'org_id' },
  assignments: { kind: 'org_id' },
  batches: { kind: 'org_id' },
  events: { kind: 'org_id' },
  final_labels: { kind: 'org_id' },
  gold_scores: { kind: 'org_id' },
  idempotency_keys: { kind: 'org_id' },
  items: { kind: 'org_id' },
  ml_backend_callbacks: { kind: 'org_id' },
  ml_backends: { kind: 'org_id' },
  ontology_versions: { kind: 'org_id' },
  org_assets: { kind: 'org_id' },
  outbox: { kind: 'org_id' },
  predictions: { kind: 'org_id' },
  project_members: { kind: 'org_id' },
  projects: { kind: 'org_id' },
  quota_reservations: { kind: 'org_id' },
  reviews: { kind: 'org_id' },
  sessions: { kind: 'org_id' },
  tasks: { kind: 'org_id' },
  user_credentials: { kind: 'org_id' },
  users: { kind: 'org_id' },
  webhook_callback_secrets: { kind: 'org_id' },
  webhook_deliveries: { kind: 'org_id' },
  webhook_endpoints: { kind: 'org_id' },
  // Cross-tenant by design.
  jobs: {
    kind: 'system',
    reason:
      'the durable job queue (@tessera/jobs) knows nothing about tenants: any server process claims, retries and ' +
      'purges any job; a job that works on tenant data names its rows in its payload and reads them scoped',
  },
  rate_limit_buckets: {
    kind: 'system',
    reason:
      'token buckets keyed by credential or client IP; the key, not a row owner, decides whose budget it is',
  },
  tessera_migrations: {
    kind: 'system',
    reason: "the migrator's bookkeeping (one row per applied migration)",
  },
  sqlite_sequence: {
    kind: 'system',
    reason: "SQLite's AUTOINCREMENT counters (never queried by the service)",
  },
};

/** Catalog tables that statements may read and that no migration creates. */
export const CATALOG_SCOPES: Readonly<Record<string, TableScope>> = {
  pg_settings: { kind: 'system', reason: "PostgreSQL's server settings (the startup durability warning)" },
  pg_stat_user_tables: {
    kind: 'system',
    reason: "PostgreSQL's per-table statistics: dead rows of the queue tables (queue-vacuum.ts)",
  },
  pg_class: {
    kind: 'system',
    reason: 'PostgreSQL catalog: the queue tables and their owners (queue-vacuum.ts)',
  },
  pg_namespace: {
    kind: 'system',
    reason: 'PostgreSQL catalog: the schema of the queue tables (queue-vacuum.ts)',
  },
  pg_roles: {
    kind: 'system',
    reason: 'PostgreSQL catalog: whether the role is a superuser (queue-vacuum.ts)',
  },
  pg_database: { kind: 'system', reason: "PostgreSQL catalog: the database's owner (queue-vacuum.ts)" },
};
