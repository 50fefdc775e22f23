import type { Assignment, Project } from '@tessera/schema';
import { appendEvent } from './events';
import { expireDueLeases } from './lease-expiry';
import type { EngineDeps, Lease, Tx } from './ports';

/** Leases expired during any lease call, per project, before claiming (the sweeper job does the rest). */
const EXPIRE_ON_LEASE = 50;
/** A project's due leases are looked for at most this often by lease calls (the sweeper also runs). */
const EXPIRY_CHECK_MS = 1_000;

/**
 * Leases up to `want` tasks of one project to an annotator in the caller's transaction: gold tasks at the
 * project's gold rate, the rest in lease order; the assignments are written before this returns. `after` is
 * the lease whose submit asks for these (a submit with `lease_next`), recorded so a repeat can answer them.
 */
export function createProjectLeaser(deps: EngineDeps) {
  const { ids, random } = deps;
  const lastExpiryCheck = new Map<string, number>();
  return async function leaseProject(
    tx: Tx,
    project: Project,
    annotatorId: string,
    want: number,
    now: number,
    after: string | null = null,
  ): Promise<Lease[]> {
    if (now - (lastExpiryCheck.get(project.id) ?? Number.NEGATIVE_INFINITY) >= EXPIRY_CHECK_MS) {
      lastExpiryCheck.set(project.id, now);
      await expireDueLeases(tx, deps, now, EXPIRE_ON_LEASE, project.id);
    }
    let goldWanted = 0;
    for (let i = 0; i < want; i++)
      if (project.workflow.gold_rate > 0 && random.next() < project.workflow.gold_rate) goldWanted += 1;
    const query = { projectId: project.id, annotatorId };
    const gold = goldWanted > 0 ? await tx.queue.claimGoldCandidates({ ...query, limit: goldWanted }) : [];
    const regular = await tx.queue.claimCandidates({ ...query, limit: want - gold.length });
    const leases: Lease[] = [];
    const assignments: Assignment[] = [];
    const expiresAt = now + project.workflow.lease_seconds * 1000;
    for (const { task, item } of [...gold, ...regular]) {
      const active = task.leases_active + 1;
      const stage = task.is_gold
        ? 'gold'
        : task.annotations_done + active >= task.annotations_needed
          ? 'labeling'
          : 'queued';
      const token = task.lease_seq + 1;
      await tx.tasks.patchHeld(task.id, task.stage, {
        leases_active: active,
        lease_seq: token,
        stage,
        updated_at: now,
      });
      const assignment: Assignment = {
        id: ids.next('asg'),
        org_id: task.org_id,
        project_id: task.project_id,
        task_id: task.id,
        annotator_id: annotatorId,
        token,
        status: 'active',
        is_gold: task.is_gold,
        leased_at: now,
        heartbeat_at: now,
        expires_at: expiresAt,
        ended_at: null,
        annotation_id: null,
        after_assignment_id: after,
      };
      assignments.push(assignment);
      leases.push({
        assignmentId: assignment.id,
        token,
        expiresAt,
        task: { ...task, leases_active: active, lease_seq: token, stage, updated_at: now },
        item,
      });
    }
    await tx.queue.insertAssignments(assignments);
    for (const a of assignments) {
      await appendEvent(tx, ids, now, {
        orgId: a.org_id,
        projectId: a.project_id,
        taskId: a.task_id,
        type: 'task.leased',
        actorId: annotatorId,
        data: { token: a.token },
      });
    }
    return leases;
  };
}
