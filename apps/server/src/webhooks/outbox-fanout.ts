import type { Clock, IdGenerator, NewEvent } from '@tessera/core';
import type { SqlClient, SqlExecutor } from '@tessera/db';
import type { JobQueue } from '@tessera/jobs';
import type { WebhookSettings } from '../config';
import { type DeliveryRecord, deliveryStore } from './delivery-store';
import { type EndpointRecord, endpointStore } from './endpoint-store';
import { CALLBACK_EVENT_TYPES, type PayloadDeps, renderEvent } from './webhook-payload';

export const DELIVER_QUEUE = 'webhooks.deliver';

export interface FanoutDeps extends PayloadDeps {
  readonly sql: SqlClient;
  readonly jobs: JobQueue;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly settings: WebhookSettings;
}

interface OutboxRow {
  readonly seq: number;
  readonly id: string;
  readonly orgId: string;
  readonly event: NewEvent;
}

/** The deliveries one outbox row becomes (empty when nobody listens); created with the row's marking. */
interface Plan {
  readonly seq: number;
  readonly deliveries: readonly DeliveryRecord[];
}

/** Delivery jobs retry only infrastructure failures (the HTTP retries are the delivery's own schedule). */
export async function enqueueDelivery(
  jobs: JobQueue,
  tx: SqlExecutor,
  deliveryId: string,
  version: number,
  runAt: number,
): Promise<void> {
  await jobs.enqueue(
    { queue: DELIVER_QUEUE, payload: { delivery_id: deliveryId, version }, runAt, maxAttempts: 10 },
    tx,
  );
}

async function readPending(sql: SqlClient, limit: number): Promise<OutboxRow[]> {
  const rows = await sql.all<Record<string, unknown>>(
    'SELECT seq, id, org_id, payload FROM outbox WHERE dispatched_at IS NULL ORDER BY seq LIMIT ?',
    [limit],
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    id: String(r.id),
    orgId: String(r.org_id),
    event: JSON.parse(String(r.payload)) as NewEvent,
  }));
}

/**
 * The page-wide statements take their keys as one JSON array. On PostgreSQL the array is expanded by an
 * InitPlan into `= ANY(…)`, so even the generic plan of the named statement probes the primary key once per
 * key: joined to the table instead, a generic plan scanned it (`outbox-fanout-plans.test.ts` checks the plans).
 */
export function callbackTasksSql(dialect: SqlClient['dialect']): string {
  if (dialect === 'sqlite') {
    return 'SELECT id FROM tasks WHERE id IN (SELECT value FROM json_each(?)) AND callback_url IS NOT NULL';
  }
  return 'SELECT id FROM tasks WHERE id = ANY(ARRAY(SELECT jsonb_array_elements_text(?::jsonb))) AND callback_url IS NOT NULL';
}

/** Marks the outbox rows whose sequence numbers are given as one JSON array. */
export function markDispatchedSql(dialect: SqlClient['dialect']): string {
  if (dialect === 'sqlite') {
    return 'UPDATE outbox SET dispatched_at = ? WHERE seq IN (SELECT value FROM json_each(?)) AND dispatched_at IS NULL';
  }
  return 'UPDATE outbox SET dispatched_at = ? WHERE seq = ANY(ARRAY(SELECT jsonb_array_elements_text(?::jsonb)::bigint)) AND dispatched_at IS NULL';
}

/**
 * The tasks of the page's callback events (completed, reviewed, …) that have a callback URL, in one query:
 * most tasks have none, and their events then need no task read when no endpoint subscribes either.
 */
async function tasksWithCallback(sql: SqlClient, rows: readonly OutboxRow[]): Promise<Set<string>> {
  const ids: string[] = [];
  for (const r of rows) {
    if (r.event.task_id !== null && CALLBACK_EVENT_TYPES.has(r.event.type)) ids.push(r.event.task_id);
  }
  if (ids.length === 0) return new Set();
  const found = await sql.all<{ id: string }>(callbackTasksSql(sql.dialect), [JSON.stringify(ids)]);
  return new Set(found.map((r) => r.id));
}

/**
 * The fan-out: reads outbox rows not yet dispatched and, in one transaction per chunk, marks them dispatched
 * and creates their deliveries and delivery jobs. A crash before the commit leaves the rows undispatched (they
 * are fanned out again); the conditional mark and the unique (receiver, message) key make a second fan-out
 * of the same row create nothing. So every committed event reaches each receiver's log exactly once.
 */
export function createOutboxFanout(deps: FanoutDeps) {
  const { sql, clock } = deps;

  async function plan(
    row: OutboxRow,
    endpoints: Map<string, EndpointRecord[]>,
    callbackTasks: ReadonlySet<string>,
  ): Promise<Plan> {
    let active = endpoints.get(row.orgId);
    if (active === undefined) {
      active = await endpointStore.listActive(sql, row.orgId);
      endpoints.set(row.orgId, active);
    }
    const subscribed = active.filter((e) => e.eventTypes.includes(row.event.type));
    const taskId = row.event.task_id;
    if (subscribed.length === 0 && taskId !== null && !callbackTasks.has(taskId)) {
      return { seq: row.seq, deliveries: [] };
    }
    const rendered = await renderEvent(deps, row.event, subscribed.length);
    if (rendered === null) return { seq: row.seq, deliveries: [] };
    const targets: { endpointId: string | null; url: string }[] = subscribed.map((e) => ({
      endpointId: e.id,
      url: e.url,
    }));
    if (rendered.callbackUrl !== null) targets.push({ endpointId: null, url: rendered.callbackUrl });
    const now = clock.now();
    const deliveries = targets.map(
      (t): DeliveryRecord => ({
        id: deps.ids.next('dlv'),
        orgId: row.orgId,
        endpointId: t.endpointId,
        outboxSeq: row.seq,
        messageId: row.id,
        eventType: row.event.type,
        taskId: rendered.taskId,
        batchId: rendered.batchId,
        url: t.url,
        body: rendered.body,
        status: 'pending',
        attempts: 0,
        version: 0,
        nextAttemptAt: now,
        retryUntil: now + deps.settings.retryWindowMs,
        lastStatus: null,
        lastError: null,
        createdAt: now,
        updatedAt: now,
        deliveredAt: null,
      }),
    );
    return { seq: row.seq, deliveries };
  }

  async function commit(plans: readonly Plan[]): Promise<void> {
    await sql.transaction(async (tx) => {
      const now = clock.now();
      const silent = plans.filter((p) => p.deliveries.length === 0).map((p) => p.seq);
      if (silent.length > 0) await tx.run(markDispatchedSql(tx.dialect), [now, JSON.stringify(silent)]);
      for (const p of plans) {
        if (p.deliveries.length === 0) continue;
        const marked = await tx.run(
          'UPDATE outbox SET dispatched_at = ? WHERE seq = ? AND dispatched_at IS NULL',
          [now, p.seq],
        );
        if (marked !== 1) continue; // another worker fanned this row out meanwhile
        for (const d of p.deliveries) {
          if (await deliveryStore.insertOnce(tx, d)) await enqueueDelivery(deps.jobs, tx, d.id, 0, now);
        }
      }
    });
  }

  return {
    /** Fans out up to `maxRows` pending outbox rows in chunks; resolves with how many rows were handled. */
    async run(chunk = 100, maxRows = 2_000): Promise<number> {
      let handled = 0;
      while (handled < maxRows) {
        const rows = await readPending(sql, chunk);
        if (rows.length === 0) break;
        const endpoints = new Map<string, EndpointRecord[]>();
        const callbackTasks = await tasksWithCallback(sql, rows);
        const plans: Plan[] = [];
        for (const row of rows) plans.push(await plan(row, endpoints, callbackTasks));
        await commit(plans);
        handled += rows.length;
        if (rows.length < chunk) break;
      }
      return handled;
    },
  };
}
export type OutboxFanout = ReturnType<typeof createOutboxFanout>;
