import type { BatchRepo, ItemRepo, TaskPatch, TaskQuery, TaskRepo } from '@tessera/core';
import { STAGE_STATUS } from '@tessera/schema';
import { CUSTOM_PLAN, type SqlExecutor, type SqlValue } from '../sql-client';
import { insertRows } from './insert-rows';
import { b, j, TASK_COLUMNS, taskValues, toBatch, toItem, toTask } from './rows';

/** Patch fields in a fixed order, so each combination of fields is one prepared statement. */
const PATCH_COLUMNS: readonly (keyof TaskPatch)[] = [
  'status',
  'stage',
  'annotations_done',
  'leases_active',
  'lease_seq',
  'failed_attempts',
  'last_error',
  'final_revision',
  'completed_at',
  'unique_id',
  'tags',
  'metadata',
  'callback_succeeded',
  'updated_at',
];

function patchValue(key: keyof TaskPatch, value: unknown): SqlValue {
  if (key === 'tags' || key === 'metadata') return j(value);
  if (key === 'callback_succeeded') return value === null ? null : b(value as boolean);
  return value as SqlValue;
}

/** The SET list of a patch: "col = ?" for each field present, in PATCH_COLUMNS order. */
function patchSet(patch: TaskPatch): { sets: string; params: SqlValue[] } {
  const keys = PATCH_COLUMNS.filter((k) => patch[k] !== undefined);
  return { sets: keys.map((k) => `${k} = ?`).join(', '), params: keys.map((k) => patchValue(k, patch[k])) };
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** WHERE clauses for a task query's filters (tenant first, so every query is scoped to one organization). */
function taskFilters(q: TaskQuery): { where: string[]; params: SqlValue[] } {
  const where = ['org_id = ?'];
  const params: SqlValue[] = [q.orgId];
  const add = (clause: string, ...values: SqlValue[]) => {
    where.push(clause);
    params.push(...values);
  };
  if (q.projectId !== undefined) add('project_id = ?', q.projectId);
  if (q.batchId !== undefined) add('batch_id = ?', q.batchId);
  if (q.status !== undefined) add('status = ?', q.status);
  if (q.stage !== undefined) add('stage = ?', q.stage);
  if (q.type !== undefined) add('type = ?', q.type);
  if (q.uniqueIds !== undefined && q.uniqueIds.length > 0)
    add(`unique_id IN (${placeholders(q.uniqueIds.length)})`, ...q.uniqueIds);
  for (const [column, range] of [
    ['created_at', q.created],
    ['updated_at', q.updated],
    ['completed_at', q.completed],
  ] as const) {
    if (range?.after !== undefined) add(`${column} >= ?`, range.after);
    if (range?.before !== undefined) add(`${column} < ?`, range.before);
  }
  return { where, params };
}

/**
 * Tasks whose retry reference lies in [low, high] (byte order: the column collates as "C"): one range of the
 * partial index `tasks_retry_ref`, a plan PostgreSQL keeps once it caches a generic plan (an `IN` list of
 * references becomes a filter over every reference of the organization there, growing with the table).
 */
export const RETRY_REF_RANGE_SQL =
  'SELECT * FROM tasks WHERE org_id = ? AND retry_ref IS NOT NULL AND retry_ref >= ? AND retry_ref <= ?';

/**
 * Tasks holding any of the `unique_id`s given as one JSON array (one parameter, any count). On PostgreSQL it is
 * planned on every run (`CUSTOM_PLAN`): a bulk ingest grows the table from nothing, and the generic plan cached
 * while it was tiny scanned every task of the organization per chunk (1.3k lines/s in the 100k bulk test,
 * against 8.9k planned per run). The LATERAL probe with LIMIT (the unique index allows one row per id) stays
 * one index probe per id.
 */
export function uniqueIdLookupSql(dialect: SqlExecutor['dialect']): string {
  if (dialect === 'sqlite') {
    return 'SELECT * FROM tasks WHERE org_id = ? AND unique_id IS NOT NULL AND unique_id IN (SELECT value FROM json_each(?))';
  }
  return (
    `${CUSTOM_PLAN}SELECT t.* FROM jsonb_array_elements_text(?::jsonb) AS u(id) CROSS JOIN LATERAL ` +
    '(SELECT * FROM tasks WHERE org_id = ? AND unique_id IS NOT NULL AND unique_id = u.id LIMIT 1) AS t'
  );
}

export function taskRepo(db: SqlExecutor): TaskRepo {
  const forUpdate = db.dialect === 'postgres' ? ' FOR UPDATE' : '';
  const uniqueIdLookup = uniqueIdLookupSql(db.dialect);
  return {
    insertMany: (tasks, retryRefs) =>
      insertRows(db, 'tasks', TASK_COLUMNS, tasks, (t) => taskValues(t, retryRefs?.get(t.id) ?? null)),
    async get(orgId, id) {
      const [r] = await db.all('SELECT * FROM tasks WHERE id = ? AND org_id = ?', [id, orgId]);
      return r === undefined ? undefined : toTask(r);
    },
    async getForUpdate(id) {
      const [r] = await db.all(`SELECT * FROM tasks WHERE id = ?${forUpdate}`, [id]);
      return r === undefined ? undefined : toTask(r);
    },
    async findByUniqueIds(orgId, uniqueIds) {
      if (uniqueIds.length === 0) return [];
      const ids = JSON.stringify(uniqueIds);
      const rows = await db.all(uniqueIdLookup, db.dialect === 'sqlite' ? [orgId, ids] : [ids, orgId]);
      return rows.map(toTask);
    },
    /** Reads the range between the smallest and largest reference: one request's references are neighbours. */
    async findByRetryRefs(orgId, refs) {
      const [first] = refs;
      if (first === undefined) return [];
      let low = first;
      let high = first;
      for (const ref of refs) {
        if (ref < low) low = ref;
        if (ref > high) high = ref;
      }
      const wanted = new Set(refs);
      const rows = await db.all(RETRY_REF_RANGE_SQL, [orgId, low, high]);
      return rows
        .filter((r) => wanted.has(String(r.retry_ref)))
        .map((r) => ({ retryRef: String(r.retry_ref), task: toTask(r) }));
    },
    async clearRetryRefs(orgId, taskIds) {
      for (let i = 0; i < taskIds.length; i += 500) {
        const chunk = taskIds.slice(i, i + 500);
        await db.run(
          `UPDATE tasks SET retry_ref = NULL WHERE org_id = ? AND id IN (${placeholders(chunk.length)})`,
          [orgId, ...chunk],
        );
      }
    },
    async update(id, fromStages, patch) {
      const { sets, params } = patchSet(patch);
      const stageFilter = fromStages.length > 0 ? ` AND stage IN (${placeholders(fromStages.length)})` : '';
      return (
        (await db.run(`UPDATE tasks SET ${sets} WHERE id = ?${stageFilter}`, [
          ...params,
          id,
          ...fromStages,
        ])) === 1
      );
    },
    async patchHeld(id, fromStage, patch) {
      const { sets, params } = patchSet(patch);
      await db.deferOne(`UPDATE tasks SET ${sets} WHERE id = ? AND stage = ?`, [...params, id, fromStage]);
    },
    async patch(id, patch) {
      const { sets, params } = patchSet(patch);
      await db.defer(`UPDATE tasks SET ${sets} WHERE id = ?`, [...params, id]);
    },
    async moveBatchStage(batchId, fromStages, to, now, onlyUnstarted) {
      const unstarted = onlyUnstarted
        ? ' AND annotations_done = 0 AND leases_active = 0 AND final_revision = 0'
        : '';
      const rows = await db.all<{ id: string }>(
        `UPDATE tasks SET stage = ?, status = ?, updated_at = ? WHERE batch_id = ? AND stage IN (${placeholders(fromStages.length)})${unstarted} RETURNING id`,
        [to, STAGE_STATUS[to], now, batchId, ...fromStages],
      );
      return rows.map((r) => r.id);
    },
    async list(q) {
      const { where, params } = taskFilters(q);
      if (q.after !== undefined) {
        where.push('(created_at > ? OR (created_at = ? AND id > ?))');
        params.push(q.after.createdAt, q.after.createdAt, q.after.id);
      }
      const offset = q.offset ? ` OFFSET ${Math.trunc(q.offset)}` : '';
      const sql = `SELECT * FROM tasks WHERE ${where.join(' AND ')} ORDER BY created_at, id LIMIT ?${offset}`;
      return (await db.all(sql, [...params, q.limit])).map(toTask);
    },
    async count(q) {
      const { where, params } = taskFilters(q);
      const [r] = await db.all<{ n: number }>(
        `SELECT COUNT(*) AS n FROM tasks WHERE ${where.join(' AND ')}`,
        params,
      );
      return Number(r?.n ?? 0);
    },
    async queueDepth(projectId) {
      const [r] = await db.all<{ n: number }>(
        "SELECT COUNT(*) AS n FROM tasks WHERE project_id = ? AND stage = 'queued'",
        [projectId],
      );
      return Number(r?.n ?? 0);
    },
  };
}

/** The columns of `items`, in insert order (the lease query selects them too). */
export const ITEM_COLUMNS = [
  'id',
  'org_id',
  'uri',
  'blob_key',
  'media_type',
  'width',
  'height',
  'length',
  'text',
  'metadata',
  'content_hash',
  'created_at',
] as const;

export function itemRepo(db: SqlExecutor): ItemRepo {
  return {
    insertMany: (items) =>
      insertRows(db, 'items', ITEM_COLUMNS, items, (i) => [
        i.id,
        i.org_id,
        i.uri,
        i.blob_key,
        i.media_type,
        i.width,
        i.height,
        i.length,
        i.text,
        j(i.metadata),
        i.content_hash,
        i.created_at,
      ]),
    async get(orgId, id) {
      const [r] = await db.all('SELECT * FROM items WHERE id = ? AND org_id = ?', [id, orgId]);
      return r === undefined ? undefined : toItem(r);
    },
  };
}

export function batchRepo(db: SqlExecutor): BatchRepo {
  const one = async (sql: string, params: SqlValue[]) => {
    const [r] = await db.all(sql, params);
    return r === undefined ? undefined : toBatch(r);
  };
  return {
    async insert(x) {
      await db.run(
        'INSERT INTO batches (id, org_id, project_id, name, status, callback_url, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [x.id, x.org_id, x.project_id, x.name, x.status, x.callback_url, x.created_at, x.updated_at],
      );
    },
    get: (orgId, id) => one('SELECT * FROM batches WHERE id = ? AND org_id = ?', [id, orgId]),
    getById: (id) => one('SELECT * FROM batches WHERE id = ?', [id]),
    async listByName(orgId, name) {
      return (
        await db.all('SELECT * FROM batches WHERE org_id = ? AND name = ? ORDER BY created_at, id', [
          orgId,
          name,
        ])
      ).map(toBatch);
    },
    async list(orgId, projectId, after, limit) {
      const where = ['org_id = ?'];
      const params: SqlValue[] = [orgId];
      if (projectId !== undefined) {
        where.push('project_id = ?');
        params.push(projectId);
      }
      if (after !== undefined) {
        where.push('(created_at > ? OR (created_at = ? AND id > ?))');
        params.push(after.createdAt, after.createdAt, after.id);
      }
      const sql = `SELECT * FROM batches WHERE ${where.join(' AND ')} ORDER BY created_at, id LIMIT ?`;
      return (await db.all(sql, [...params, limit])).map(toBatch);
    },
    getByName: (projectId, name) =>
      one('SELECT * FROM batches WHERE project_id = ? AND name = ?', [projectId, name]),
    async setStatus(id, from, to, now) {
      return (
        (await db.run('UPDATE batches SET status = ?, updated_at = ? WHERE id = ? AND status = ?', [
          to,
          now,
          id,
          from,
        ])) === 1
      );
    },
    async statusCounts(batchId) {
      const rows = await db.all<{ status: string; n: number }>(
        'SELECT status, COUNT(*) AS n FROM tasks WHERE batch_id = ? GROUP BY status',
        [batchId],
      );
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    },
    async hasPendingTasks(batchId) {
      const rows = await db.all(
        "SELECT 1 AS x FROM tasks WHERE batch_id = ? AND status = 'pending' LIMIT 1",
        [batchId],
      );
      return rows.length > 0;
    },
  };
}
