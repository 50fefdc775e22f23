import type { StatsRepo, StatsWindow } from '@tessera/core';
import type { AnnotationPayload, TaskStage } from '@tessera/schema';
import type { SqlExecutor, SqlValue } from '../sql-client';

/**
 * Dashboard aggregates. Every query is one GROUP BY (or a LIMITed sample) scoped to one project and, for
 * activity, to the window, so the database does the counting and only small results cross the wire.
 */

const OPEN = "('staging', 'paused', 'queued', 'labeling', 'review')";
const CHUNK = 500;

const num = (v: unknown): number => Number(v);
const optNum = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const payload = (v: unknown): AnnotationPayload => JSON.parse(String(v)) as AnnotationPayload;
const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

function chunks<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(values.slice(i, i + CHUNK));
  return out;
}

/** Window bounds as parameters: [start, end] inclusive. */
const bounds = (w: StatsWindow): SqlValue[] => [w.start, w.end];

// Bucket numbers: SQLite binds JS numbers as REAL, so the quotient is truncated explicitly (PostgreSQL divides
// BIGINTs as integers already); both floor it, since times before the window start are filtered out.

const SUBMITTED_BUCKETS = `SELECT CAST((created_at - ?) / ? AS INTEGER) AS bucket, COUNT(*) AS n FROM annotations
  WHERE project_id = ? AND created_at >= ? AND created_at <= ? AND kind <> 'review_fix' GROUP BY bucket`;

const COMPLETED_BUCKETS = `SELECT CAST((completed_at - ?) / ? AS INTEGER) AS bucket, COUNT(*) AS n FROM tasks
  WHERE project_id = ? AND stage = 'completed' AND completed_at >= ? AND completed_at <= ? GROUP BY bucket`;

// Median per author without a dialect-specific percentile: the middle row(s) of each author's sorted durations.
const AUTHOR_ACTIVITY = `SELECT c.author_id, c.n, m.median FROM
  (SELECT author_id, COUNT(*) AS n FROM annotations
    WHERE project_id = ? AND created_at >= ? AND created_at <= ? AND kind <> 'review_fix' GROUP BY author_id) c
  LEFT JOIN (
    SELECT author_id, AVG(duration_ms) AS median FROM (
      SELECT author_id, duration_ms,
        ROW_NUMBER() OVER (PARTITION BY author_id ORDER BY duration_ms) AS rn,
        COUNT(*) OVER (PARTITION BY author_id) AS cnt
      FROM annotations
      WHERE project_id = ? AND created_at >= ? AND created_at <= ? AND kind <> 'review_fix'
        AND duration_ms IS NOT NULL) d
    WHERE rn IN ((cnt + 1) / 2, (cnt + 2) / 2) GROUP BY author_id) m
  ON m.author_id = c.author_id`;

// Tasks labeled once count only when a reviewer fixed the label (otherwise the label is the annotation itself).
const CONSENSUS_SAMPLE = `SELECT an.author_id, an.payload, fl.payload AS final_payload FROM annotations an
  JOIN tasks t ON t.id = an.task_id
  JOIN final_labels fl ON fl.task_id = t.id AND fl.revision = t.final_revision
  WHERE an.project_id = ? AND an.kind = 'label' AND an.created_at >= ? AND an.created_at <= ?
    AND (t.annotations_needed > 1 OR fl.source = 'review_fix')
  ORDER BY an.created_at DESC, an.id DESC LIMIT ?`;

const FINAL_LABEL_SAMPLE = `SELECT fl.payload, fl.agreement FROM final_labels fl
  JOIN tasks t ON t.id = fl.task_id AND fl.revision = t.final_revision
  WHERE fl.project_id = ? AND fl.created_at >= ? AND fl.created_at <= ?
  ORDER BY fl.created_at DESC, fl.task_id DESC LIMIT ?`;

// One row per project of the organization; each count is served by a partial index on its stage (the lease,
// review and completion indexes), so the counts never touch rows of other stages.
const WORK_COUNTS = `SELECT
  (SELECT COUNT(*) FROM tasks WHERE project_id = ? AND stage = 'queued') AS queued,
  (SELECT COUNT(*) FROM tasks WHERE project_id = ? AND stage = 'review') AS review,
  (SELECT COUNT(*) FROM tasks WHERE project_id = ? AND stage = 'completed') AS completed
  FROM projects WHERE org_id = ? AND id = ?`;

export function statsRepo(db: SqlExecutor): StatsRepo {
  const buckets = async (sql: string, projectId: string, w: StatsWindow) =>
    (await db.all(sql, [w.start, w.bucketMs, projectId, ...bounds(w)])).map((r) => ({
      bucket: num(r.bucket),
      count: num(r.n),
    }));
  return {
    async stageCounts(projectId) {
      const rows = await db.all(
        `SELECT stage, COUNT(*) AS n, MIN(created_at) AS oldest, MAX(created_at) AS newest FROM tasks
         WHERE project_id = ? GROUP BY stage`,
        [projectId],
      );
      return rows.map((r) => ({
        stage: r.stage as TaskStage,
        tasks: num(r.n),
        oldestCreatedAt: optNum(r.oldest),
        newestCreatedAt: optNum(r.newest),
      }));
    },
    async inFlight(projectId, now) {
      const [r] = await db.all(
        "SELECT COUNT(*) AS n FROM assignments WHERE project_id = ? AND status = 'active' AND expires_at > ?",
        [projectId, now],
      );
      return num(r?.n ?? 0);
    },
    submittedBuckets: (projectId, w) => buckets(SUBMITTED_BUCKETS, projectId, w),
    completedBuckets: (projectId, w) => buckets(COMPLETED_BUCKETS, projectId, w),
    async openDeadlines(projectId, limit) {
      const rows = await db.all(
        `SELECT deadline, COUNT(*) AS n FROM tasks WHERE project_id = ? AND stage IN ${OPEN}
         AND deadline IS NOT NULL GROUP BY deadline ORDER BY deadline LIMIT ?`,
        [projectId, limit],
      );
      return rows.map((r) => ({ deadline: num(r.deadline), tasks: num(r.n) }));
    },
    async authorActivity(projectId, w) {
      const rows = await db.all(AUTHOR_ACTIVITY, [projectId, ...bounds(w), projectId, ...bounds(w)]);
      return rows.map((r) => ({
        authorId: String(r.author_id),
        submitted: num(r.n),
        medianDurationMs: optNum(r.median),
      }));
    },
    async goldAccuracy(projectId, w) {
      const rows = await db.all(
        `SELECT annotator_id, COUNT(*) AS n, AVG(accuracy) AS accuracy FROM gold_scores
         WHERE project_id = ? AND created_at >= ? AND created_at <= ? GROUP BY annotator_id`,
        [projectId, ...bounds(w)],
      );
      return rows.map((r) => ({
        annotatorId: String(r.annotator_id),
        attempts: num(r.n),
        meanAccuracy: num(r.accuracy),
      }));
    },
    async consensusSample(projectId, w, limit) {
      const rows = await db.all(CONSENSUS_SAMPLE, [projectId, ...bounds(w), limit]);
      return rows.map((r) => ({
        authorId: String(r.author_id),
        payload: payload(r.payload),
        finalPayload: payload(r.final_payload),
      }));
    },
    async finalLabelSample(projectId, w, limit) {
      const rows = await db.all(FINAL_LABEL_SAMPLE, [projectId, ...bounds(w), limit]);
      return rows.map((r) => ({ payload: payload(r.payload), agreement: optNum(r.agreement) }));
    },
    async users(orgId, ids) {
      const out = [];
      for (const chunk of chunks(ids)) {
        const rows = await db.all(
          `SELECT id, email, name FROM users WHERE org_id = ? AND id IN (${marks(chunk.length)})`,
          [orgId, ...chunk],
        );
        out.push(...rows.map((r) => ({ id: String(r.id), email: String(r.email), name: String(r.name) })));
      }
      return out;
    },
    async recentEventsAfter(orgId, projectId, count) {
      const [r] = await db.all(
        'SELECT seq FROM events WHERE org_id = ? AND project_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?',
        [orgId, projectId, count],
      );
      return r === undefined ? 0 : num(r.seq);
    },
    async workCounts(orgId, projectIds) {
      const out = [];
      for (const projectId of projectIds) {
        const [r] = await db.all(WORK_COUNTS, [projectId, projectId, projectId, orgId, projectId]);
        if (r === undefined) continue;
        out.push({ projectId, queued: num(r.queued), review: num(r.review), completed: num(r.completed) });
      }
      return out;
    },
  };
}
