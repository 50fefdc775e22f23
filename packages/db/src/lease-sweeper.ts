import type { Engine } from '@tessera/core';
import type { JobHandler, JobQueue } from '@tessera/jobs';

export const LEASE_SWEEP_QUEUE = 'queue.sweep-leases';
const SWEEP_CHUNK = 500;

/** The sweeper's job handler: expires every due lease (in chunks), returning their tasks to the queue. */
export function leaseSweeperHandlers(engine: Engine): Record<string, JobHandler> {
  return {
    [LEASE_SWEEP_QUEUE]: async () => {
      while ((await engine.queue.sweepExpiredLeases(SWEEP_CHUNK)) === SWEEP_CHUNK) {
        // more were due: sweep the next chunk in its own transaction
      }
    },
  };
}

/** Keeps exactly one pending sweeper job, running every `everyMs` (across all server processes). */
export function scheduleLeaseSweeper(jobs: JobQueue, everyMs = 5_000): Promise<string | null> {
  return jobs.schedulePeriodic(LEASE_SWEEP_QUEUE, 'lease-sweeper', everyMs);
}
