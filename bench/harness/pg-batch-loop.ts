import type pg from 'pg';

/**
 * The labelling loop's writes at consensus 1, set-based: one transaction submits a batch of leases and leases
 * the next batch, each kind of row in one statement (`unnest` of arrays, a lease of `batch` tasks in one claim).
 * Per task it writes what the engine's submit with `lease_next` writes: the lease ended as submitted, an
 * annotation, the task completed, its final label, an outbox row, a new task leased (the task updated, an
 * assignment) and three events. A sketch of performance.md rules 2–3 on Tessera's own schema, to measure what
 * PostgreSQL itself costs per task that way; the engine does not work like this yet.
 */

/** A lease the loop holds for an annotator, submitted by the next round. */
export interface HeldLease {
  readonly taskId: string;
  readonly token: number;
  readonly annotatorId: string;
}

export interface LoopTenant {
  readonly orgId: string;
  readonly projectId: string;
}

interface EventRows {
  readonly ids: string[];
  readonly taskIds: string[];
  readonly types: string[];
  readonly actors: string[];
}

const PAYLOAD = JSON.stringify({ objects: [{ label: 'car', box: { x: 10, y: 20, w: 30, h: 40 } }] });
const LEASE_MS = 600_000;

export function createBatchLoop(
  client: pg.Client,
  tenant: LoopTenant,
  batch: number,
  newId: (p: string) => string,
) {
  const { orgId, projectId } = tenant;
  const query = (name: string, text: string, values: unknown[]) => client.query({ name, text, values });

  function pushEvent(events: EventRows, taskId: string, type: string, actor: string): void {
    events.ids.push(newId('evt'));
    events.taskIds.push(taskId);
    events.types.push(type);
    events.actors.push(actor);
  }

  /** Ends the leases as submitted and locks their tasks; answers each task's lease id. */
  async function endLeases(
    held: readonly HeldLease[],
    annotationIds: readonly string[],
    now: number,
  ): Promise<Map<string, string>> {
    const taskIds = held.map((h) => h.taskId);
    const ended = await query(
      'batch-submit',
      `UPDATE assignments a SET status = 'submitted', ended_at = $1, annotation_id = v.ann
        FROM unnest($2::text[], $3::int[], $4::text[], $5::text[]) AS v(task_id, token, ann, annotator)
        WHERE a.task_id = v.task_id AND a.token = v.token AND a.org_id = $6 AND a.annotator_id = v.annotator
          AND a.status = 'active' AND a.expires_at > $1 RETURNING a.id, a.task_id`,
      [now, taskIds, held.map((h) => h.token), annotationIds, held.map((h) => h.annotatorId), orgId],
    );
    const locked = await query(
      'batch-tasks',
      'SELECT * FROM tasks WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE',
      [taskIds],
    );
    await query('batch-project', 'SELECT * FROM projects WHERE org_id = $1 AND id = $2', [orgId, projectId]);
    if (ended.rowCount !== held.length || locked.rowCount !== held.length)
      throw new Error(`set-based loop: ${ended.rowCount} of ${held.length} leases were live`);
    return new Map(ended.rows.map((r: { id: string; task_id: string }) => [r.task_id, r.id]));
  }

  async function submit(held: readonly HeldLease[], now: number, events: EventRows): Promise<void> {
    const taskIds = held.map((h) => h.taskId);
    const annotationIds = held.map(() => newId('ann'));
    const leaseOf = await endLeases(held, annotationIds, now);
    await query(
      'batch-annotations',
      `INSERT INTO annotations (id, org_id, project_id, task_id, assignment_id, author_id, kind, payload, ontology_version,
          schema_version, duration_ms, created_at)
        SELECT v.id, $1, $2, v.task_id, v.lease, v.author, 'label', $3, 1, 1, NULL, $4
        FROM unnest($5::text[], $6::text[], $7::text[], $8::text[]) AS v(id, task_id, lease, author)`,
      [
        orgId,
        projectId,
        PAYLOAD,
        now,
        annotationIds,
        taskIds,
        taskIds.map((t) => leaseOf.get(t)),
        held.map((h) => h.annotatorId),
      ],
    );
    await query(
      'batch-complete',
      `UPDATE tasks t SET status = 'completed', stage = 'completed', annotations_done = t.annotations_done + 1,
          leases_active = 0, final_revision = 1, updated_at = $1, completed_at = $1
        FROM unnest($2::text[]) AS v(id) WHERE t.id = v.id`,
      [now, taskIds],
    );
    await query(
      'batch-final-labels',
      `INSERT INTO final_labels (task_id, revision, org_id, project_id, payload, agreement, source, ontology_version, details, created_at)
        SELECT v.task_id, 1, $1, $2, $3, NULL, 'single', 1, '{}', $4 FROM unnest($5::text[]) AS v(task_id)`,
      [orgId, projectId, PAYLOAD, now, taskIds],
    );
    for (const h of held) pushEvent(events, h.taskId, 'task.annotated', h.annotatorId);
    const completedAt = events.ids.length;
    for (const h of held) pushEvent(events, h.taskId, 'task.completed', h.annotatorId);
    await query(
      'batch-outbox',
      `INSERT INTO outbox (id, org_id, event_id, event_type, task_id, payload, created_at)
        SELECT v.id, $1, v.event_id, 'task.completed', v.task_id, '{}', $2
        FROM unnest($3::text[], $4::text[], $5::text[]) AS v(id, event_id, task_id)`,
      [orgId, now, held.map(() => newId('obx')), events.ids.slice(completedAt), taskIds],
    );
  }

  async function lease(annotators: readonly string[], now: number, events: EventRows): Promise<HeldLease[]> {
    const claimed = await query(
      'batch-lease',
      `WITH picked AS (
         SELECT t.id, t.item_id FROM tasks t WHERE t.project_id = $1 AND t.stage = 'queued'
           AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.task_id = t.id AND a.annotator_id = ANY($3::text[]) OFFSET 0)
         ORDER BY t.priority DESC, t.deadline_key, t.created_at, t.id LIMIT ${batch} FOR UPDATE OF t SKIP LOCKED)
       UPDATE tasks t SET stage = 'labeling', leases_active = t.leases_active + 1, lease_seq = t.lease_seq + 1, updated_at = $2
       FROM picked LEFT JOIN items i ON i.id = picked.item_id
       WHERE t.id = picked.id RETURNING t.*, i.id AS i__id, i.uri AS i__uri`,
      [projectId, now, annotators],
    );
    const next = claimed.rows.map((r: { id: string; lease_seq: number }, k) => ({
      taskId: r.id,
      token: r.lease_seq,
      annotatorId: annotators[k % annotators.length] as string,
    }));
    if (next.length === 0) return next;
    await query(
      'batch-assignments',
      `INSERT INTO assignments (id, org_id, project_id, task_id, annotator_id, token, status, is_gold, leased_at, heartbeat_at,
          expires_at, ended_at, annotation_id, after_assignment_id)
        SELECT v.id, $1, $2, v.task_id, v.annotator, v.token, 'active', 0, $3, $3, $4, NULL, NULL, NULL
        FROM unnest($5::text[], $6::text[], $7::text[], $8::int[]) AS v(id, task_id, annotator, token)`,
      [
        orgId,
        projectId,
        now,
        now + LEASE_MS,
        next.map(() => newId('asg')),
        next.map((n) => n.taskId),
        next.map((n) => n.annotatorId),
        next.map((n) => n.token),
      ],
    );
    for (const n of next) pushEvent(events, n.taskId, 'task.leased', n.annotatorId);
    return next;
  }

  /** One round: submits `held` (if any) and leases up to `batch` tasks for `annotators`, in one transaction. */
  return async function round(
    held: readonly HeldLease[],
    annotators: readonly string[],
  ): Promise<HeldLease[]> {
    const now = Date.now();
    const events: EventRows = { ids: [], taskIds: [], types: [], actors: [] };
    await client.query('BEGIN');
    try {
      if (held.length > 0) await submit(held, now, events);
      const next = await lease(annotators, now, events);
      await query(
        'batch-events',
        `INSERT INTO events (id, org_id, project_id, task_id, type, actor_id, data, created_at)
          SELECT v.id, $1, $2, v.task_id, v.type, v.actor, '{}', $3
          FROM unnest($4::text[], $5::text[], $6::text[], $7::text[]) AS v(id, task_id, type, actor)`,
        [orgId, projectId, now, events.ids, events.taskIds, events.types, events.actors],
      );
      await client.query('COMMIT');
      return next;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  };
}
