import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Store } from '@tessera/core';
import { jobsMigration } from '@tessera/jobs';
import { engineMigration } from './migrations/0001-engine';
import { serviceMigration } from './migrations/0003-service';
import { webhooksMigration } from './migrations/0004-webhooks';
import { statsIndexesMigration } from './migrations/0005-stats-indexes';
import { taskRetryRefsMigration } from './migrations/0006-task-retry-refs';
import { limitsQuotasMigration } from './migrations/0007-limits-quotas';
import { exportIndexMigration } from './migrations/0008-export-index';
import { mlBackendsMigration } from './migrations/0009-ml-backends';
import { dropRedundantIndexMigration } from './migrations/0010-drop-redundant-index';
import { idempotencyKeyFirstMigration } from './migrations/0011-idempotency-key-first';
import { assignmentAfterMigration } from './migrations/0012-assignment-after';
import { dropOutboxTaskIndexMigration } from './migrations/0013-drop-outbox-task-index';
import type { Migration } from './migrations/column-types';
import { migrate } from './migrator';
import { openPostgres } from './postgres-client';
import type { SqlClient } from './sql-client';
import { createSqlStore } from './sql-store';
import { openSqlite, type SqliteSynchronous } from './sqlite-client';

/** Every migration, in order. */
export const MIGRATIONS: readonly Migration[] = [
  engineMigration,
  jobsMigration,
  serviceMigration,
  webhooksMigration,
  statsIndexesMigration,
  taskRetryRefsMigration,
  limitsQuotasMigration,
  exportIndexMigration,
  mlBackendsMigration,
  dropRedundantIndexMigration,
  idempotencyKeyFirstMigration,
  assignmentAfterMigration,
  dropOutboxTaskIndexMigration,
];

export type DatabaseConfig =
  | { readonly kind: 'sqlite'; readonly path: string; readonly synchronous?: SqliteSynchronous }
  | { readonly kind: 'postgres'; readonly url: string; readonly poolSize?: number; readonly schema?: string };

export interface Database {
  readonly client: SqlClient;
  readonly store: Store;
  close(): Promise<void>;
}

/** Opens SQLite (default) or PostgreSQL, applies pending migrations, and returns the engine's store. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  let client: SqlClient;
  if (config.kind === 'sqlite') {
    if (config.path !== ':memory:') mkdirSync(dirname(config.path), { recursive: true });
    client = openSqlite({ path: config.path, synchronous: config.synchronous ?? 'FULL' });
  } else {
    client = openPostgres({ url: config.url, poolSize: config.poolSize, schema: config.schema });
  }
  await migrate(client, MIGRATIONS);
  return { client, store: createSqlStore(client), close: () => client.close() };
}
