import type { Annotation, Assignment, Project, Task } from '@tessera/schema';
import { ANNOTATION_SCHEMA_VERSION } from '@tessera/schema';
import { validateForTask } from './annotation-check';
import { scoreGold } from './consensus/gold-score';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import { appendEvent } from './events';
import { endLease, expireDueLeases } from './lease-expiry';
import { createOntologyCache, type OntologyCache } from './ontology-cache';
import type { EngineDeps, Tx } from './ports';
import { finishRound } from './task-completion';

export interface Lease {
  readonly assignmentId: string;
  readonly token: number;
  readonly expiresAt: number;
  readonly task: Task;
}

export interface LeaseRequest {
  readonly orgId: string;
  readonly annotatorId: string;
  /** Lease from this project only; otherwise from every project the annotator belongs to. */
  readonly projectId?: string;
  /** How many tasks to lease at once (prefetch); 1 to 100. */
  readonly count?: number;
}

export interface SubmitRequest {
  readonly orgId: string;
  readonly annotatorId: string;
  readonly taskId: string;
  readonly token: number;
  readonly payload: unknown;
  readonly durationMs?: number | null;
}

export interface SubmitResult {
  readonly annotationId: string;
  readonly task: Task;
  /** True when this token was already submitted: the first result is returned, nothing is written. */
  readonly replayed: boolean;
}

/** Leases expired during any lease call, per project, before claiming (the sweeper job does the rest). */
const EXPIRE_ON_LEASE = 50;
/** A project's due leases are looked for at most this often by lease calls (the sweeper also runs). */
const EXPIRY_CHECK_MS = 1_000;

function staleLease(taskId: string, token: number): ConflictError {
  return new ConflictError('stale_lease', `lease ${token} on task ${taskId} is no longer valid`, {
    task_id: taskId,
    token,
  });
}

/** The labeling queue: lease (with gold mixed in), heartbeat, submit, release. */
export function createQueueService(deps: EngineDeps, ontologies: OntologyCache = createOntologyCache()) {
  const { store, clock, ids, random } = deps;
  const lastExpiryCheck = new Map<string, number>();

  async function leaseProject(
    tx: Tx,
    project: Project,
    annotatorId: string,
    want: number,
    now: number,
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
    for (const task of [...gold, ...regular]) {
      const active = task.leases_active + 1;
      const stage = task.is_gold
        ? 'gold'
        : task.annotations_done + active >= task.annotations_needed
          ? 'labeling'
          : 'queued';
      const token = task.lease_seq + 1;
      const ok = await tx.tasks.update(task.id, [task.stage], {
        leases_active: active,
        lease_seq: token,
        stage,
        updated_at: now,
      });
      if (!ok) continue;
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
      };
      assignments.push(assignment);
      leases.push({
        assignmentId: assignment.id,
        token,
        expiresAt,
        task: { ...task, leases_active: active, lease_seq: token, stage },
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
  }

  async function requireLease(tx: Tx, orgId: string, annotatorId: string, taskId: string, token: number) {
    const a = await tx.queue.getAssignment(taskId, token);
    if (a === undefined || a.org_id !== orgId || a.annotator_id !== annotatorId)
      throw new NotFoundError('lease', `${taskId}#${token}`);
    return a;
  }

  async function recordGold(tx: Tx, task: Task, annotation: Annotation, now: number) {
    const score = scoreGold(annotation.payload, task.expected_response ?? annotation.payload);
    await tx.goldScores.insert({
      id: ids.next('gld'),
      org_id: task.org_id,
      project_id: task.project_id,
      task_id: task.id,
      annotator_id: annotation.author_id,
      annotation_id: annotation.id,
      accuracy: score.accuracy,
      mean_iou: score.meanIou,
      created_at: now,
    });
    await tx.tasks.update(task.id, [], {
      leases_active: Math.max(0, task.leases_active - 1),
      updated_at: now,
    });
    await appendEvent(tx, ids, now, {
      orgId: task.org_id,
      projectId: task.project_id,
      taskId: task.id,
      type: 'task.gold_scored',
      actorId: annotation.author_id,
      data: { accuracy: score.accuracy, mean_iou: score.meanIou },
    });
  }

  async function submitInTx(tx: Tx, req: SubmitRequest, now: number): Promise<SubmitResult | 'stale'> {
    const lease = await requireLease(tx, req.orgId, req.annotatorId, req.taskId, req.token);
    if (lease.status === 'submitted') {
      return {
        annotationId: lease.annotation_id as string,
        task: (await tx.tasks.get(req.orgId, req.taskId)) as Task,
        replayed: true,
      };
    }
    if (lease.status !== 'active') return 'stale';
    if (lease.expires_at <= now) {
      await endLease(tx, deps, lease, 'expired', now);
      return 'stale';
    }
    const task = (await tx.tasks.getForUpdate(req.taskId)) as Task;
    if (task.stage === 'canceled' || task.stage === 'completed' || task.stage === 'dead') {
      await endLease(tx, deps, lease, 'released', now);
      return 'stale';
    }
    const checked = await validateForTask(tx, ontologies, task, req.payload);
    if (!checked.ok) throw new ValidationError(checked.issues);
    const annotation: Annotation = {
      id: ids.next('ann'),
      org_id: task.org_id,
      project_id: task.project_id,
      task_id: task.id,
      assignment_id: lease.id,
      author_id: req.annotatorId,
      kind: task.is_gold ? 'gold_attempt' : 'label',
      payload: checked.value,
      ontology_version: task.ontology_version,
      schema_version: ANNOTATION_SCHEMA_VERSION,
      duration_ms: req.durationMs ?? null,
      created_at: now,
    };
    await tx.annotations.insert(annotation);
    if (!(await tx.queue.endAssignment(lease.id, 'submitted', now, annotation.id))) {
      throw staleLease(req.taskId, req.token); // lost a race with an expiry: roll back the annotation
    }
    await appendEvent(tx, ids, now, {
      orgId: task.org_id,
      projectId: task.project_id,
      taskId: task.id,
      type: 'task.annotated',
      actorId: req.annotatorId,
      data: { annotation_id: annotation.id, token: lease.token },
    });
    if (task.is_gold) {
      await recordGold(tx, task, annotation, now);
      return { annotationId: annotation.id, task, replayed: false };
    }
    return { annotationId: annotation.id, task: await afterSubmit(tx, task, now), replayed: false };
  }

  async function afterSubmit(tx: Tx, task: Task, now: number): Promise<Task> {
    const counted: Task = {
      ...task,
      annotations_done: task.annotations_done + 1,
      leases_active: Math.max(0, task.leases_active - 1),
    };
    if (counted.annotations_done >= counted.annotations_needed) {
      const project = (await tx.projects.get(task.org_id, task.project_id)) as Project;
      return finishRound(tx, deps, counted, project, now);
    }
    const stage =
      counted.annotations_done + counted.leases_active >= counted.annotations_needed ? 'labeling' : 'queued';
    await tx.tasks.update(task.id, [], {
      annotations_done: counted.annotations_done,
      leases_active: counted.leases_active,
      stage,
      updated_at: now,
    });
    return { ...counted, stage, updated_at: now };
  }

  return {
    /**
     * Leases up to `count` tasks: only projects the annotator belongs to, never a task they hold or answered,
     * only tasks short of their consensus count, by priority, deadline, then age; gold mixed in at the
     * project's gold rate. Assignments are durable before this resolves.
     */
    async lease(req: LeaseRequest): Promise<Lease[]> {
      const count = req.count ?? 1;
      if (!Number.isInteger(count) || count < 1 || count > 100) {
        throw new ValidationError([
          { path: '/count', code: 'out_of_range', message: 'must be an integer from 1 to 100' },
        ]);
      }
      return store.write(async (tx) => {
        const now = clock.now();
        if ((await tx.users.get(req.orgId, req.annotatorId)) === undefined)
          throw new NotFoundError('user', req.annotatorId);
        const projects = await memberProjects(tx, req);
        const leases: Lease[] = [];
        for (const project of projects) {
          if (leases.length >= count) break;
          leases.push(...(await leaseProject(tx, project, req.annotatorId, count - leases.length, now)));
        }
        return leases;
      });
    },

    /** Extends a live lease by the project's lease duration. A lease that ended or expired is 409 stale_lease. */
    async heartbeat(
      orgId: string,
      annotatorId: string,
      taskId: string,
      token: number,
    ): Promise<{ expiresAt: number }> {
      const result = await store.write(async (tx) => {
        const lease = await requireLease(tx, orgId, annotatorId, taskId, token);
        const now = clock.now();
        if (lease.status !== 'active') return 'stale' as const;
        if (lease.expires_at <= now) {
          await endLease(tx, deps, lease, 'expired', now);
          return 'stale' as const;
        }
        const project = (await tx.projects.get(orgId, lease.project_id)) as Project;
        const expiresAt = now + project.workflow.lease_seconds * 1000;
        if (!(await tx.queue.extendAssignment(lease.id, now, expiresAt))) return 'stale' as const;
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
      const result = await store.write((tx) => submitInTx(tx, req, clock.now()));
      if (result === 'stale') throw staleLease(req.taskId, req.token);
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
        return endLease(tx, deps, lease, how, clock.now(), error);
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

async function memberProjects(tx: Tx, req: LeaseRequest): Promise<Project[]> {
  if (req.projectId === undefined) return tx.projects.listForMember(req.orgId, req.annotatorId);
  const project = await tx.projects.get(req.orgId, req.projectId);
  if (project === undefined || !(await tx.projects.isMember(project.id, req.annotatorId))) {
    throw new NotFoundError('project', req.projectId);
  }
  return [project];
}
