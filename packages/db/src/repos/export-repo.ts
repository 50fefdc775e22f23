import type { Annotation, FinalLabel, Task } from '@tessera/schema';
import type { Row, SqlClient, SqlExecutor, SqlValue } from '../sql-client';
import { toAnnotation, toFinalLabel, toTask } from './rows';

/** Which completed tasks an export reads (one organization's project; times in epoch ms). */
export interface ExportFilter {
  readonly orgId: string;
  readonly projectId: string;
  readonly batchId?: string;
  /** Completed at or after. */
  readonly completedAfter?: number;
  /** Completed before. */
  readonly completedBefore?: number;
  readonly includeAnnotations: boolean;
}

/** The export's sort key: completion time, then task id. A page starts strictly after it. */
export interface ExportKey {
  readonly completedAt: number;
  readonly id: string;
}

/** One completed task with its current final label (and, when asked, its annotations, oldest first). */
export interface ExportRow {
  readonly task: Task;
  readonly label: FinalLabel | null;
  readonly annotations: readonly Annotation[] | null;
}

export interface ExportRepo {
  /** Up to `limit` rows after `after` (from the start when null), ordered by (completed_at, id). */
  page(filter: ExportFilter, after: ExportKey | null, limit: number): Promise<ExportRow[]>;
}

/** Below every real key: completion times are epoch ms (≥ 0) and ids are non-empty. */
const START: ExportKey = { completedAt: -1, id: '' };
/** Later than any epoch-ms time a task can hold. */
const NO_END = Number.MAX_SAFE_INTEGER;

/**
 * One keyset page with each task's current final label joined in. `stage = 'completed'` matches the partial
 * index tasks_project_completed_id (project_id, completed_at, id), whose order is the page's: a range read
 * that stops after LIMIT entries. The bounds are always bound (defaults when unset), so the batch and
 * no-batch variants are one prepared statement each; `completed_at >= ?` narrows the range for planners that
 * do not seek on the row-value comparison.
 */
export function exportPageSql(withBatch: boolean): string {
  return [
    'SELECT t.*, f.revision AS fl_revision, f.payload AS fl_payload, f.agreement AS fl_agreement,',
    ' f.source AS fl_source, f.ontology_version AS fl_ontology_version, f.details AS fl_details,',
    ' f.created_at AS fl_created_at',
    ' FROM tasks t LEFT JOIN final_labels f ON f.task_id = t.id AND f.revision = t.final_revision',
    " WHERE t.project_id = ? AND t.stage = 'completed' AND t.org_id = ?",
    withBatch ? ' AND t.batch_id = ?' : '',
    ' AND t.completed_at >= ? AND t.completed_at < ? AND (t.completed_at, t.id) > (?, ?)',
    ' ORDER BY t.completed_at, t.id LIMIT ?',
  ].join('');
}

/** The current final label joined to its task row (null when the task has none). */
function labelOf(r: Row): FinalLabel | null {
  if (r.fl_revision === null || r.fl_revision === undefined) return null;
  return toFinalLabel({
    org_id: r.org_id,
    project_id: r.project_id,
    task_id: r.id,
    revision: r.fl_revision,
    payload: r.fl_payload,
    agreement: r.fl_agreement,
    source: r.fl_source,
    ontology_version: r.fl_ontology_version,
    details: r.fl_details,
    created_at: r.fl_created_at,
  });
}

function pageParams(filter: ExportFilter, after: ExportKey, limit: number): SqlValue[] {
  const from = Math.max(filter.completedAfter ?? 0, after.completedAt);
  return [
    filter.projectId,
    filter.orgId,
    ...(filter.batchId === undefined ? [] : [filter.batchId]),
    from,
    filter.completedBefore ?? NO_END,
    after.completedAt,
    after.id,
    limit,
  ];
}

async function annotationsOf(
  db: SqlExecutor,
  taskIds: readonly string[],
): Promise<Map<string, Annotation[]>> {
  const byTask = new Map<string, Annotation[]>(taskIds.map((id) => [id, []]));
  if (taskIds.length === 0) return byTask;
  const marks = taskIds.map(() => '?').join(', ');
  const rows = await db.all(
    `SELECT * FROM annotations WHERE task_id IN (${marks}) ORDER BY task_id, created_at, id`,
    [...taskIds],
  );
  for (const r of rows) byTask.get(String(r.task_id))?.push(toAnnotation(r));
  return byTask;
}

/**
 * The bulk export's reads: one keyset page of completed tasks at a time, with their final labels (and
 * annotations), read on one snapshot per page. Nothing is held between pages, so memory stays one page
 * whatever the project's size, and a caller that stops asking stops the reads.
 */
export function exportRepo(client: SqlClient): ExportRepo {
  return {
    page(filter, after, limit) {
      return client.read(async (db) => {
        const rows = await db.all(
          exportPageSql(filter.batchId !== undefined),
          pageParams(filter, after ?? START, limit),
        );
        const ids = rows.map((r) => String(r.id));
        const annotations = filter.includeAnnotations ? await annotationsOf(db, ids) : null;
        return rows.map((r) => ({
          task: toTask(r),
          label: labelOf(r),
          annotations: annotations === null ? null : (annotations.get(String(r.id)) ?? []),
        }));
      });
    },
  };
}
