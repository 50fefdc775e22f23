import { queueTablesWithoutVacuum, type SqlClient } from '@tessera/db';

/**
 * `tessera serve` warns once at startup when it may not VACUUM the queue tables (another role owns them): the
 * queue-vacuum job would skip them, and on PostgreSQL leases slow down as tasks are labelled until autovacuum
 * gets to them (docs/ARCHITECTURE.md, "PostgreSQL's dead rows in the queues").
 */
export async function warnIfQueueCannotBeVacuumed(
  client: SqlClient,
  log: { warn(message: string): void },
): Promise<void> {
  const tables = await queueTablesWithoutVacuum(client);
  if (tables.length === 0) return;
  log.warn(
    `PostgreSQL: this role may not VACUUM ${tables.join(', ')} (another role owns them), so the queue-vacuum job ` +
      'skips them and leases slow down as tasks are labelled until autovacuum runs; run serve as their owner, or ' +
      `have autovacuum visit them often (ALTER TABLE … SET (autovacuum_vacuum_scale_factor = 0, ` +
      'autovacuum_vacuum_threshold = 1000) and a short autovacuum_naptime)',
  );
}
