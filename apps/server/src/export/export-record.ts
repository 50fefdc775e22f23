import type { ExportRow } from '@tessera/db';
import { EXPORT_RECORD_SCHEMA, type ExportAnnotation, type ExportRecord } from '@tessera/schema';
import { iso } from '../dto/dto';
import { canonicalJson } from '../idempotency/fingerprint';

/** Names a record shows instead of ids: the project's, and its batch's (null without a batch). */
export interface RecordNames {
  readonly project: string;
  readonly batch: string | null;
}

function annotationOf(a: NonNullable<ExportRow['annotations']>[number]): ExportAnnotation {
  return {
    annotation_id: a.id,
    annotator_id: a.author_id,
    kind: a.kind,
    ontology_version: a.ontology_version,
    annotations: a.payload,
    duration_ms: a.duration_ms,
    created_at: iso(a.created_at),
  };
}

/** One exported line's object (`tessera.label/1`): the task's identity, your data, its final label. */
export function exportRecord(row: ExportRow, names: RecordNames, cursor: string): ExportRecord {
  const { task: t, label } = row;
  return {
    schema: EXPORT_RECORD_SCHEMA,
    task_id: t.id,
    unique_id: t.unique_id,
    project: names.project,
    batch: names.batch,
    type: t.type,
    created_at: iso(t.created_at),
    completed_at: t.completed_at === null ? null : iso(t.completed_at),
    metadata: t.metadata,
    tags: [...t.tags],
    taxonomy_version: `${names.project}@${t.ontology_version}`,
    label:
      label === null
        ? null
        : {
            revision: label.revision,
            source: label.source,
            agreement: label.agreement,
            ontology_version: label.ontology_version,
            annotations: label.payload,
            created_at: iso(label.created_at),
          },
    ...(row.annotations === null ? {} : { annotations: row.annotations.map(annotationOf) }),
    cursor,
  };
}

/** The record as one NDJSON line: canonical JSON (keys sorted at every level, formats.md §9) and `\n`. */
export function exportLine(record: ExportRecord): string {
  return `${canonicalJson(record)}\n`;
}
