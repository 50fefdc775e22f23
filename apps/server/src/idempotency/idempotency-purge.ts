import type { Clock } from '@tessera/core';
import type { SqlClient } from '@tessera/db';
import type { JobHandler, JobQueue } from '@tessera/jobs';
import { IDEMPOTENCY_RETENTION_MS } from './idempotency-hooks';
import { createIdempotencyStore } from './idempotency-store';

export const IDEMPOTENCY_PURGE_QUEUE = 'idempotency.purge';
const PURGE_CHUNK = 1_000;

/** Deletes Idempotency-Key records past the 24 h retention, a chunk per transaction. */
export function idempotencyPurgeHandlers(client: SqlClient, clock: Clock): Record<string, JobHandler> {
  const store = createIdempotencyStore(client);
  return {
    [IDEMPOTENCY_PURGE_QUEUE]: async () => {
      const before = clock.now() - IDEMPOTENCY_RETENTION_MS;
      while ((await store.purge(before, PURGE_CHUNK)) === PURGE_CHUNK) {
        // a full chunk: more may be due
      }
    },
  };
}

/** Keeps one pending purge job, every `everyMs` (default 10 min), shared by all server processes. */
export function scheduleIdempotencyPurge(jobs: JobQueue, everyMs = 10 * 60_000): Promise<string | null> {
  return jobs.schedulePeriodic(IDEMPOTENCY_PURGE_QUEUE, 'idempotency-purge', everyMs);
}
