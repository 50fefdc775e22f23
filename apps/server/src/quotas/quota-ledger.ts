import type { Clock, IdGenerator } from '@tessera/core';
import type { SqlClient, SqlExecutor } from '@tessera/db';

/** The quotas an organization has; each is the name a `quota_exceeded` body carries. */
export type QuotaResource = 'tasks' | 'webhook_endpoints' | 'asset_bytes';

/** What is stored now, per resource (the truth, whatever path created it). */
const USAGE_SQL: Readonly<Record<QuotaResource, string>> = {
  tasks: 'SELECT COUNT(*) FROM tasks WHERE org_id = ?',
  webhook_endpoints: 'SELECT COUNT(*) FROM webhook_endpoints WHERE org_id = ?',
  asset_bytes: 'SELECT COALESCE(SUM(bytes), 0) FROM org_assets WHERE org_id = ?',
};

/** The outcome of a reservation: `granted` units are held until `release` (0: none, nothing to release). */
export interface Reservation {
  readonly granted: number;
  /** Units stored or held by other creates when this one asked. */
  readonly used: number;
  readonly limit: number;
  release(): Promise<void>;
}

export interface QuotaLedger {
  /**
   * Holds up to `want` units of `resource` for `orgId` under `limit`: all of them, or with `partial` as
   * many as are free (possibly 0). Stored units and live reservations of other creates both count, and
   * reservations of one organization and resource are taken one at a time, so concurrent creates, in any
   * process, can never hold more than the limit together.
   */
  reserve(
    orgId: string,
    resource: QuotaResource,
    want: number,
    limit: number,
    partial?: boolean,
  ): Promise<Reservation>;
}

/** A reservation outlives a create only when its process died; then it stops counting after this long. */
export const RESERVATION_TTL_MS = 10 * 60_000;

async function lockAndCount(tx: SqlExecutor, orgId: string, resource: QuotaResource, now: number) {
  // PostgreSQL: one transaction-scoped advisory lock per organization and resource (SQLite's write
  // transaction is exclusive already). Each statement after it sees every create committed before it.
  if (tx.dialect === 'postgres') {
    await tx.all('SELECT pg_advisory_xact_lock(hashtextextended(?, 7007))', [`quota:${orgId}:${resource}`]);
  }
  await tx.run('DELETE FROM quota_reservations WHERE org_id = ? AND resource = ? AND expires_at < ?', [
    orgId,
    resource,
    now,
  ]);
  // One statement, so one snapshot at READ COMMITTED: a create that commits its rows and then drops its
  // reservation between two separate counts would be missed by both (found: 6 admitted under a quota of 5).
  const [row] = await tx.all<{ stored: number | string; held: number | string }>(
    `SELECT (${USAGE_SQL[resource]}) AS stored,
       (SELECT COALESCE(SUM(amount), 0) FROM quota_reservations WHERE org_id = ? AND resource = ?) AS held`,
    [orgId, orgId, resource],
  );
  return Number(row?.stored ?? 0) + Number(row?.held ?? 0);
}

/**
 * Quota accounting in SQL (migration 0007): what an organization stores is counted from its own rows (tasks,
 * webhook endpoints, `org_assets`), plus the reservations of creates still running. A create reserves
 * before it writes and releases after (its rows then count instead); in between both count, so the quota
 * errs toward refusing, never toward admitting more than the limit.
 */
export function createQuotaLedger(sql: SqlClient, clock: Clock, ids: IdGenerator): QuotaLedger {
  return {
    async reserve(orgId, resource, want, limit, partial = false) {
      const id = ids.next('qr');
      const now = clock.now();
      const { granted, used } = await sql.transaction(async (tx) => {
        const inUse = await lockAndCount(tx, orgId, resource, now);
        const free = Math.max(0, limit - inUse);
        const amount = want <= free ? want : partial ? free : 0;
        if (amount > 0) {
          await tx.run(
            'INSERT INTO quota_reservations (id, org_id, resource, amount, expires_at) VALUES (?, ?, ?, ?, ?)',
            [id, orgId, resource, amount, now + RESERVATION_TTL_MS],
          );
        }
        return { granted: amount, used: inUse };
      });
      return {
        granted,
        used,
        limit,
        async release() {
          if (granted > 0) await sql.run('DELETE FROM quota_reservations WHERE id = ?', [id]);
        },
      };
    },
  };
}
