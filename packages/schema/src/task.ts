import Type from 'typebox';
import { AnnotationPayload } from './annotation';
import { EpochMs, Id, JsonObject, Nullable } from './common';
import { createValidator } from './validator';

/** Public status (Scale's set); workflow detail lives in `stage`. */
export const TASK_STATUSES = ['pending', 'completed', 'canceled', 'error'] as const;
export const TaskStatus = Type.Enum(TASK_STATUSES);
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * Internal workflow stage.
 * - staging: its batch is not finalized yet; paused: its batch is paused (only unstarted tasks).
 * - queued: at least one annotation slot is free (needed − done − in flight > 0); leasable.
 * - labeling: every missing annotation is in flight.
 * - review: all annotations in, waiting for a reviewer.
 * - gold: a gold task, served to annotators at the project's gold rate; never completes.
 * - completed, canceled, dead (poison: dead-lettered after too many failed leases).
 */
export const TASK_STAGES = [
  'staging',
  'paused',
  'queued',
  'labeling',
  'review',
  'gold',
  'completed',
  'canceled',
  'dead',
] as const;
export const TaskStage = Type.Enum(TASK_STAGES);
export type TaskStage = (typeof TASK_STAGES)[number];

export const STAGE_STATUS: Readonly<Record<TaskStage, TaskStatus>> = {
  staging: 'pending',
  paused: 'pending',
  queued: 'pending',
  labeling: 'pending',
  review: 'pending',
  gold: 'pending',
  completed: 'completed',
  canceled: 'canceled',
  dead: 'error',
};

export const Tags = Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { maxItems: 100 });

export const Task = Type.Object(
  {
    id: Id,
    org_id: Id,
    project_id: Id,
    batch_id: Nullable(Id),
    item_id: Nullable(Id),
    type: Type.String({ minLength: 1, maxLength: 64 }),
    unique_id: Nullable(Type.String({ minLength: 1, maxLength: 1024 })),
    status: TaskStatus,
    stage: TaskStage,
    priority: Type.Integer(),
    deadline: Nullable(EpochMs),
    /** The ontology version current when the task was created; every annotation is validated against it. */
    ontology_version: Type.Integer({ minimum: 1 }),
    instruction: Type.String({ maxLength: 100_000 }),
    params: JsonObject,
    /** Free key/value bag the platform never reads. */
    metadata: JsonObject,
    tags: Tags,
    callback_url: Nullable(Type.String({ maxLength: 2048 })),
    callback_succeeded: Nullable(Type.Boolean()),
    is_gold: Type.Boolean(),
    expected_response: Nullable(AnnotationPayload),
    /** Consensus k: independent annotations this task needs. */
    annotations_needed: Type.Integer({ minimum: 1 }),
    annotations_done: Type.Integer({ minimum: 0 }),
    /** Live leases right now. */
    leases_active: Type.Integer({ minimum: 0 }),
    /** Monotonic fencing counter: the token of the last lease issued on this task. */
    lease_seq: Type.Integer({ minimum: 0 }),
    /** Leases that expired or were abandoned; reaching the project's max_attempts dead-letters the task. */
    failed_attempts: Type.Integer({ minimum: 0 }),
    last_error: Nullable(Type.String()),
    final_revision: Type.Integer({ minimum: 0 }),
    created_at: EpochMs,
    updated_at: EpochMs,
    completed_at: Nullable(EpochMs),
  },
  { additionalProperties: false },
);
export type Task = Type.Static<typeof Task>;
export const taskValidator = createValidator(Task);

/** `rejected`: submitted, then the round was rejected in review (the annotator may label the task again). */
export const ASSIGNMENT_STATUSES = [
  'active',
  'submitted',
  'released',
  'skipped',
  'expired',
  'rejected',
] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** A lease of a task to one annotator; `token` fences stale workers (strictly increasing per task). */
export const Assignment = Type.Object(
  {
    id: Id,
    org_id: Id,
    project_id: Id,
    task_id: Id,
    annotator_id: Id,
    token: Type.Integer({ minimum: 1 }),
    status: Type.Enum(ASSIGNMENT_STATUSES),
    is_gold: Type.Boolean(),
    leased_at: EpochMs,
    heartbeat_at: EpochMs,
    expires_at: EpochMs,
    ended_at: Nullable(EpochMs),
    annotation_id: Nullable(Id),
    /** The lease whose submit (with `lease_next`) made this one, in the same transaction; null otherwise. */
    after_assignment_id: Nullable(Id),
  },
  { additionalProperties: false },
);
export type Assignment = Type.Static<typeof Assignment>;

export const REVIEW_ACTIONS = ['accept', 'fix', 'reject'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

export const Review = Type.Object(
  {
    id: Id,
    org_id: Id,
    project_id: Id,
    task_id: Id,
    reviewer_id: Id,
    action: Type.Enum(REVIEW_ACTIONS),
    comment: Type.String({ maxLength: 10_000 }),
    /** The fix annotation for `fix`. */
    annotation_id: Nullable(Id),
    final_revision: Nullable(Type.Integer({ minimum: 1 })),
    created_at: EpochMs,
  },
  { additionalProperties: false },
);
export type Review = Type.Static<typeof Review>;

/** Score of one gold submission against the expected response. */
export const GoldScore = Type.Object(
  {
    id: Id,
    org_id: Id,
    project_id: Id,
    task_id: Id,
    annotator_id: Id,
    annotation_id: Id,
    /** Share of expected classifications/objects/spans matched with the right class, in [0, 1]. */
    accuracy: Type.Number({ minimum: 0, maximum: 1 }),
    /** Mean IoU over matched spatial objects; null when the task has none. */
    mean_iou: Nullable(Type.Number({ minimum: 0, maximum: 1 })),
    created_at: EpochMs,
  },
  { additionalProperties: false },
);
export type GoldScore = Type.Static<typeof GoldScore>;
