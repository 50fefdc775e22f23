import type { Assignment, Project } from '@tessera/schema';
import { appendEvent } from './events';
import type { EngineDeps, Tx } from './ports';

/**
 * Ends a lease that was not submitted (expired, released, skipped, or failed) and returns its slot to the
 * queue. Expiries and failures count toward the project's max_attempts; reaching it dead-letters the task.
 * The unit holds the assignment and saw it active (`requireLease`, or `expiredAssignments`: both locked on
 * PostgreSQL), so ending it cannot miss.
 */
export async function endLease(
  tx: Tx,
  deps: Pick<EngineDeps, 'ids'>,
  assignment: Assignment,
  how: 'expired' | 'released' | 'skipped' | 'failed',
  now: number,
  error: string | null = null,
): Promise<void> {
  const status = how === 'failed' ? 'released' : how;
  await tx.queue.endHeldAssignment(assignment.id, status, now, null);
  // The project is read with the task: one round trip on PostgreSQL.
  const [task, found] = await Promise.all([
    tx.tasks.getForUpdate(assignment.task_id),
    tx.projects.get(assignment.org_id, assignment.project_id),
  ]);
  if (task === undefined) return;
  const project = found as Project;
  const counts = how === 'expired' || how === 'failed';
  const failed = task.failed_attempts + (counts ? 1 : 0);
  const active = Math.max(0, task.leases_active - 1);
  const base = { leases_active: active, failed_attempts: failed, updated_at: now };
  const event = {
    orgId: task.org_id,
    projectId: task.project_id,
    taskId: task.id,
    actorId: assignment.annotator_id,
  };
  if (task.stage === 'gold' || !['queued', 'labeling'].includes(task.stage)) {
    await tx.tasks.patch(task.id, base);
  } else if (counts && failed >= project.workflow.max_attempts) {
    const lastError = error ?? `lease ${how} ${failed} times`;
    await tx.tasks.patch(task.id, { ...base, stage: 'dead', status: 'error', last_error: lastError });
    await appendEvent(tx, deps.ids, now, {
      ...event,
      type: 'task.dead_lettered',
      data: { attempts: failed, error: lastError },
    });
    return;
  } else {
    await tx.tasks.patch(task.id, { ...base, stage: 'queued', ...(error ? { last_error: error } : {}) });
  }
  const type = how === 'expired' ? 'task.lease_expired' : 'task.released';
  await appendEvent(tx, deps.ids, now, {
    ...event,
    type,
    data: { token: assignment.token, reason: how, error },
  });
}

/** Expires due leases (oldest first, at most `limit`) and returns how many were expired. */
export async function expireDueLeases(
  tx: Tx,
  deps: Pick<EngineDeps, 'ids'>,
  now: number,
  limit: number,
  projectId?: string,
): Promise<number> {
  const due = await tx.queue.expiredAssignments(now, limit, projectId);
  for (const a of due) await endLease(tx, deps, a, 'expired', now);
  return due.length;
}
