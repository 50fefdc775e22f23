import type {
  Batch,
  BatchDto,
  EventDto,
  FinalLabel,
  FinalLabelDto,
  OntologyVersion,
  OntologyVersionDto,
  Project,
  ProjectDto,
  Task,
  TaskDto,
  TesseraEvent,
} from '@tessera/schema';

/** RFC 3339 UTC with milliseconds. */
export const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

export function projectDto(p: Project): ProjectDto {
  return {
    project_id: p.id,
    name: p.name,
    title: p.title,
    modality: p.modality,
    workflow: p.workflow,
    ontology_version: p.ontology_version,
    created_at: iso(p.created_at),
    updated_at: iso(p.updated_at),
  };
}

export function ontologyDto(v: OntologyVersion): OntologyVersionDto {
  return {
    project_id: v.project_id,
    version: v.version,
    definition: v.definition,
    migration: v.migration,
    published: v.published,
    created_at: iso(v.created_at),
    published_at: isoOrNull(v.published_at),
  };
}

export function batchDto(b: Batch, projectName: string): BatchDto {
  return {
    batch_id: b.id,
    project: projectName,
    name: b.name,
    status: b.status,
    callback_url: b.callback_url,
    created_at: iso(b.created_at),
    updated_at: iso(b.updated_at),
  };
}

export interface TaskNames {
  readonly project: string;
  readonly batch: string | null;
}

/** Scale's task object: public `status`, workflow detail in `stage`, the current final label in `response`. */
export function taskDto(t: Task, names: TaskNames, label: FinalLabel | undefined): TaskDto {
  return {
    task_id: t.id,
    type: t.type,
    status: t.status,
    stage: t.stage,
    project: names.project,
    batch: names.batch,
    unique_id: t.unique_id,
    created_at: iso(t.created_at),
    updated_at: iso(t.updated_at),
    completed_at: isoOrNull(t.completed_at),
    instruction: t.instruction,
    params: t.params,
    callback_url: t.callback_url,
    callback_succeeded: t.callback_succeeded,
    response: label
      ? { annotations: label.payload, revision: label.revision, agreement: label.agreement }
      : null,
    metadata: t.metadata,
    tags: [...t.tags],
    priority: t.priority,
    deadline: isoOrNull(t.deadline),
    is_gold: t.is_gold,
    annotations_needed: t.annotations_needed,
    annotations_done: t.annotations_done,
    taxonomy_version: `${names.project}@${t.ontology_version}`,
    guideline_version: `${names.project}@${t.ontology_version}`,
    audits: [],
    last_error: t.last_error,
  };
}

export function finalLabelDto(l: FinalLabel): FinalLabelDto {
  return {
    task_id: l.task_id,
    revision: l.revision,
    source: l.source,
    agreement: l.agreement,
    ontology_version: l.ontology_version,
    annotations: l.payload,
    created_at: iso(l.created_at),
  };
}

export function eventDto(e: TesseraEvent): EventDto {
  return {
    seq: e.seq,
    event_id: e.id,
    type: e.type,
    project_id: e.project_id,
    task_id: e.task_id,
    actor_id: e.actor_id,
    data: e.data,
    created_at: iso(e.created_at),
  };
}
