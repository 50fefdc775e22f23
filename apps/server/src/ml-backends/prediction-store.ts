import type { SqlExecutor } from '@tessera/db';
import type { AnnotationPayload } from '@tessera/schema';

/** One stored prediction: a model's output for one task, as received from an ML backend. */
export interface PredictionRecord {
  readonly id: string;
  readonly orgId: string;
  readonly projectId: string;
  readonly taskId: string;
  readonly backendId: string;
  readonly webhookId: string;
  readonly modelVersion: string;
  readonly payload: AnnotationPayload;
  readonly schemaVersion: number;
  readonly ontologyVersion: number;
  readonly score: number | null;
  readonly createdAt: number;
}

type Row = Record<string, unknown>;

function toPrediction(r: Row): PredictionRecord {
  return {
    id: String(r.id),
    orgId: String(r.org_id),
    projectId: String(r.project_id),
    taskId: String(r.task_id),
    backendId: String(r.backend_id),
    webhookId: String(r.webhook_id),
    modelVersion: String(r.model_version),
    payload: JSON.parse(String(r.payload)) as AnnotationPayload,
    schemaVersion: Number(r.schema_version),
    ontologyVersion: Number(r.ontology_version),
    score: r.score === null || r.score === undefined ? null : Number(r.score),
    createdAt: Number(r.created_at),
  };
}

const COLUMNS = `id, org_id, project_id, task_id, backend_id, webhook_id, model_version, payload, schema_version,
  ontology_version, score, created_at`;

/** Predictions in SQL, always read and written with their organization. */
export const predictionStore = {
  async insert(db: SqlExecutor, p: PredictionRecord): Promise<void> {
    await db.run(`INSERT INTO predictions (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
      p.id,
      p.orgId,
      p.projectId,
      p.taskId,
      p.backendId,
      p.webhookId,
      p.modelVersion,
      JSON.stringify(p.payload),
      p.schemaVersion,
      p.ontologyVersion,
      p.score,
      p.createdAt,
    ]);
  },
  /** A task's predictions in creation order, after a keyset position. */
  async listForTask(
    db: SqlExecutor,
    orgId: string,
    taskId: string,
    after: { createdAt: number; id: string } | undefined,
    limit: number,
  ): Promise<PredictionRecord[]> {
    const rows = after
      ? await db.all(
          `SELECT ${COLUMNS} FROM predictions WHERE org_id = ? AND task_id = ?
           AND (created_at > ? OR (created_at = ? AND id > ?)) ORDER BY created_at, id LIMIT ?`,
          [orgId, taskId, after.createdAt, after.createdAt, after.id, limit],
        )
      : await db.all(
          `SELECT ${COLUMNS} FROM predictions WHERE org_id = ? AND task_id = ? ORDER BY created_at, id LIMIT ?`,
          [orgId, taskId, limit],
        );
    return rows.map(toPrediction);
  },
};
