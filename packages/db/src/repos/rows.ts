import type {
  Annotation,
  Assignment,
  Batch,
  FinalLabel,
  GoldScore,
  Item,
  OntologyVersion,
  Project,
  Review,
  Task,
  TesseraEvent,
  User,
} from '@tessera/schema';
import type { Row, SqlValue } from '../sql-client';

/** Row ↔ record mapping: JSON columns are text, booleans are 0/1, times are epoch ms numbers. */

const str = (v: unknown) => v as string;
const num = (v: unknown) => Number(v);
const optNum = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const optStr = (v: unknown) => (v === null || v === undefined ? null : String(v));
const json = <T>(v: unknown) => JSON.parse(v as string) as T;
const bool = (v: unknown) => Number(v) === 1;
export const b = (v: boolean): number => (v ? 1 : 0);
export const j = (v: unknown): string => JSON.stringify(v);

/** Sort key for "deadline ascending, none last" that both databases order the same way. */
export const NO_DEADLINE = 8_640_000_000_000_000;

export function toUser(r: Row): User {
  return {
    id: str(r.id),
    org_id: str(r.org_id),
    email: str(r.email),
    name: str(r.name),
    role: r.role as User['role'],
    created_at: num(r.created_at),
  };
}

export function toProject(r: Row): Project {
  return {
    id: str(r.id),
    org_id: str(r.org_id),
    name: str(r.name),
    title: str(r.title),
    modality: r.modality as Project['modality'],
    workflow: json(r.workflow),
    ontology_version: num(r.ontology_version),
    created_at: num(r.created_at),
    updated_at: num(r.updated_at),
  };
}

export function toOntology(r: Row): OntologyVersion {
  return {
    org_id: str(r.org_id),
    project_id: str(r.project_id),
    version: num(r.version),
    definition: json(r.definition),
    migration: json(r.migration),
    published: bool(r.published),
    created_at: num(r.created_at),
    published_at: optNum(r.published_at),
  };
}

export function toItem(r: Row): Item {
  return {
    id: str(r.id),
    org_id: str(r.org_id),
    uri: optStr(r.uri),
    blob_key: optStr(r.blob_key),
    media_type: r.media_type as Item['media_type'],
    width: optNum(r.width),
    height: optNum(r.height),
    length: optNum(r.length),
    text: optStr(r.text),
    metadata: json(r.metadata),
    content_hash: optStr(r.content_hash),
    created_at: num(r.created_at),
  };
}

export function toBatch(r: Row): Batch {
  return {
    id: str(r.id),
    org_id: str(r.org_id),
    project_id: str(r.project_id),
    name: str(r.name),
    status: r.status as Batch['status'],
    callback_url: optStr(r.callback_url),
    created_at: num(r.created_at),
    updated_at: num(r.updated_at),
  };
}

export const TASK_COLUMNS = [
  'id',
  'org_id',
  'project_id',
  'batch_id',
  'item_id',
  'type',
  'unique_id',
  'status',
  'stage',
  'priority',
  'deadline',
  'deadline_key',
  'ontology_version',
  'instruction',
  'params',
  'metadata',
  'tags',
  'callback_url',
  'callback_succeeded',
  'is_gold',
  'expected_response',
  'annotations_needed',
  'annotations_done',
  'leases_active',
  'lease_seq',
  'failed_attempts',
  'last_error',
  'final_revision',
  'created_at',
  'updated_at',
  'completed_at',
  'retry_ref',
] as const;

/** A task's row values in `TASK_COLUMNS` order; `retryRef` is internal (never read back into a `Task`). */
export function taskValues(t: Task, retryRef: string | null = null): SqlValue[] {
  return [
    t.id,
    t.org_id,
    t.project_id,
    t.batch_id,
    t.item_id,
    t.type,
    t.unique_id,
    t.status,
    t.stage,
    t.priority,
    t.deadline,
    t.deadline ?? NO_DEADLINE,
    t.ontology_version,
    t.instruction,
    j(t.params),
    j(t.metadata),
    j(t.tags),
    t.callback_url,
    t.callback_succeeded === null ? null : b(t.callback_succeeded),
    b(t.is_gold),
    t.expected_response === null ? null : j(t.expected_response),
    t.annotations_needed,
    t.annotations_done,
    t.leases_active,
    t.lease_seq,
    t.failed_attempts,
    t.last_error,
    t.final_revision,
    t.created_at,
    t.updated_at,
    t.completed_at,
    retryRef,
  ];
}

export function toTask(r: Row): Task {
  return {
    id: str(r.id),
    org_id: str(r.org_id),
    project_id: str(r.project_id),
    batch_id: optStr(r.batch_id),
    item_id: optStr(r.item_id),
    type: str(r.type),
    unique_id: optStr(r.unique_id),
    status: r.status as Task['status'],
    stage: r.stage as Task['stage'],
    priority: num(r.priority),
    deadline: optNum(r.deadline),
    ontology_version: num(r.ontology_version),
    instruction: str(r.instruction),
    params: json(r.params),
    metadata: json(r.metadata),
    tags: json(r.tags),
    callback_url: optStr(r.callback_url),
    callback_succeeded: r.callback_succeeded === null ? null : bool(r.callback_succeeded),
    is_gold: bool(r.is_gold),
    expected_response: r.expected_response === null ? null : json(r.expected_response),
    annotations_needed: num(r.annotations_needed),
    annotations_done: num(r.annotations_done),
    leases_active: num(r.leases_active),
    lease_seq: num(r.lease_seq),
    failed_attempts: num(r.failed_attempts),
    last_error: optStr(r.last_error),
    final_revision: num(r.final_revision),
    created_at: num(r.created_at),
    updated_at: num(r.updated_at),
    completed_at: optNum(r.completed_at),
  };
}

export function toAssignment(r: Row): Assignment {
  return {
    id: str(r.id),
    org_id: str(r.org_id),
    project_id: str(r.project_id),
    task_id: str(r.task_id),
    annotator_id: str(r.annotator_id),
    token: num(r.token),
    status: r.status as Assignment['status'],
    is_gold: bool(r.is_gold),
    leased_at: num(r.leased_at),
    heartbeat_at: num(r.heartbeat_at),
    expires_at: num(r.expires_at),
    ended_at: optNum(r.ended_at),
    annotation_id: optStr(r.annotation_id),
    after_assignment_id: optStr(r.after_assignment_id),
  };
}

export function toAnnotation(r: Row): Annotation {
  return {
    id: str(r.id),
    org_id: str(r.org_id),
    project_id: str(r.project_id),
    task_id: str(r.task_id),
    assignment_id: optStr(r.assignment_id),
    author_id: str(r.author_id),
    kind: r.kind as Annotation['kind'],
    payload: json(r.payload),
    ontology_version: num(r.ontology_version),
    schema_version: num(r.schema_version),
    duration_ms: optNum(r.duration_ms),
    created_at: num(r.created_at),
  };
}

export function toReview(r: Row): Review {
  return {
    id: str(r.id),
    org_id: str(r.org_id),
    project_id: str(r.project_id),
    task_id: str(r.task_id),
    reviewer_id: str(r.reviewer_id),
    action: r.action as Review['action'],
    comment: str(r.comment),
    annotation_id: optStr(r.annotation_id),
    final_revision: optNum(r.final_revision),
    created_at: num(r.created_at),
  };
}

export function toFinalLabel(r: Row): FinalLabel {
  return {
    org_id: str(r.org_id),
    project_id: str(r.project_id),
    task_id: str(r.task_id),
    revision: num(r.revision),
    payload: json(r.payload),
    agreement: optNum(r.agreement),
    source: r.source as FinalLabel['source'],
    ontology_version: num(r.ontology_version),
    details: json(r.details),
    created_at: num(r.created_at),
  };
}

export function toGoldScore(r: Row): GoldScore {
  return {
    id: str(r.id),
    org_id: str(r.org_id),
    project_id: str(r.project_id),
    task_id: str(r.task_id),
    annotator_id: str(r.annotator_id),
    annotation_id: str(r.annotation_id),
    accuracy: num(r.accuracy),
    mean_iou: optNum(r.mean_iou),
    created_at: num(r.created_at),
  };
}

export function toEvent(r: Row): TesseraEvent {
  return {
    seq: num(r.seq),
    id: str(r.id),
    org_id: str(r.org_id),
    project_id: optStr(r.project_id),
    task_id: optStr(r.task_id),
    type: r.type as TesseraEvent['type'],
    actor_id: optStr(r.actor_id),
    data: json(r.data),
    created_at: num(r.created_at),
  };
}
