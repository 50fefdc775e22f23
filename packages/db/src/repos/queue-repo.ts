import type { LeaseCandidate, QueueRepo } from '@tessera/core';
import type { Row, SqlExecutor } from '../sql-client';
import { insertRows } from './insert-rows';
import { b, toAssignment, toItem, toTask } from './rows';
import { ITEM_COLUMNS } from './task-repo';

/** Statuses that keep a task away from an annotator: held now, answered, or skipped. */
const EXCLUDING = "('active', 'submitted', 'skipped')";

const ASSIGNMENT_COLUMNS = [
  'id',
  'org_id',
  'project_id',
  'task_id',
  'annotator_id',
  'token',
  'status',
  'is_gold',
  'leased_at',
  'heartbeat_at',
  'expires_at',
  'ended_at',
  'annotation_id',
  'after_assignment_id',
] as const;

/** The item's columns in a lease row, prefixed (`tasks` has an `item_id` of its own). */
const ITEM_SELECT = ITEM_COLUMNS.map((c) => `i.${c} AS i__${c}`).join(', ');

function toCandidate(r: Row): LeaseCandidate {
  if (r.i__id === null || r.i__id === undefined) return { task: toTask(r), item: null };
  const item: Row = {};
  for (const c of ITEM_COLUMNS) item[c] = r[`i__${c}`];
  return { task: toTask(r), item: toItem(item) };
}

/**
 * The lease query. Its ORDER BY is exactly the partial index `tasks_lease`, so the database walks the index
 * from the front and stops after `limit` rows it may take: it never sorts or scans the backlog. It also
 * answers what a lease needs around the claim, each a statement fewer per lease: each task's item, joined by
 * primary key, and the annotator's membership of the project (an uncorrelated EXISTS, evaluated once: a
 * non-member gets no rows).
 *
 * The limit is written into the text, not bound: with `LIMIT ?` SQLite took 3.4× as long for the same plan
 * (28.8 µs against 8.4 µs for one task, `bench/lease-limit.bench.ts`), and the lease query was the costliest
 * statement of a labelled task. A lease asks for at most 100 tasks: at most 100 texts, each prepared once
 * (executors cache statements by text).
 *
 * On PostgreSQL, `OFFSET 0` keeps the NOT EXISTS a per-candidate SubPlan (an index probe by task_id): as an
 * anti-join, the planner spread a Materialize over a Seq Scan of `assignments` across every queued row the
 * LIMIT might need, and then read every annotator's whole history on every lease (708 µs per lease after
 * 8,000 tasks in the lifecycle benchmark). PostgreSQL never flattens a subquery with OFFSET.
 */
export function leaseSql(dialect: SqlExecutor['dialect'], stage: 'queued' | 'gold', limit: number): string {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`lease limit ${limit}`);
  const order =
    stage === 'queued' ? 't.priority DESC, t.deadline_key, t.created_at, t.id' : 't.created_at, t.id';
  const pg = dialect === 'postgres';
  return `SELECT t.*, ${ITEM_SELECT} FROM tasks t LEFT JOIN items i ON i.id = t.item_id AND i.org_id = t.org_id
    WHERE t.project_id = ? AND t.stage = '${stage}'
      AND EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = ? AND m.user_id = ?)
      AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.task_id = t.id AND a.annotator_id = ? AND a.status IN ${EXCLUDING}${pg ? ' OFFSET 0' : ''})
    ORDER BY ${order} LIMIT ${limit}${pg ? ' FOR UPDATE OF t SKIP LOCKED' : ''}`;
}

/** The lease query's parameters, in the order its placeholders appear. */
export function leaseParams(projectId: string, annotatorId: string): string[] {
  return [projectId, projectId, annotatorId, annotatorId];
}

export function queueRepo(db: SqlExecutor): QueueRepo {
  const pg = db.dialect === 'postgres';
  return {
    async claimCandidates(q) {
      if (q.limit <= 0) return [];
      return (
        await db.all(leaseSql(db.dialect, 'queued', q.limit), leaseParams(q.projectId, q.annotatorId))
      ).map(toCandidate);
    },
    async claimGoldCandidates(q) {
      if (q.limit <= 0) return [];
      return (
        await db.all(leaseSql(db.dialect, 'gold', q.limit), leaseParams(q.projectId, q.annotatorId))
      ).map(toCandidate);
    },
    insertAssignments: (rows) =>
      insertRows(db, 'assignments', ASSIGNMENT_COLUMNS, rows, (a) => [
        a.id,
        a.org_id,
        a.project_id,
        a.task_id,
        a.annotator_id,
        a.token,
        a.status,
        b(a.is_gold),
        a.leased_at,
        a.heartbeat_at,
        a.expires_at,
        a.ended_at,
        a.annotation_id,
        a.after_assignment_id,
      ]),
    async getAssignment(taskId, token) {
      // Locked on PostgreSQL: every path locks the assignment before its task (no lock-order cycles).
      const [r] = await db.all(
        `SELECT * FROM assignments WHERE task_id = ? AND token = ?${pg ? ' FOR UPDATE' : ''}`,
        [taskId, token],
      );
      return r === undefined ? undefined : toAssignment(r);
    },
    async getAssignmentById(orgId, id) {
      const [r] = await db.all('SELECT * FROM assignments WHERE id = ? AND org_id = ?', [id, orgId]);
      return r === undefined ? undefined : toAssignment(r);
    },
    // The unit read this lease locked and active, so its id alone names it. With `AND status = 'active'` as
    // well, PostgreSQL's planner took the partial index `assignments_expiry` (status = 'active') and filtered
    // every active lease by id, heap fetch by heap fetch, instead of the primary key's one probe.
    endHeldAssignment: (id, status, now, annotationId) =>
      db.deferOne('UPDATE assignments SET status = ?, ended_at = ?, annotation_id = ? WHERE id = ?', [
        status,
        now,
        annotationId,
        id,
      ]),
    // One probe of the unique key (task_id, token); the other conditions make the statement the lease check too.
    // "Not ended" is `ended_at IS NULL` (a lease is active exactly until it ends: `queue-model.test.ts`), not
    // `status = 'active'`: that would let PostgreSQL's generic plan walk a partial index of active leases
    // (`status = 'active'`, estimated empty when ANALYZE ran after a drain) and filter every active lease, the
    // plan `held-assignment-plan.test.ts` fails on.
    async submitLiveAssignment(q) {
      const [r] = await db.all(
        `UPDATE assignments SET status = 'submitted', ended_at = ?, annotation_id = ?
          WHERE task_id = ? AND token = ? AND org_id = ? AND annotator_id = ? AND ended_at IS NULL AND expires_at > ?
          RETURNING *`,
        [q.now, q.annotationId, q.taskId, q.token, q.orgId, q.annotatorId, q.now],
      );
      return r === undefined ? undefined : toAssignment(r);
    },
    // The partial index `assignments_after` holds exactly the live leases a submit made; ids are monotonic in
    // the process that made them, so `a.id` is the order they were leased in.
    async leasesAfter(orgId, id, now) {
      const rows = await db.all(
        `SELECT a.id AS a__id, a.token AS a__token, a.expires_at AS a__expires_at, t.*, ${ITEM_SELECT}
          FROM assignments a JOIN tasks t ON t.id = a.task_id
          LEFT JOIN items i ON i.id = t.item_id AND i.org_id = t.org_id
          WHERE a.after_assignment_id = ? AND a.status = 'active' AND a.org_id = ? AND a.expires_at > ?
          ORDER BY a.id`,
        [id, orgId, now],
      );
      return rows.map((r) => ({
        ...toCandidate(r),
        assignmentId: String(r.a__id),
        token: Number(r.a__token),
        expiresAt: Number(r.a__expires_at),
      }));
    },
    extendHeldAssignment: (id, heartbeatAt, expiresAt) =>
      db.deferOne('UPDATE assignments SET heartbeat_at = ?, expires_at = ? WHERE id = ?', [
        heartbeatAt,
        expiresAt,
        id,
      ]),
    async expiredAssignments(now, limit, projectId) {
      const lock = pg ? ' FOR UPDATE SKIP LOCKED' : '';
      const rows =
        projectId === undefined
          ? await db.all(
              `SELECT * FROM assignments WHERE status = 'active' AND expires_at <= ? ORDER BY expires_at LIMIT ?${lock}`,
              [now, limit],
            )
          : await db.all(
              `SELECT * FROM assignments WHERE project_id = ? AND status = 'active' AND expires_at <= ? ORDER BY expires_at LIMIT ?${lock}`,
              [projectId, now, limit],
            );
      return rows.map(toAssignment);
    },
    async rejectSubmitted(taskId, now) {
      return db.run(
        "UPDATE assignments SET status = 'rejected', ended_at = ? WHERE task_id = ? AND status = 'submitted'",
        [now, taskId],
      );
    },
    async listAssignments(taskId) {
      return (await db.all('SELECT * FROM assignments WHERE task_id = ? ORDER BY token', [taskId])).map(
        toAssignment,
      );
    },
  };
}
