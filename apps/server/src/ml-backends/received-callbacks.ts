import type { SqlExecutor } from '@tessera/db';

/**
 * How long an applied callback's `webhook-id` is remembered: far past the 300 s signature tolerance, and
 * past the retry schedules of Standard Webhooks senders (about 28 h for the reference ones), since a retry
 * is signed anew with a fresh timestamp under the same id.
 */
export const CALLBACK_ID_RETENTION_MS = 72 * 60 * 60 * 1000;

export interface ReceivedCallback {
  readonly orgId: string;
  readonly backendId: string;
  readonly webhookId: string;
  readonly predictions: number;
  readonly receivedAt: number;
}

/** The `webhook-id`s applied per backend: the primary key (backend_id, webhook_id) decides replays. */
export const receivedCallbacks = {
  /**
   * Records the id inside the callback's transaction; false when it is already recorded (a replay). The
   * insert itself decides: a concurrent delivery of the same id waits on the key (PostgreSQL) or runs after
   * this one in the write lock (SQLite), then finds it. Nothing is checked before the insert.
   */
  async claim(db: SqlExecutor, c: ReceivedCallback): Promise<boolean> {
    const inserted = await db.run(
      `INSERT INTO ml_backend_callbacks (org_id, backend_id, webhook_id, predictions, received_at)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT (backend_id, webhook_id) DO NOTHING`,
      [c.orgId, c.backendId, c.webhookId, c.predictions, c.receivedAt],
    );
    return inserted === 1;
  },
  /** How many predictions the first delivery of this id stored (0 if the id is unknown). */
  async storedCount(db: SqlExecutor, orgId: string, backendId: string, webhookId: string): Promise<number> {
    const [r] = await db.all<{ predictions: number | string }>(
      'SELECT predictions FROM ml_backend_callbacks WHERE org_id = ? AND backend_id = ? AND webhook_id = ?',
      [orgId, backendId, webhookId],
    );
    return r === undefined ? 0 : Number(r.predictions);
  },
  /**
   * Deletes up to `limit` ids received before `before`, across organizations: a system job's retention
   * sweep, never reachable by an API caller.
   */
  purge(db: SqlExecutor, before: number, limit: number): Promise<number> {
    return db.run(
      `DELETE FROM ml_backend_callbacks WHERE (backend_id, webhook_id) IN
         (SELECT backend_id, webhook_id FROM ml_backend_callbacks WHERE received_at < ? LIMIT ?)`,
      [before, limit],
    );
  },
};
