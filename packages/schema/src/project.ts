import Type from 'typebox';
import { EpochMs, Id, Nullable, Slug } from './common';
import { createValidator } from './validator';

export const MODALITIES = ['image', 'video', 'pointcloud', 'text', 'document', 'llm'] as const;
export const Modality = Type.Enum(MODALITIES);
export type Modality = (typeof MODALITIES)[number];

export const ReviewPolicy = Type.Union([
  Type.Object({ policy: Type.Literal('none') }, { additionalProperties: false }),
  Type.Object({ policy: Type.Literal('all') }, { additionalProperties: false }),
  Type.Object(
    { policy: Type.Literal('sample'), rate: Type.Number({ minimum: 0, maximum: 1 }) },
    { additionalProperties: false },
  ),
]);
export type ReviewPolicy = Type.Static<typeof ReviewPolicy>;

/** How tasks of a project flow: consensus count, review, gold mix, leases, SLA and poison handling. */
export const Workflow = Type.Object(
  {
    /** Independent annotations collected per task (consensus k). */
    annotations_per_task: Type.Integer({ minimum: 1, maximum: 25 }),
    review: ReviewPolicy,
    /** Probability that a lease serves a gold task (when the annotator has one left to do). */
    gold_rate: Type.Number({ minimum: 0, maximum: 1 }),
    lease_seconds: Type.Integer({ minimum: 5, maximum: 86_400 }),
    /** Target turnaround from task creation to completion, in seconds; null = no SLA. */
    sla_seconds: Nullable(Type.Integer({ minimum: 60 })),
    /** Default task priority (higher first). */
    priority: Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 }),
    /** Leases that may expire or fail on one task before it is dead-lettered as poison. */
    max_attempts: Type.Integer({ minimum: 1, maximum: 1000 }),
  },
  { additionalProperties: false },
);
export type Workflow = Type.Static<typeof Workflow>;
export const workflowValidator = createValidator(Workflow);

export const DEFAULT_WORKFLOW: Workflow = {
  annotations_per_task: 1,
  review: { policy: 'none' },
  gold_rate: 0,
  lease_seconds: 600,
  sla_seconds: null,
  priority: 0,
  max_attempts: 10,
};

export const Project = Type.Object(
  {
    id: Id,
    org_id: Id,
    name: Slug,
    title: Type.String({ maxLength: 200 }),
    modality: Modality,
    workflow: Workflow,
    /** Latest published ontology version; new tasks pin it. 0 = none published yet. */
    ontology_version: Type.Integer({ minimum: 0 }),
    created_at: EpochMs,
    updated_at: EpochMs,
  },
  { additionalProperties: false },
);
export type Project = Type.Static<typeof Project>;
export const projectValidator = createValidator(Project);
