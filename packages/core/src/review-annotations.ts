import type { Annotation, FinalLabel, Item, Task } from '@tessera/schema';
import { DEFAULT_CONSENSUS, pairAgreement } from './consensus/aggregate';
import { NotFoundError } from './errors';
import type { EngineDeps } from './ports';

/** One submitted annotation with its agreement with the task's current final label. */
export interface ScoredAnnotation {
  readonly annotation: Annotation;
  /** In the task's current round (linked to a still-submitted assignment), or a review fix. */
  readonly currentRound: boolean;
  /** Consensus pair agreement with the current final label; null when the task has none. */
  readonly agreement: number | null;
}

export interface TaskAnnotations {
  readonly task: Task;
  readonly item: Item | undefined;
  readonly finalLabel: FinalLabel | undefined;
  /** Oldest first. */
  readonly annotations: readonly ScoredAnnotation[];
}

/** Labels and review fixes always; gold attempts only on gold tasks (elsewhere they do not exist). */
function shown(task: Task, a: Annotation): boolean {
  return a.kind !== 'gold_attempt' || task.is_gold;
}

/** What a reviewer reads about one task: its item, current final label and the annotations behind it. */
export function createReviewReader(deps: Pick<EngineDeps, 'store'>) {
  return {
    taskAnnotations(orgId: string, taskId: string): Promise<TaskAnnotations> {
      return deps.store.read(async (tx) => {
        const task = await tx.tasks.get(orgId, taskId);
        if (task === undefined) throw new NotFoundError('task', taskId);
        // One after the other: a transaction's queries share one connection.
        const all = await tx.annotations.listForTask(task.id);
        const round = await tx.annotations.listCurrentRound(task.id);
        const finalLabel = task.final_revision > 0 ? await tx.finalLabels.latest(task.id) : undefined;
        const item = task.item_id === null ? undefined : await tx.items.get(orgId, task.item_id);
        const inRound = new Set(round.map((a) => a.id));
        const annotations = all
          .filter((a) => shown(task, a))
          .map((annotation) => ({
            annotation,
            currentRound: inRound.has(annotation.id) || annotation.kind === 'review_fix',
            agreement:
              finalLabel === undefined
                ? null
                : pairAgreement(annotation.payload, finalLabel.payload, DEFAULT_CONSENSUS.threshold),
          }));
        return { task, item, finalLabel, annotations };
      });
    },
  };
}
export type ReviewReader = ReturnType<typeof createReviewReader>;
