import Type from 'typebox';
import { EpochMs, Id, JsonObject, Nullable } from './common';

export const EVENT_TYPES = [
  'project.created',
  'project.updated',
  'ontology.created',
  'ontology.published',
  'ontology.migrated',
  'batch.created',
  'batch.status_changed',
  'task.created',
  'task.canceled',
  'task.leased',
  'task.lease_expired',
  'task.released',
  'task.annotated',
  'task.gold_scored',
  'task.in_review',
  'task.review_accepted',
  'task.review_fixed',
  'task.review_rejected',
  'task.completed',
  'task.dead_lettered',
  'task.label_revised',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Append-only record of a state change. `seq` orders events globally (assigned by the store). */
export const TesseraEvent = Type.Object(
  {
    seq: Type.Integer({ minimum: 0 }),
    id: Id,
    org_id: Id,
    project_id: Nullable(Id),
    task_id: Nullable(Id),
    type: Type.Enum(EVENT_TYPES),
    actor_id: Nullable(Id),
    data: JsonObject,
    created_at: EpochMs,
  },
  { additionalProperties: false },
);
export type TesseraEvent = Type.Static<typeof TesseraEvent>;

/** Event types that also go to the webhook outbox (customer-visible). */
export const OUTBOX_EVENT_TYPES: ReadonlySet<EventType> = new Set<EventType>([
  'task.completed',
  'task.canceled',
  'task.dead_lettered',
  'task.review_accepted',
  'task.review_fixed',
  'task.review_rejected',
  'task.label_revised',
  'batch.status_changed',
]);

export const JOB_STATUSES = ['queued', 'running', 'done', 'dead'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** A durable background job row (owned by @tessera/jobs; declared here as the stored record). */
export const JobRecord = Type.Object(
  {
    id: Id,
    queue: Type.String({ minLength: 1, maxLength: 64 }),
    payload: JsonObject,
    status: Type.Enum(JOB_STATUSES),
    attempts: Type.Integer({ minimum: 0 }),
    max_attempts: Type.Integer({ minimum: 1 }),
    run_at: EpochMs,
    locked_by: Nullable(Type.String()),
    locked_until: Nullable(EpochMs),
    last_error: Nullable(Type.String()),
    /** At most one queued or running job per key (periodic jobs use `periodic:<name>`). */
    dedupe_key: Nullable(Type.String()),
    backoff_base_ms: Type.Integer({ minimum: 0 }),
    backoff_max_ms: Type.Integer({ minimum: 0 }),
    /** Periodic jobs: the next instance runs this long after this one finishes. */
    repeat_every_ms: Nullable(Type.Integer({ minimum: 1 })),
    created_at: EpochMs,
    updated_at: EpochMs,
  },
  { additionalProperties: false },
);
export type JobRecord = Type.Static<typeof JobRecord>;
