import Type, { type Static } from 'typebox';
import { ANNOTATION_KINDS, AnnotationPayload } from '../annotation';
import { JsonObject, Nullable } from '../common';
import { Tags } from '../task';
import { NullableTimestamp, route, Timestamp } from './contract';
import { FinalLabelDto } from './resources';

/** The `schema` of every exported line (formats.md §9: versioned record type). */
export const EXPORT_RECORD_SCHEMA = 'tessera.label/1';

/** Media type of the export stream: one JSON object per line, `\n` after each (the last one too). */
export const EXPORT_MEDIA_TYPE = 'application/x-ndjson';

/** The task's current final label (the revision `GET /v1/task/:task_id/labels` lists last). */
export const ExportLabel = Type.Omit(FinalLabelDto, ['task_id']);
export type ExportLabel = Static<typeof ExportLabel>;

/** One annotator's submitted annotation (with `include_annotations=true`). */
export const ExportAnnotation = Type.Object({
  annotation_id: Type.String(),
  annotator_id: Type.String(),
  kind: Type.Enum(ANNOTATION_KINDS),
  ontology_version: Type.Integer(),
  annotations: AnnotationPayload,
  duration_ms: Nullable(Type.Integer()),
  created_at: Timestamp,
});
export type ExportAnnotation = Static<typeof ExportAnnotation>;

/**
 * One line of an export: a completed task with its final label. Keys are written sorted (canonical JSON), so
 * two exports of the same data are byte-identical. `cursor` resumes an export after this line (`after`).
 */
export const ExportRecord = Type.Object({
  schema: Type.Literal(EXPORT_RECORD_SCHEMA),
  task_id: Type.String(),
  unique_id: Nullable(Type.String()),
  project: Type.String(),
  batch: Nullable(Type.String()),
  type: Type.String(),
  created_at: Timestamp,
  completed_at: NullableTimestamp,
  metadata: JsonObject,
  tags: Tags,
  taxonomy_version: Type.String(),
  /** Null only for a task completed without any final label. */
  label: Nullable(ExportLabel),
  /** Present with `include_annotations=true`: every annotation submitted for the task, oldest first. */
  annotations: Type.Optional(Type.Array(ExportAnnotation)),
  cursor: Type.String(),
});
export type ExportRecord = Static<typeof ExportRecord>;

export const ExportQuery = Type.Object({
  batch: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  /** Completed at or after this time. */
  completed_after: Type.Optional(Type.String({ format: 'date-time' })),
  /** Completed before this time. */
  completed_before: Type.Optional(Type.String({ format: 'date-time' })),
  include_annotations: Type.Optional(Type.Boolean({ default: false })),
  /** A line's `cursor`: continue after that line (same filters only). */
  after: Type.Optional(Type.String({ minLength: 1, maxLength: 2048 })),
});
export type ExportQuery = Static<typeof ExportQuery>;

export const exportRoutes = {
  exportProject: route({
    operationId: 'exportProject',
    method: 'GET',
    path: '/v1/projects/:project/export',
    tag: 'results',
    summary:
      "A project's completed tasks with their final labels, streamed as NDJSON (`tessera.label/1`, one per line, by completion time then task id); gzip with Accept-Encoding: gzip",
    params: Type.Object({ project: Type.String({ minLength: 1, maxLength: 128 }) }),
    query: ExportQuery,
    response: ExportRecord,
    scope: 'results:read',
    objectIds: ['project', 'batch'],
  }),
} as const;
