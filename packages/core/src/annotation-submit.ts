import type { Annotation, FinalLabel, Project, Task } from '@tessera/schema';
import { ANNOTATION_SCHEMA_VERSION } from '@tessera/schema';
import { type CheckCaches, validateForTask } from './annotation-check';
import { scoreGold } from './consensus/gold-score';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import { appendEvent } from './events';
import { endLease } from './lease-expiry';
import type { EngineDeps, Tx } from './ports';
import { finishRound } from './task-completion';

export interface SubmitRequest {
  readonly orgId: string;
  readonly annotatorId: string;
  readonly taskId: string;
  readonly token: number;
  readonly payload: unknown;
  readonly durationMs?: number | null;
}

export interface SubmitResult {
  /** The lease this submit ended (or, for a repeat, the one its first submit ended). */
  readonly assignmentId: string;
  readonly annotationId: string;
  readonly task: Task;
  /** True when this token was already submitted: the first result is returned, nothing is written. */
  readonly replayed: boolean;
  /** The final label this submit made when it closed the round (what the task now answers with). */
  readonly finalLabel?: FinalLabel;
}

export function staleLease(taskId: string, token: number): ConflictError {
  return new ConflictError('stale_lease', `lease ${token} on task ${taskId} is no longer valid`, {
    task_id: taskId,
    token,
  });
}

/**
 * Submitting under a lease, inside the caller's transaction: the lease must be live (else `'stale'`), the
 * payload valid against the pinned ontology; the same token twice returns the first result.
 */
export function createSubmitter(deps: EngineDeps, caches: CheckCaches) {
  const { ids } = deps;

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
    await tx.tasks.patch(task.id, {
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

  /** A submit whose lease was not live: a replay of its first submit, a stale lease, or none (404). */
  async function notLive(
    tx: Tx,
    req: SubmitRequest,
    task: Task,
    now: number,
  ): Promise<SubmitResult | 'stale'> {
    const lease = await requireLease(tx, req.orgId, req.annotatorId, req.taskId, req.token);
    if (lease.status === 'submitted') {
      return { assignmentId: lease.id, annotationId: lease.annotation_id as string, task, replayed: true };
    }
    if (lease.status === 'active') await endLease(tx, deps, lease, 'expired', now);
    return 'stale';
  }

  async function submitInTx(tx: Tx, req: SubmitRequest, now: number): Promise<SubmitResult | 'stale'> {
    // The live lease is ended as submitted in the statement that checks it, sent with the reads of its task and
    // the task's project (one round trip on PostgreSQL), the lease first: the server runs them in order, so the
    // lease is locked before the task, as on every path. Should the submit go no further (the task is closed,
    // or the payload invalid), the lease is released or the unit fails and undoes it. A round this submit
    // completes and a lease after it need the project: callers hand in a transaction that remembers it
    // (`memoizeProjects`).
    const annotationId = ids.next('ann');
    const { orgId, annotatorId, taskId, token } = req;
    const [lease, found] = await Promise.all([
      tx.queue.submitLiveAssignment({ orgId, annotatorId, taskId, token, annotationId, now }),
      tx.tasks.getForUpdate(taskId),
      tx.projects.getOfTask(orgId, taskId),
    ]);
    const task = found as Task;
    if (lease === undefined) return notLive(tx, req, task, now);
    if (task.stage === 'canceled' || task.stage === 'completed' || task.stage === 'dead') {
      await endLease(tx, deps, lease, 'released', now);
      return 'stale';
    }
    const checked = await validateForTask(tx, caches, task, req.payload);
    if (!checked.ok) throw new ValidationError(checked.issues);
    const annotation: Annotation = {
      id: annotationId,
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
      return { assignmentId: lease.id, annotationId: annotation.id, task, replayed: false };
    }
    return {
      assignmentId: lease.id,
      annotationId: annotation.id,
      ...(await afterSubmit(tx, task, annotation, now)),
      replayed: false,
    };
  }

  async function afterSubmit(
    tx: Tx,
    task: Task,
    annotation: Annotation,
    now: number,
  ): Promise<{ task: Task; finalLabel?: FinalLabel }> {
    const counted: Task = {
      ...task,
      annotations_done: task.annotations_done + 1,
      leases_active: Math.max(0, task.leases_active - 1),
    };
    if (counted.annotations_done >= counted.annotations_needed) {
      const project = (await tx.projects.get(task.org_id, task.project_id)) as Project;
      return finishRound(tx, deps, counted, project, annotation, now);
    }
    const stage =
      counted.annotations_done + counted.leases_active >= counted.annotations_needed ? 'labeling' : 'queued';
    await tx.tasks.patch(task.id, {
      annotations_done: counted.annotations_done,
      leases_active: counted.leases_active,
      stage,
      updated_at: now,
    });
    return { task: { ...counted, stage, updated_at: now } };
  }

  return { submitInTx, requireLease };
}
