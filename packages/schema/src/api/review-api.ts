import Type, { type Static } from 'typebox';
import { ANNOTATION_KINDS, AnnotationPayload } from '../annotation';
import { JsonObject, Nullable } from '../common';
import { route, Timestamp } from './contract';
import { FinalLabelDto } from './resources';

/** One submitted annotation of a task, as a reviewer sees it. */
export const ReviewAnnotationDto = Type.Object({
  annotation_id: Type.String(),
  author_id: Type.String(),
  kind: Type.Enum(ANNOTATION_KINDS),
  annotations: AnnotationPayload,
  ontology_version: Type.Integer(),
  duration_ms: Nullable(Type.Integer()),
  created_at: Timestamp,
  /** True for the annotations of the task's current round (earlier rounds were rejected in review). */
  current_round: Type.Boolean(),
  /**
   * Agreement in [0, 1] with the task's current final label (the consensus pair agreement: classes, objects
   * and spans matched by class and IoU ≥ 0.5); null while the task has no final label.
   */
  agreement: Nullable(Type.Number()),
});
export type ReviewAnnotationDto = Static<typeof ReviewAnnotationDto>;

/** Everything the review page needs for one task: the item, the final label and every annotation. */
export const TaskAnnotationsDto = Type.Object({
  task_id: Type.String(),
  stage: Type.String(),
  is_gold: Type.Boolean(),
  /** The ontology version the task was created under. */
  ontology_version: Type.Integer(),
  /** The data labeled: dimensions, URI, inline text (the same object a lease carries). */
  item: Nullable(JsonObject),
  final_label: Nullable(FinalLabelDto),
  /** Oldest first: labels and review fixes (gold attempts only on gold tasks). */
  docs: Type.Array(ReviewAnnotationDto),
});
export type TaskAnnotationsDto = Static<typeof TaskAnnotationsDto>;

export const reviewRoutes = {
  taskAnnotations: route({
    operationId: 'taskAnnotations',
    method: 'GET',
    path: '/v1/task/:task_id/annotations',
    tag: 'review',
    summary: "A task's submitted annotations with each one's agreement with the current final label",
    params: Type.Object({ task_id: Type.String({ minLength: 1, maxLength: 128 }) }),
    response: TaskAnnotationsDto,
    scope: 'review',
    objectIds: ['task_id'],
  }),
} as const;
