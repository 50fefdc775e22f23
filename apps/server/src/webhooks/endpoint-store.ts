import type { SqlExecutor } from '@tessera/db';

/** A stored endpoint. `secret` and `previousSecret` are sealed (AES-256-GCM), never plaintext. */
export interface EndpointRecord {
  readonly id: string;
  readonly orgId: string;
  readonly url: string;
  readonly description: string;
  readonly eventTypes: readonly string[];
  readonly secret: string;
  readonly previousSecret: string | null;
  readonly previousSecretExpiresAt: number | null;
  readonly status: 'active' | 'disabled';
  readonly disabledReason: string | null;
  readonly consecutiveFailures: number;
  readonly failingSince: number | null;
  readonly throttledUntil: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** The per-organization secret that signs callback_url deliveries (sealed). */
export interface CallbackSecretRecord {
  readonly orgId: string;
  readonly secret: string;
  readonly previousSecret: string | null;
  readonly previousSecretExpiresAt: number | null;
}

type Row = Record<string, unknown>;
const optNum = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const optStr = (v: unknown) => (v === null || v === undefined ? null : String(v));

function toEndpoint(r: Row): EndpointRecord {
  return {
    id: String(r.id),
    orgId: String(r.org_id),
    url: String(r.url),
    description: String(r.description),
    eventTypes: JSON.parse(String(r.event_types)) as string[],
    secret: String(r.secret),
    previousSecret: optStr(r.previous_secret),
    previousSecretExpiresAt: optNum(r.previous_secret_expires_at),
    status: r.status === 'disabled' ? 'disabled' : 'active',
    disabledReason: optStr(r.disabled_reason),
    consecutiveFailures: Number(r.consecutive_failures),
    failingSince: optNum(r.failing_since),
    throttledUntil: optNum(r.throttled_until),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

const first = <T>(rows: T[]): T | undefined => rows[0];

/** Endpoints in SQL. Every read an API caller can reach is scoped by org_id. */
export const endpointStore = {
  async insert(db: SqlExecutor, e: EndpointRecord): Promise<void> {
    await db.run(
      `INSERT INTO webhook_endpoints (id, org_id, url, description, event_types, secret, previous_secret,
        previous_secret_expires_at, status, disabled_reason, consecutive_failures, failing_since, throttled_until,
        created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        e.id,
        e.orgId,
        e.url,
        e.description,
        JSON.stringify(e.eventTypes),
        e.secret,
        e.previousSecret,
        e.previousSecretExpiresAt,
        e.status,
        e.disabledReason,
        e.consecutiveFailures,
        e.failingSince,
        e.throttledUntil,
        e.createdAt,
        e.updatedAt,
      ],
    );
  },
  async get(db: SqlExecutor, orgId: string, id: string): Promise<EndpointRecord | undefined> {
    const r = first(await db.all('SELECT * FROM webhook_endpoints WHERE org_id = ? AND id = ?', [orgId, id]));
    return r === undefined ? undefined : toEndpoint(r);
  },
  /** Internal lookup for the delivery worker (the delivery row already carries the tenant). */
  async getById(db: SqlExecutor, id: string): Promise<EndpointRecord | undefined> {
    const r = first(await db.all('SELECT * FROM webhook_endpoints WHERE id = ?', [id]));
    return r === undefined ? undefined : toEndpoint(r);
  },
  /** Keyset page in creation order. */
  async list(
    db: SqlExecutor,
    orgId: string,
    after: { createdAt: number; id: string } | undefined,
    limit: number,
  ): Promise<EndpointRecord[]> {
    const rows = after
      ? await db.all(
          `SELECT * FROM webhook_endpoints WHERE org_id = ? AND (created_at > ? OR (created_at = ? AND id > ?))
           ORDER BY created_at, id LIMIT ?`,
          [orgId, after.createdAt, after.createdAt, after.id, limit],
        )
      : await db.all('SELECT * FROM webhook_endpoints WHERE org_id = ? ORDER BY created_at, id LIMIT ?', [
          orgId,
          limit,
        ]);
    return rows.map(toEndpoint);
  },
  async listActive(db: SqlExecutor, orgId: string): Promise<EndpointRecord[]> {
    const rows = await db.all(
      `SELECT * FROM webhook_endpoints WHERE org_id = ? AND status = 'active' ORDER BY created_at, id`,
      [orgId],
    );
    return rows.map(toEndpoint);
  },
  async setStatus(
    db: SqlExecutor,
    orgId: string,
    id: string,
    status: 'active' | 'disabled',
    reason: string | null,
    now: number,
  ): Promise<boolean> {
    const reset =
      status === 'active' ? ', consecutive_failures = 0, failing_since = NULL, throttled_until = NULL' : '';
    const changed = await db.run(
      `UPDATE webhook_endpoints SET status = ?, disabled_reason = ?, updated_at = ?${reset} WHERE org_id = ? AND id = ?`,
      [status, reason, now, orgId, id],
    );
    return changed === 1;
  },
  async rotate(
    db: SqlExecutor,
    orgId: string,
    id: string,
    sealed: { secret: string; previous: string; previousExpiresAt: number },
    now: number,
  ): Promise<boolean> {
    const changed = await db.run(
      `UPDATE webhook_endpoints SET secret = ?, previous_secret = ?, previous_secret_expires_at = ?, updated_at = ?
       WHERE org_id = ? AND id = ?`,
      [sealed.secret, sealed.previous, sealed.previousExpiresAt, now, orgId, id],
    );
    return changed === 1;
  },
  async recordSuccess(db: SqlExecutor, id: string): Promise<void> {
    await db.run(
      'UPDATE webhook_endpoints SET consecutive_failures = 0, failing_since = NULL, throttled_until = NULL WHERE id = ?',
      [id],
    );
  },
  /** A failed attempt: the endpoint is failing since now unless it already was; optionally throttled. */
  async recordFailedAttempt(
    db: SqlExecutor,
    id: string,
    now: number,
    throttleUntil: number | null,
  ): Promise<void> {
    await db.run(
      `UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, ?),
       throttled_until = COALESCE(?, throttled_until) WHERE id = ?`,
      [now, throttleUntil, id],
    );
  },
  /** A delivery ended without success: counts it and returns the endpoint as it is now. */
  async recordDeadDelivery(db: SqlExecutor, id: string, now: number): Promise<EndpointRecord | undefined> {
    await db.run(
      `UPDATE webhook_endpoints SET consecutive_failures = consecutive_failures + 1,
       failing_since = COALESCE(failing_since, ?) WHERE id = ?`,
      [now, id],
    );
    return endpointStore.getById(db, id);
  },
  async disable(db: SqlExecutor, id: string, reason: string, now: number): Promise<void> {
    await db.run(
      `UPDATE webhook_endpoints SET status = 'disabled', disabled_reason = ?, updated_at = ? WHERE id = ? AND status = 'active'`,
      [reason, now, id],
    );
  },
};

export const callbackSecretStore = {
  async get(db: SqlExecutor, orgId: string): Promise<CallbackSecretRecord | undefined> {
    const r = first(await db.all('SELECT * FROM webhook_callback_secrets WHERE org_id = ?', [orgId]));
    if (r === undefined) return undefined;
    return {
      orgId: String(r.org_id),
      secret: String(r.secret),
      previousSecret: optStr(r.previous_secret),
      previousSecretExpiresAt: optNum(r.previous_secret_expires_at),
    };
  },
  /** Creates the secret, or rotates it (the old one becomes `previous` until `previousExpiresAt`). */
  async put(db: SqlExecutor, record: CallbackSecretRecord, now: number): Promise<void> {
    await db.run(
      `INSERT INTO webhook_callback_secrets (org_id, secret, previous_secret, previous_secret_expires_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (org_id) DO UPDATE SET secret = excluded.secret,
       previous_secret = excluded.previous_secret, previous_secret_expires_at = excluded.previous_secret_expires_at,
       updated_at = excluded.updated_at`,
      [record.orgId, record.secret, record.previousSecret, record.previousSecretExpiresAt, now, now],
    );
  },
  /** Inserts only when the organization has none yet (concurrent first deliveries agree on one). */
  async putIfAbsent(db: SqlExecutor, orgId: string, sealed: string, now: number): Promise<void> {
    await db.run(
      `INSERT INTO webhook_callback_secrets (org_id, secret, previous_secret, previous_secret_expires_at, created_at, updated_at)
       VALUES (?, ?, NULL, NULL, ?, ?) ON CONFLICT (org_id) DO NOTHING`,
      [orgId, sealed, now, now],
    );
  },
};
