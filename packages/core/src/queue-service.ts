import type { Project } from '@tessera/schema';
import { type CheckCaches, createCheckCaches } from './annotation-check';
import { createSubmitter, type SubmitRequest, type SubmitResult, staleLease } from './annotation-submit';
import { NotFoundError, ValidationError } from './errors';
import { endLease, expireDueLeases } from './lease-expiry';
import type { EngineDeps, Lease, Tx } from './ports';
import { createProjectLeaser } from './project-leaser';
import { memoizeProjects } from './project-memo';

export interface LeaseRequest {
  readonly orgId: string;
  readonly annotatorId: string;
  /** Lease from this project only; otherwise from every project the annotator belongs to. */
  readonly projectId?: string;
  /** How many tasks to lease at once (prefetch); 1 to 100. */
  readonly count?: number;
}

/** What to lease after a submit, in the submit's own transaction (the annotator is the submitter's). */
export type NextLeaseRequest = Omit<LeaseRequest, 'orgId' | 'annotatorId'>;

export interface SubmitAndLeaseResult extends SubmitResult {
  /** The next leases, durable with the submit; empty when the queue has nothing for the annotator. */
  readonly leases: readonly Lease[];
}

/** The labeling queue: lease (with gold mixed in), heartbeat, submit, release. */
export function createQueueService(deps: EngineDeps, caches: CheckCaches = createCheckCaches()) {
  const { store, clock } = deps;
  const leaseProject = createProjectLeaser(deps);
  const { submitInTx, requireLease } = createSubmitter(deps, caches);

  async function leaseInTx(
    tx: Tx,
    req: LeaseRequest,
    count: number,
    now: number,
    after: string | null = null,
  ): Promise<Lease[]> {
    const projects = await leasableProjects(tx, req);
    const leases: Lease[] = [];
    for (const project of projects) {
      if (leases.length >= count) break;
      leases.push(...(await leaseProject(tx, project, req.annotatorId, count - leases.length, now, after)));
    }
    // The claim leased only if the annotator is a member; nothing leased, so say which it was.
    if (leases.length === 0 && req.projectId !== undefined) await requireMember(tx, req, req.projectId);
    return leases;
  }

  /**
   * The leased tasks' items, committed with (or before) their tasks, for the submit's check against the item:
   * it then reads none.
   */
  function keepItems<L extends readonly Lease[]>(leases: L): L {
    for (const l of leases) if (l.item !== null) caches.items.keep(l.item);
    return leases;
  }

  return {
    /**
     * Leases up to `count` tasks: only projects the annotator belongs to, never a task they hold or answered,
     * only tasks short of their consensus count, by priority, deadline, then age; gold mixed in at the
     * project's gold rate. Assignments are durable before this resolves.
     */
    async lease(req: LeaseRequest): Promise<Lease[]> {
      const count = leaseCount(req);
      return keepItems(await store.write((tx) => leaseInTx(tx, req, count, clock.now())));
    },

    /** Extends a live lease by the project's lease duration. A lease that ended or expired is 409 stale_lease. */
    async heartbeat(
      orgId: string,
      annotatorId: string,
      taskId: string,
      token: number,
    ): Promise<{ expiresAt: number }> {
      const result = await store.write(async (tx) => {
        // The project, named by the task, travels with the lease read (one round trip on PostgreSQL).
        const [lease, found] = await Promise.all([
          requireLease(tx, orgId, annotatorId, taskId, token),
          tx.projects.getOfTask(orgId, taskId),
        ]);
        const now = clock.now();
        if (lease.status !== 'active') return 'stale' as const;
        if (lease.expires_at <= now) {
          await endLease(tx, deps, lease, 'expired', now);
          return 'stale' as const;
        }
        const project = found as Project;
        const expiresAt = now + project.workflow.lease_seconds * 1000;
        await tx.queue.extendHeldAssignment(lease.id, now, expiresAt);
        return { expiresAt };
      });
      if (result === 'stale') throw staleLease(taskId, token);
      return result;
    },

    /**
     * Submits an annotation under a lease. Validated against the task's pinned ontology version; a stale token
     * is 409 stale_lease; the same token twice returns the first result.
     */
    async submit(req: SubmitRequest): Promise<SubmitResult> {
      const result = await store.write((tx) => submitInTx(memoizeProjects(tx), req, clock.now()));
      if (result === 'stale') throw staleLease(req.taskId, req.token);
      return result;
    },

    /**
     * Submits, then leases the annotator's next task(s), in one transaction: one round trip per task for an
     * annotator working through a queue. A refused submit (stale lease, invalid payload) leases nothing. A
     * repeat (the same token again: a retry whose first answer was lost) leases nothing either: it answers the
     * leases the first made that are still live, so a retry without an Idempotency-Key strands no lease.
     */
    async submitAndLease(req: SubmitRequest, next: NextLeaseRequest): Promise<SubmitAndLeaseResult> {
      const leaseReq: LeaseRequest = { ...next, orgId: req.orgId, annotatorId: req.annotatorId };
      const count = leaseCount(leaseReq);
      const result = await store.write(async (raw) => {
        const tx = memoizeProjects(raw);
        const now = clock.now();
        const submitted = await submitInTx(tx, req, now);
        if (submitted === 'stale') return submitted;
        const leases = submitted.replayed
          ? await tx.queue.leasesAfter(req.orgId, submitted.assignmentId, now)
          : await leaseInTx(tx, leaseReq, count, now, submitted.assignmentId);
        return { ...submitted, leases };
      });
      if (result === 'stale') throw staleLease(req.taskId, req.token);
      keepItems(result.leases);
      return result;
    },

    /** Gives a lease back: `skip` keeps the task away from this annotator; `error` counts as a failed attempt. */
    async release(
      orgId: string,
      annotatorId: string,
      taskId: string,
      token: number,
      reason: 'release' | 'skip' | 'error' = 'release',
      error: string | null = null,
    ): Promise<void> {
      const ok = await store.write(async (tx) => {
        const lease = await requireLease(tx, orgId, annotatorId, taskId, token);
        if (lease.status !== 'active') return false;
        const how = reason === 'skip' ? 'skipped' : reason === 'error' ? 'failed' : 'released';
        await endLease(tx, deps, lease, how, clock.now(), error);
        return true;
      });
      if (!ok) throw staleLease(taskId, token);
    },

    /** Expires due leases everywhere (the sweeper job); returns how many. */
    sweepExpiredLeases(limit = 500): Promise<number> {
      return store.write((tx) => expireDueLeases(tx, deps, clock.now(), limit));
    },
  };
}
export type QueueService = ReturnType<typeof createQueueService>;

function leaseCount(req: LeaseRequest): number {
  const count = req.count ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > 100) {
    throw new ValidationError([
      { path: '/count', code: 'out_of_range', message: 'must be an integer from 1 to 100' },
    ]);
  }
  return count;
}

/**
 * The projects a lease may draw from. With a project named, the project itself (an unknown one is 404
 * `project`, or 404 `user` for an unknown annotator): the claim checks membership as it leases, and
 * `requireMember` tells a non-member from an empty queue only when nothing was leased, so a member leasing
 * from one project reads neither a user row nor a membership row of its own.
 */
async function leasableProjects(tx: Tx, req: LeaseRequest): Promise<Project[]> {
  if (req.projectId === undefined) {
    await requireUser(tx, req);
    return tx.projects.listForMember(req.orgId, req.annotatorId);
  }
  const project = await tx.projects.get(req.orgId, req.projectId);
  if (project !== undefined) return [project];
  await requireUser(tx, req);
  throw new NotFoundError('project', req.projectId);
}

/** A project the annotator is not in is 404 `project` (404 `user` for an unknown annotator). */
async function requireMember(tx: Tx, req: LeaseRequest, projectId: string): Promise<void> {
  if (await tx.projects.isMember(projectId, req.annotatorId)) return;
  await requireUser(tx, req);
  throw new NotFoundError('project', projectId);
}

async function requireUser(tx: Tx, req: LeaseRequest): Promise<void> {
  if ((await tx.users.get(req.orgId, req.annotatorId)) === undefined)
    throw new NotFoundError('user', req.annotatorId);
}
