import type { AnnotationRepo, FinalLabelRepo, GoldScoreRepo, ReviewRepo } from '@tessera/core';
import type { SqlExecutor } from '../sql-client';
import { j, toAnnotation, toFinalLabel, toGoldScore, toReview } from './rows';

export function annotationRepo(db: SqlExecutor): AnnotationRepo {
  return {
    async insert(a) {
      await db.defer(
        `INSERT INTO annotations (id, org_id, project_id, task_id, assignment_id, author_id, kind, payload, ontology_version,
          schema_version, duration_ms, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          a.id,
          a.org_id,
          a.project_id,
          a.task_id,
          a.assignment_id,
          a.author_id,
          a.kind,
          j(a.payload),
          a.ontology_version,
          a.schema_version,
          a.duration_ms,
          a.created_at,
        ],
      );
    },
    async get(orgId, id) {
      const [r] = await db.all('SELECT * FROM annotations WHERE id = ? AND org_id = ?', [id, orgId]);
      return r === undefined ? undefined : toAnnotation(r);
    },
    async listCurrentRound(taskId) {
      const rows = await db.all(
        `SELECT an.* FROM annotations an JOIN assignments a ON a.id = an.assignment_id
         WHERE an.task_id = ? AND a.status = 'submitted' AND an.kind = 'label' ORDER BY an.created_at, an.id`,
        [taskId],
      );
      return rows.map(toAnnotation);
    },
    async listForTask(taskId) {
      return (
        await db.all('SELECT * FROM annotations WHERE task_id = ? ORDER BY created_at, id', [taskId])
      ).map(toAnnotation);
    },
  };
}

export function reviewRepo(db: SqlExecutor): ReviewRepo {
  return {
    async insert(r) {
      await db.defer(
        `INSERT INTO reviews (id, org_id, project_id, task_id, reviewer_id, action, comment, annotation_id, final_revision, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          r.id,
          r.org_id,
          r.project_id,
          r.task_id,
          r.reviewer_id,
          r.action,
          r.comment,
          r.annotation_id,
          r.final_revision,
          r.created_at,
        ],
      );
    },
    async listForTask(taskId) {
      return (await db.all('SELECT * FROM reviews WHERE task_id = ? ORDER BY created_at, id', [taskId])).map(
        toReview,
      );
    },
  };
}

export function finalLabelRepo(db: SqlExecutor): FinalLabelRepo {
  return {
    async insert(l) {
      await db.defer(
        `INSERT INTO final_labels (task_id, revision, org_id, project_id, payload, agreement, source, ontology_version, details, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          l.task_id,
          l.revision,
          l.org_id,
          l.project_id,
          j(l.payload),
          l.agreement,
          l.source,
          l.ontology_version,
          j(l.details),
          l.created_at,
        ],
      );
    },
    async latest(taskId) {
      const [r] = await db.all(
        'SELECT * FROM final_labels WHERE task_id = ? ORDER BY revision DESC LIMIT 1',
        [taskId],
      );
      return r === undefined ? undefined : toFinalLabel(r);
    },
    async latestForTasks(taskIds) {
      if (taskIds.length === 0) return [];
      const marks = taskIds.map(() => '?').join(', ');
      const rows = await db.all(
        `SELECT fl.* FROM final_labels fl JOIN tasks t ON t.id = fl.task_id AND fl.revision = t.final_revision
         WHERE fl.task_id IN (${marks})`,
        [...taskIds],
      );
      return rows.map(toFinalLabel);
    },
    async revisions(taskId) {
      return (await db.all('SELECT * FROM final_labels WHERE task_id = ? ORDER BY revision', [taskId])).map(
        toFinalLabel,
      );
    },
    async listStale(projectId, version, afterTaskId, limit) {
      const rows = await db.all(
        `SELECT fl.* FROM final_labels fl JOIN tasks t ON t.id = fl.task_id AND fl.revision = t.final_revision
         WHERE fl.project_id = ? AND fl.ontology_version < ? AND fl.task_id > ? ORDER BY fl.task_id LIMIT ?`,
        [projectId, version, afterTaskId, limit],
      );
      return rows.map(toFinalLabel);
    },
  };
}

export function goldScoreRepo(db: SqlExecutor): GoldScoreRepo {
  return {
    async insert(g) {
      await db.defer(
        `INSERT INTO gold_scores (id, org_id, project_id, task_id, annotator_id, annotation_id, accuracy, mean_iou, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          g.id,
          g.org_id,
          g.project_id,
          g.task_id,
          g.annotator_id,
          g.annotation_id,
          g.accuracy,
          g.mean_iou,
          g.created_at,
        ],
      );
    },
    async listForProject(projectId) {
      return (
        await db.all('SELECT * FROM gold_scores WHERE project_id = ? ORDER BY created_at, id', [projectId])
      ).map(toGoldScore);
    },
  };
}
