import type { Annotation, Task, User } from '@tessera/schema';
import { ANNOTATION_SCHEMA_VERSION } from '@tessera/schema';
import { type CheckCaches, createCheckCaches, validateForTask } from './annotation-check';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from './errors';
import { appendEvent } from './events';
import type { EngineDeps, Tx } from './ports';
import { completeTask } from './task-completion';

export type ReviewDecision =
  | { readonly action: 'accept'; readonly comment?: string }
  | { readonly action: 'fix'; readonly payload: unknown; readonly comment?: string }
  | { readonly action: 'reject'; readonly comment: string };

const REVIEWER_ROLES: readonly User['role'][] = ['reviewer', 'manager', 'admin'];

async function requireReviewer(tx: Tx, orgId: string, reviewerId: string): Promise<User> {
  const user = await tx.users.get(orgId, reviewerId);
  if (user === undefined) throw new NotFoundError('user', reviewerId);
  if (!REVIEWER_ROLES.includes(user.role)) throw new ForbiddenError(`role ${user.role} cannot review`);
  return user;
}

async function requireInReview(tx: Tx, orgId: string, taskId: string): Promise<Task> {
  const task = await tx.tasks.get(orgId, taskId);
  if (task === undefined) throw new NotFoundError('task', taskId);
  if (task.stage !== 'review')
    throw new ConflictError('invalid_task_state', `task ${taskId} is not in review (${task.stage})`);
  return task;
}

/** Review: accept the consensus label, fix it (a new revision), or reject the round back to the queue. */
export function createReviewService(deps: EngineDeps, caches: CheckCaches = createCheckCaches()) {
  const { store, clock, ids } = deps;

  async function fix(tx: Tx, task: Task, reviewerId: string, payload: unknown, now: number) {
    const checked = await validateForTask(tx, caches, task, payload);
    if (!checked.ok)
      throw new ValidationError(checked.issues.map((i) => ({ ...i, path: `/payload${i.path}` })));
    const annotation: Annotation = {
      id: ids.next('ann'),
      org_id: task.org_id,
      project_id: task.project_id,
      task_id: task.id,
      assignment_id: null,
      author_id: reviewerId,
      kind: 'review_fix',
      payload: checked.value,
      ontology_version: task.ontology_version,
      schema_version: ANNOTATION_SCHEMA_VERSION,
      duration_ms: null,
      created_at: now,
    };
    await tx.annotations.insert(annotation);
    const revision = task.final_revision + 1;
    await tx.finalLabels.insert({
      org_id: task.org_id,
      project_id: task.project_id,
      task_id: task.id,
      revision,
      payload: checked.value,
      agreement: null,
      source: 'review_fix',
      ontology_version: task.ontology_version,
      details: { annotation_id: annotation.id, from_revision: task.final_revision },
      created_at: now,
    });
    return { annotationId: annotation.id, revision };
  }

  return {
    /** Tasks waiting for review in a project, oldest first. */
    reviewQueue(orgId: string, projectId: string, limit = 50): Promise<Task[]> {
      return store.read((tx) => tx.tasks.list({ orgId, projectId, stage: 'review', limit }));
    },

    async review(orgId: string, reviewerId: string, taskId: string, decision: ReviewDecision): Promise<Task> {
      return store.write(async (tx) => {
        await requireReviewer(tx, orgId, reviewerId);
        const task = await requireInReview(tx, orgId, taskId);
        const now = clock.now();
        let annotationId: string | null = null;
        let revision: number | null = null;
        let next: Task = task;
        if (decision.action === 'fix') {
          ({ annotationId, revision } = await fix(tx, task, reviewerId, decision.payload, now));
          next = { ...task, final_revision: revision };
        }
        await tx.reviews.insert({
          id: ids.next('rev'),
          org_id: orgId,
          project_id: task.project_id,
          task_id: taskId,
          reviewer_id: reviewerId,
          action: decision.action,
          comment: decision.comment ?? '',
          annotation_id: annotationId,
          final_revision: revision ?? task.final_revision,
          created_at: now,
        });
        const event = { orgId, projectId: task.project_id, taskId, actorId: reviewerId };
        if (decision.action === 'reject') {
          await tx.queue.rejectSubmitted(taskId, now);
          await tx.tasks.update(taskId, ['review'], {
            stage: 'queued',
            annotations_done: 0,
            updated_at: now,
          });
          await appendEvent(tx, ids, now, {
            ...event,
            type: 'task.review_rejected',
            data: { comment: decision.comment },
          });
          return { ...task, stage: 'queued', annotations_done: 0, updated_at: now };
        }
        const type = decision.action === 'fix' ? 'task.review_fixed' : 'task.review_accepted';
        await appendEvent(tx, ids, now, { ...event, type, data: { final_revision: next.final_revision } });
        await completeTask(tx, deps, next, now, reviewerId, {
          final_revision: next.final_revision,
          updated_at: now,
        });
        return { ...next, stage: 'completed', status: 'completed', completed_at: now, updated_at: now };
      });
    },
  };
}
export type ReviewService = ReturnType<typeof createReviewService>;
