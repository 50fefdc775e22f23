import Type, { type Static } from 'typebox';
import { AnnotationPayload } from '../annotation';
import { JsonObject, Nullable } from '../common';
import { Migration, OntologyDefinition } from '../ontology';
import { Modality, Workflow } from '../project';
import { Tags } from '../task';
import { NullableTimestamp, Timestamp } from './contract';

/** Wire shapes (snake_case, RFC 3339 times). Stored records map onto these in the server's dto module. */

export const ProjectDto = Type.Object({
  project_id: Type.String(),
  name: Type.String(),
  title: Type.String(),
  modality: Modality,
  workflow: Workflow,
  ontology_version: Type.Integer(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type ProjectDto = Static<typeof ProjectDto>;

export const ProjectCreateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9_.-]*$' }),
    title: Type.Optional(Type.String({ maxLength: 200 })),
    modality: Modality,
    workflow: Type.Optional(Type.Partial(Workflow)),
  },
  { additionalProperties: false },
);

export const OntologyVersionDto = Type.Object({
  project_id: Type.String(),
  version: Type.Integer(),
  definition: OntologyDefinition,
  migration: Migration,
  published: Type.Boolean(),
  created_at: Timestamp,
  published_at: NullableTimestamp,
});
export type OntologyVersionDto = Static<typeof OntologyVersionDto>;

export const OntologyDraftBody = Type.Object(
  { definition: OntologyDefinition, migration: Type.Optional(Migration) },
  { additionalProperties: false },
);

export const BatchDto = Type.Object({
  batch_id: Type.String(),
  project: Type.String(),
  name: Type.String(),
  status: Type.String(),
  callback_url: Nullable(Type.String()),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type BatchDto = Static<typeof BatchDto>;

export const BatchCreateBody = Type.Object(
  {
    project: Type.String({ minLength: 1, maxLength: 64 }),
    name: Type.String({ minLength: 1, maxLength: 64 }),
    callback_url: Type.Optional(Type.String({ minLength: 1, maxLength: 2048 })),
  },
  { additionalProperties: false },
);

export const BatchStatusDto = Type.Object({
  status: Type.String(),
  pending: Type.Integer(),
  completed: Type.Integer(),
  error: Type.Integer(),
  canceled: Type.Integer(),
});

/** Scale's task object plus Tessera's additions (stage, priority, deadline, pinned versions). */
export const TaskDto = Type.Object({
  task_id: Type.String(),
  type: Type.String(),
  status: Type.String(),
  stage: Type.String(),
  project: Type.String(),
  batch: Nullable(Type.String()),
  unique_id: Nullable(Type.String()),
  created_at: Timestamp,
  updated_at: Timestamp,
  completed_at: NullableTimestamp,
  instruction: Type.String(),
  params: JsonObject,
  callback_url: Nullable(Type.String()),
  callback_succeeded: Nullable(Type.Boolean()),
  response: Nullable(
    Type.Object({
      annotations: AnnotationPayload,
      revision: Type.Integer(),
      agreement: Nullable(Type.Number()),
    }),
  ),
  metadata: JsonObject,
  tags: Tags,
  priority: Type.Integer(),
  deadline: NullableTimestamp,
  is_gold: Type.Boolean(),
  annotations_needed: Type.Integer(),
  annotations_done: Type.Integer(),
  taxonomy_version: Type.String(),
  guideline_version: Type.String(),
  audits: Type.Array(JsonObject),
  last_error: Nullable(Type.String()),
});
export type TaskDto = Static<typeof TaskDto>;

export const LeaseDto = Type.Object({
  assignment_id: Type.String(),
  token: Type.Integer(),
  expires_at: Timestamp,
  task: TaskDto,
  /** The data to label: dimensions, URI, inline text. */
  item: Nullable(JsonObject),
});
export type LeaseDto = Static<typeof LeaseDto>;

export const FinalLabelDto = Type.Object({
  task_id: Type.String(),
  revision: Type.Integer(),
  source: Type.String(),
  agreement: Nullable(Type.Number()),
  ontology_version: Type.Integer(),
  annotations: AnnotationPayload,
  created_at: Timestamp,
});
export type FinalLabelDto = Static<typeof FinalLabelDto>;

export const EventDto = Type.Object({
  seq: Type.Integer(),
  event_id: Type.String(),
  type: Type.String(),
  project_id: Nullable(Type.String()),
  task_id: Nullable(Type.String()),
  actor_id: Nullable(Type.String()),
  data: JsonObject,
  created_at: Timestamp,
});
export type EventDto = Static<typeof EventDto>;
