import { JOB_COLUMNS } from './job';
import type { JobSqlDialect } from './job-sql';

/** The queue's SQL, one constant text per statement and dialect (so each is prepared once). */
export interface JobStatements {
  /** Params: id, queue, payload, max_attempts, run_at, dedupe_key, base, max, every, created, updated. */
  readonly insert: string;
  /** Params: every_ms, updated_at, dedupe_key. */
  readonly updateRepeat: string;
  /** Params: now (run_at), now (updated_at), now (lease end), queue, limit. */
  readonly recoverStale: string;
  /** Params: worker, locked_until, now (updated_at), queue, now (due), limit. */
  readonly claim: string;
  /** Params: now, id, worker. */
  readonly complete: string;
  /** Params: id, worker. */
  readonly selectHeld: string;
  /** Params: status, run_at, locked_by, last_error, now, id, worker. */
  readonly fail: string;
  /** Params: queue, limit. */
  readonly listDead: string;
  /** Params: now (run_at), now (updated_at), id. */
  readonly retryDead: string;
  /** Params: queue. */
  readonly counts: string;
  /** Params: id. */
  readonly get: string;
  /** Params: before, limit. */
  readonly purgeDone: string;
}

const PENDING = `status IN ('queued', 'running')`;

/**
 * Builds the statements for one dialect. On PostgreSQL the rows to claim are picked with
 * `FOR UPDATE SKIP LOCKED`, so concurrent claimers take disjoint rows without waiting, inside `ARRAY(…)`:
 * an uncorrelated InitPlan that runs exactly once. A plain `id IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)`
 * may be planned as a nested-loop semi-join that re-runs the subquery for every outer row, and each re-run
 * locks the next n rows: a claim then takes more than `limit` jobs (seen on PostgreSQL 15 as soon as the
 * outer query had its own filter). SQLite runs `id IN (SELECT …)` inside one `BEGIN IMMEDIATE` write
 * transaction, which serialises claimers. The picked rows stay locked by the claiming transaction until its
 * UPDATE, so the outer WHERE needs nothing but the ids (and then always plans as a primary-key lookup).
 */
export function jobStatements(dialect: JobSqlDialect): JobStatements {
  const pick = (select: string) =>
    dialect === 'postgres' ? `id = ANY (ARRAY(${select} FOR UPDATE SKIP LOCKED))` : `id IN (${select})`;
  const forUpdate = dialect === 'postgres' ? ' FOR UPDATE' : '';
  const deadIfSpent = 'attempts >= max_attempts';
  return {
    insert: `INSERT INTO jobs (id, queue, payload, status, attempts, max_attempts, run_at, dedupe_key,
        backoff_base_ms, backoff_max_ms, repeat_every_ms, created_at, updated_at)
      VALUES (?, ?, ?, 'queued', 0, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL AND ${PENDING} DO NOTHING`,
    updateRepeat: `UPDATE jobs SET repeat_every_ms = ?, updated_at = ? WHERE dedupe_key = ? AND ${PENDING}`,
    recoverStale: `UPDATE jobs SET
        status = CASE WHEN ${deadIfSpent} THEN 'dead' ELSE 'queued' END,
        run_at = ?,
        locked_by = CASE WHEN ${deadIfSpent} THEN locked_by ELSE NULL END,
        locked_until = NULL,
        last_error = 'lease expired (worker ' || COALESCE(locked_by, 'unknown') || ')',
        updated_at = ?
      WHERE ${pick(`SELECT id FROM jobs WHERE status = 'running' AND locked_until <= ?
        AND queue = ? ORDER BY locked_until LIMIT ?`)}
      RETURNING ${JOB_COLUMNS}`,
    claim: `UPDATE jobs
      SET status = 'running', attempts = attempts + 1, locked_by = ?, locked_until = ?, updated_at = ?
      WHERE ${pick(`SELECT id FROM jobs WHERE status = 'queued' AND queue = ? AND run_at <= ?
        ORDER BY run_at, id LIMIT ?`)}
      RETURNING ${JOB_COLUMNS}`,
    complete: `UPDATE jobs SET status = 'done', locked_until = NULL, updated_at = ?
      WHERE id = ? AND status = 'running' AND locked_by = ?
      RETURNING ${JOB_COLUMNS}`,
    selectHeld: `SELECT ${JOB_COLUMNS} FROM jobs
      WHERE id = ? AND status = 'running' AND locked_by = ?${forUpdate}`,
    fail: `UPDATE jobs
      SET status = ?, run_at = ?, locked_by = ?, locked_until = NULL, last_error = ?, updated_at = ?
      WHERE id = ? AND status = 'running' AND locked_by = ?
      RETURNING ${JOB_COLUMNS}`,
    listDead: `SELECT ${JOB_COLUMNS} FROM jobs WHERE status = 'dead' AND queue = ?
      ORDER BY updated_at DESC, id DESC LIMIT ?`,
    retryDead: `UPDATE jobs
      SET status = 'queued', attempts = 0, run_at = ?, locked_by = NULL, locked_until = NULL, updated_at = ?
      WHERE id = ? AND status = 'dead' AND (dedupe_key IS NULL OR NOT EXISTS (
        SELECT 1 FROM jobs p WHERE p.dedupe_key = jobs.dedupe_key AND p.${PENDING}))`,
    counts: 'SELECT status, COUNT(*) AS n FROM jobs WHERE queue = ? GROUP BY status',
    get: `SELECT ${JOB_COLUMNS} FROM jobs WHERE id = ?`,
    purgeDone: `DELETE FROM jobs WHERE id IN (SELECT id FROM jobs WHERE status = 'done' AND updated_at < ?
      ORDER BY updated_at LIMIT ?)`,
  };
}
