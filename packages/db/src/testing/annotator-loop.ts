import type { Engine } from '@tessera/core';

export interface LoopResult {
  readonly leased: number;
  readonly submitted: number;
}

/**
 * A simulated annotator: lease up to `prefetch` tasks, submit a valid annotation for each, repeat until the
 * queue has nothing left for them. No releases or expiries, so an empty lease means "done for good".
 */
export async function runAnnotator(
  engine: Engine,
  orgId: string,
  annotatorId: string,
  payload: (taskId: string) => unknown,
  prefetch = 2,
): Promise<LoopResult> {
  let leased = 0;
  let submitted = 0;
  for (;;) {
    const leases = await engine.queue.lease({ orgId, annotatorId, count: prefetch });
    if (leases.length === 0) return { leased, submitted };
    leased += leases.length;
    for (const l of leases) {
      await engine.queue.submit({
        orgId,
        annotatorId,
        taskId: l.task.id,
        token: l.token,
        payload: payload(l.task.id),
      });
      submitted += 1;
    }
  }
}
