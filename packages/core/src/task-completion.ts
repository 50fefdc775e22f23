import type { Annotation, FinalLabel, Project, Task } from '@tessera/schema';
import { completeBatchIfDone } from './batch-service';
import { aggregateAnnotations } from './consensus/aggregate';
import { appendEvent } from './events';
import type { EngineDeps, TaskPatch, Tx } from './ports';

type Deps = Pick<EngineDeps, 'ids' | 'random'>;

/** Marks the task completed (with its outbox row) and completes its batch when it was the last one. */
export async function completeTask(
  tx: Tx,
  deps: Deps,
  task: Task,
  now: number,
  actorId: string | null,
  extra: TaskPatch = { updated_at: now },
) {
  await tx.tasks.patch(task.id, {
    ...extra,
    stage: 'completed',
    status: 'completed',
    completed_at: now,
    updated_at: now,
  });
  await appendEvent(tx, deps.ids, now, {
    orgId: task.org_id,
    projectId: task.project_id,
    taskId: task.id,
    type: 'task.completed',
    actorId,
    data: { final_revision: task.final_revision },
  });
  if (task.batch_id !== null) await completeBatchIfDone(tx, deps, task.batch_id, now);
}

function needsReview(project: Project, deps: Deps): boolean {
  const review = project.workflow.review;
  if (review.policy === 'none') return false;
  if (review.policy === 'all') return true;
  return deps.random.next() < review.rate;
}

/** A round's outcome: the task after it, and the final label (revision) it made. */
export interface RoundOutcome {
  readonly task: Task;
  readonly finalLabel: FinalLabel;
}

/**
 * The round's annotations, oldest first. `annotations_done` counts exactly the round's submitted labels (a
 * review rejection resets it with their assignments), so a round of one is the submit that closed it: read
 * nothing (one statement fewer per task at consensus 1).
 */
async function roundAnnotations(tx: Tx, task: Task, closing: Annotation): Promise<readonly Annotation[]> {
  return task.annotations_done === 1 ? [closing] : tx.annotations.listCurrentRound(task.id);
}

/**
 * All annotations of the round are in: aggregate the final label (a new revision), then review by policy or
 * complete. `task` carries the counters as they are after the last submit; `closing` is that submit's
 * annotation.
 */
export async function finishRound(
  tx: Tx,
  deps: Deps,
  task: Task,
  project: Project,
  closing: Annotation,
  now: number,
): Promise<RoundOutcome> {
  const annotations = await roundAnnotations(tx, task, closing);
  const consensus = aggregateAnnotations(annotations.map((a) => a.payload));
  const revision = task.final_revision + 1;
  const finalLabel: FinalLabel = {
    org_id: task.org_id,
    project_id: task.project_id,
    task_id: task.id,
    revision,
    payload: consensus.payload,
    agreement: consensus.agreement,
    source: 'consensus',
    ontology_version: task.ontology_version,
    details: { ...consensus.details, annotation_ids: annotations.map((a) => a.id) },
    created_at: now,
  };
  await tx.finalLabels.insert(finalLabel);
  const review = needsReview(project, deps);
  const counters = {
    annotations_done: task.annotations_done,
    leases_active: task.leases_active,
    final_revision: revision,
    updated_at: now,
  };
  const next: Task = { ...task, final_revision: revision, updated_at: now };
  if (!review) {
    await completeTask(tx, deps, next, now, null, counters);
    return { task: { ...next, stage: 'completed', status: 'completed', completed_at: now }, finalLabel };
  }
  await tx.tasks.patch(task.id, { ...counters, stage: 'review' });
  await appendEvent(tx, deps.ids, now, {
    orgId: task.org_id,
    projectId: task.project_id,
    taskId: task.id,
    type: 'task.in_review',
    actorId: null,
    data: { final_revision: revision, agreement: consensus.agreement },
  });
  return { task: { ...next, stage: 'review' }, finalLabel };
}
