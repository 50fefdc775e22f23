import type { SqlExecutor, SqlValue } from '@tessera/db';
import type { WebhookDeliveryStatus } from '@tessera/schema';

/** One message to one receiver: an endpoint, or (endpointId null) the task's or batch's callback_url. */
export interface DeliveryRecord {
  readonly id: string;
  readonly orgId: string;
  readonly endpointId: string | null;
  readonly outboxSeq: number;
  /** The `webhook-id`: the outbox row's id, the same for every receiver, attempt and replay. */
  readonly messageId: string;
  readonly eventType: string;
  readonly taskId: string | null;
  readonly batchId: string | null;
  readonly url: string;
  /** The exact bytes signed and sent. */
  readonly body: string;
  readonly status: WebhookDeliveryStatus;
  readonly attempts: number;
  /** Fences delivery jobs: a job runs only while the row still has the version it was enqueued for. */
  readonly version: number;
  readonly nextAttemptAt: number | null;
  readonly retryUntil: number;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly deliveredAt: number | null;
}

/** The outcome of an attempt (or of a decision not to attempt), applied only if `version` is current. */
export interface DeliveryUpdate {
  readonly status: WebhookDeliveryStatus;
  readonly attempted: boolean;
  readonly nextAttemptAt: number | null;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  readonly deliveredAt: number | null;
}

export const CALLBACK_KEY = 'callback';

type Row = Record<string, unknown>;
const optNum = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const optStr = (v: unknown) => (v === null || v === undefined ? null : String(v));

function toDelivery(r: Row): DeliveryRecord {
  return {
    id: String(r.id),
    orgId: String(r.org_id),
    endpointId: optStr(r.endpoint_id),
    outboxSeq: Number(r.outbox_seq),
    messageId: String(r.message_id),
    eventType: String(r.event_type),
    taskId: optStr(r.task_id),
    batchId: optStr(r.batch_id),
    url: String(r.url),
    body: String(r.body),
    status: String(r.status) as WebhookDeliveryStatus,
    attempts: Number(r.attempts),
    version: Number(r.version),
    nextAttemptAt: optNum(r.next_attempt_at),
    retryUntil: Number(r.retry_until),
    lastStatus: optNum(r.last_status),
    lastError: optStr(r.last_error),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    deliveredAt: optNum(r.delivered_at),
  };
}

export interface DeliveryFilter {
  readonly orgId: string;
  /** An endpoint's log, or `null` for callback_url deliveries. */
  readonly endpointId: string | null;
  readonly taskId?: string;
  readonly status?: WebhookDeliveryStatus;
  /** Keyset cursor: rows strictly older than (createdAt, id). */
  readonly before?: { readonly createdAt: number; readonly id: string };
  readonly limit: number;
}

export const deliveryStore = {
  /** Inserts unless this receiver already has this message; resolves with whether a row was created. */
  async insertOnce(db: SqlExecutor, d: DeliveryRecord): Promise<boolean> {
    const changed = await db.run(
      `INSERT INTO webhook_deliveries (id, org_id, endpoint_id, endpoint_key, outbox_seq, message_id, event_type, task_id,
        batch_id, url, body, status, attempts, version, next_attempt_at, retry_until, last_status, last_error, created_at,
        updated_at, delivered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (endpoint_key, message_id) DO NOTHING`,
      [
        d.id,
        d.orgId,
        d.endpointId,
        d.endpointId ?? CALLBACK_KEY,
        d.outboxSeq,
        d.messageId,
        d.eventType,
        d.taskId,
        d.batchId,
        d.url,
        d.body,
        d.status,
        d.attempts,
        d.version,
        d.nextAttemptAt,
        d.retryUntil,
        d.lastStatus,
        d.lastError,
        d.createdAt,
        d.updatedAt,
        d.deliveredAt,
      ],
    );
    return changed === 1;
  },
  async get(db: SqlExecutor, orgId: string, id: string): Promise<DeliveryRecord | undefined> {
    const [r] = await db.all('SELECT * FROM webhook_deliveries WHERE org_id = ? AND id = ?', [orgId, id]);
    return r === undefined ? undefined : toDelivery(r);
  },
  async getById(db: SqlExecutor, id: string): Promise<DeliveryRecord | undefined> {
    const [r] = await db.all('SELECT * FROM webhook_deliveries WHERE id = ?', [id]);
    return r === undefined ? undefined : toDelivery(r);
  },
  /** Newest first. */
  async list(db: SqlExecutor, f: DeliveryFilter): Promise<DeliveryRecord[]> {
    const where = ['org_id = ?', f.endpointId === null ? 'endpoint_id IS NULL' : 'endpoint_id = ?'];
    const params: SqlValue[] = f.endpointId === null ? [f.orgId] : [f.orgId, f.endpointId];
    if (f.taskId !== undefined) {
      where.push('task_id = ?');
      params.push(f.taskId);
    }
    if (f.status !== undefined) {
      where.push('status = ?');
      params.push(f.status);
    }
    if (f.before !== undefined) {
      where.push('(created_at < ? OR (created_at = ? AND id < ?))');
      params.push(f.before.createdAt, f.before.createdAt, f.before.id);
    }
    const rows = await db.all(
      `SELECT * FROM webhook_deliveries WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ?`,
      [...params, f.limit],
    );
    return rows.map(toDelivery);
  },
  /** Applies `u` if the row is still at `version`; the row moves to version + 1. False when fenced out. */
  async update(
    db: SqlExecutor,
    id: string,
    version: number,
    u: DeliveryUpdate,
    now: number,
  ): Promise<boolean> {
    // An attempt records its status (null: no response); a decision without an attempt keeps the last one.
    const attempt = u.attempted ? 'attempts = attempts + 1, last_status = ?,' : '';
    const changed = await db.run(
      `UPDATE webhook_deliveries SET ${attempt} status = ?, version = version + 1, next_attempt_at = ?, last_error = ?,
       delivered_at = COALESCE(?, delivered_at), updated_at = ? WHERE id = ? AND version = ?`,
      [
        ...(u.attempted ? [u.lastStatus] : []),
        u.status,
        u.nextAttemptAt,
        u.lastError,
        u.deliveredAt,
        now,
        id,
        version,
      ],
    );
    return changed === 1;
  },
  /** Starts the delivery over (same message id): fresh attempts and retry window, due now. */
  async replay(db: SqlExecutor, d: DeliveryRecord, now: number, retryUntil: number): Promise<boolean> {
    const changed = await db.run(
      `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, version = version + 1, next_attempt_at = ?,
       retry_until = ?, updated_at = ? WHERE org_id = ? AND id = ? AND version = ?`,
      [now, retryUntil, now, d.orgId, d.id, d.version],
    );
    return changed === 1;
  },
};
