import type { JobHandler, JobQueue } from '@tessera/jobs';
import type { SqlClient } from './sql-client';

export const QUEUE_VACUUM_QUEUE = 'db.vacuum-queue-tables';

/**
 * The tables whose rows leave a partial index when they are updated (PostgreSQL only): tasks leaving the lease
 * index, assignments leaving the live-lease and expiry indexes, outbox rows leaving `outbox_pending`, jobs leaving
 * their claim index. Such an update is never HOT, so every row that left keeps a dead entry at the front of its
 * index, which every scan from the front (a lease, an expiry check, the webhook fan-out, a job claim) steps over
 * with a heap fetch until VACUUM prunes the heap. Before this job the lease read ~170 buffers per call after 3,000
 * labelled tasks and ~1,900 after 15,000 (pg_stat_statements), and bench's `sustained-postgres` fell from 775 to
 * 276 tasks/s within 30,000 tasks until autovacuum came (its defaults wait for a fifth of the table to be dead,
 * and look once a minute); with it, 1,001–1,079 tasks/s throughout.
 */
export const QUEUE_TABLES = ['tasks', 'assignments', 'outbox', 'jobs'] as const;

/**
 * Dead rows a queue table may hold before the job vacuums it: two per labelled task in `tasks`. On the engine
 * alone, a VACUUM per ~6,000 dead rows kept throughput flat; each VACUUM of a small table also cleans its
 * indexes, so vacuuming at every 1,000 cost short drains of three serve processes 6–11% (bench/ab.ts).
 */
export const QUEUE_VACUUM_MIN_DEAD_ROWS = 5_000;

/**
 * VACUUMs the queue tables of this schema that hold at least `minDeadRows` dead rows (PostgreSQL's statistics:
 * `pg_stat_user_tables`), and answers their names; on SQLite, which keeps no dead rows, nothing. `SKIP_LOCKED`
 * passes over a table another VACUUM holds. PostgreSQL itself decides whether to clean the indexes too (it skips
 * that while few heap pages hold dead rows); pruning the heap is what makes a scan's heap fetch of a dead entry
 * cheap and lets the scan mark the entry dead in the index.
 */
export async function vacuumQueueTables(
  client: SqlClient,
  minDeadRows = QUEUE_VACUUM_MIN_DEAD_ROWS,
): Promise<string[]> {
  if (client.dialect !== 'postgres') return [];
  const due = await client.all<{ relname: string }>(
    `SELECT relname FROM pg_stat_user_tables WHERE schemaname = current_schema()
      AND relname IN (${QUEUE_TABLES.map(() => '?').join(', ')}) AND n_dead_tup >= ? ORDER BY relname`,
    [...QUEUE_TABLES, minDeadRows],
  );
  // Names go into the statement: only this module's own constants.
  const names = due.map((r) => r.relname).filter((n) => (QUEUE_TABLES as readonly string[]).includes(n));
  for (const name of names) await client.run(`VACUUM (SKIP_LOCKED) ${name}`);
  return names;
}

/**
 * The queue tables of this schema the connected role may not VACUUM (PostgreSQL: only a superuser, the database's
 * owner or the table's owner may); none on SQLite. VACUUM only warns and skips such a table, so the job cannot
 * notice by itself: `tessera serve` checks at startup.
 */
export async function queueTablesWithoutVacuum(client: SqlClient): Promise<string[]> {
  if (client.dialect !== 'postgres') return [];
  const rows = await client.all<{ relname: string }>(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relname IN (${QUEUE_TABLES.map(() => '?').join(', ')})
        AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
        AND NOT pg_has_role(current_user, c.relowner, 'MEMBER')
        AND NOT pg_has_role(current_user, (SELECT datdba FROM pg_database WHERE datname = current_database()), 'MEMBER')
      ORDER BY c.relname`,
    [...QUEUE_TABLES],
  );
  return rows.map((r) => r.relname);
}

/** The job's handler: one pass over the queue tables. */
export function queueVacuumHandlers(client: SqlClient): Record<string, JobHandler> {
  return {
    [QUEUE_VACUUM_QUEUE]: async () => {
      await vacuumQueueTables(client);
    },
  };
}

/** Keeps one pending vacuum job every `everyMs` (default 2 s), shared by every server process on the database. */
export function scheduleQueueVacuum(jobs: JobQueue, everyMs = 2_000): Promise<string | null> {
  return jobs.schedulePeriodic(QUEUE_VACUUM_QUEUE, 'queue-vacuum', everyMs);
}
