import type { SqlExecutor } from '@tessera/db';

/** A stored ML backend. `secret` and `previousSecret` are sealed (AES-256-GCM), never plaintext. */
export interface BackendRecord {
  readonly id: string;
  readonly orgId: string;
  readonly projectId: string;
  readonly name: string;
  readonly secret: string;
  readonly previousSecret: string | null;
  readonly previousSecretExpiresAt: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

type Row = Record<string, unknown>;
const optNum = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function toBackend(r: Row): BackendRecord {
  return {
    id: String(r.id),
    orgId: String(r.org_id),
    projectId: String(r.project_id),
    name: String(r.name),
    secret: String(r.secret),
    previousSecret:
      r.previous_secret === null || r.previous_secret === undefined ? null : String(r.previous_secret),
    previousSecretExpiresAt: optNum(r.previous_secret_expires_at),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

const COLUMNS = `id, org_id, project_id, name, secret, previous_secret, previous_secret_expires_at, created_at,
  updated_at`;
const LIVE = 'deleted_at IS NULL';
/** Rows after a keyset position (created_at, id); the first page starts after (-1, ''). */
const AFTER = '(created_at > ? OR (created_at = ? AND id > ?))';

/**
 * ML backends in SQL. Every statement an API caller reaches is scoped by org_id; the one exception is
 * `getForCallback`, the lookup of an unauthenticated callback (see there). Deleted rows are never returned.
 */
export const backendStore = {
  async insert(db: SqlExecutor, b: BackendRecord): Promise<void> {
    await db.run(
      `INSERT INTO ml_backends (${COLUMNS}, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
      [
        b.id,
        b.orgId,
        b.projectId,
        b.name,
        b.secret,
        b.previousSecret,
        b.previousSecretExpiresAt,
        b.createdAt,
        b.updatedAt,
      ],
    );
  },
  async get(db: SqlExecutor, orgId: string, id: string): Promise<BackendRecord | undefined> {
    const [r] = await db.all(`SELECT ${COLUMNS} FROM ml_backends WHERE org_id = ? AND id = ? AND ${LIVE}`, [
      orgId,
      id,
    ]);
    return r === undefined ? undefined : toBackend(r);
  },
  /**
   * Tenant-unscoped by design: a callback carries no credential, only the backend id in its path and a
   * signature. This row's secret is what verifies the signature, and its org_id scopes everything the
   * callback reads or writes afterwards.
   */
  async getForCallback(db: SqlExecutor, id: string): Promise<BackendRecord | undefined> {
    const [r] = await db.all(`SELECT ${COLUMNS} FROM ml_backends WHERE id = ? AND ${LIVE}`, [id]);
    return r === undefined ? undefined : toBackend(r);
  },
  /**
   * Inside a callback's transaction: true while the backend is not deleted. On PostgreSQL the row is
   * share-locked, so a delete waits for the callback to commit, or the callback sees the delete.
   */
  async lockLive(db: SqlExecutor, orgId: string, id: string): Promise<boolean> {
    const lock = db.dialect === 'postgres' ? ' FOR SHARE' : '';
    const rows = await db.all(`SELECT id FROM ml_backends WHERE org_id = ? AND id = ? AND ${LIVE}${lock}`, [
      orgId,
      id,
    ]);
    return rows.length === 1;
  },
  /** Keyset page in creation order, optionally of one project. */
  async list(
    db: SqlExecutor,
    orgId: string,
    projectId: string | undefined,
    after: { createdAt: number; id: string } | undefined,
    limit: number,
  ): Promise<BackendRecord[]> {
    const from = after ?? { createdAt: -1, id: '' };
    const keyset = [from.createdAt, from.createdAt, from.id, limit];
    const rows =
      projectId === undefined
        ? await db.all(
            `SELECT ${COLUMNS} FROM ml_backends WHERE org_id = ? AND ${LIVE} AND ${AFTER} ORDER BY created_at, id LIMIT ?`,
            [orgId, ...keyset],
          )
        : await db.all(
            `SELECT ${COLUMNS} FROM ml_backends WHERE org_id = ? AND project_id = ? AND ${LIVE} AND ${AFTER}
             ORDER BY created_at, id LIMIT ?`,
            [orgId, projectId, ...keyset],
          );
    return rows.map(toBackend);
  },
  async rotate(
    db: SqlExecutor,
    orgId: string,
    id: string,
    sealed: { secret: string; previous: string; previousExpiresAt: number },
    now: number,
  ): Promise<boolean> {
    const changed = await db.run(
      `UPDATE ml_backends SET secret = ?, previous_secret = ?, previous_secret_expires_at = ?, updated_at = ?
       WHERE org_id = ? AND id = ? AND ${LIVE}`,
      [sealed.secret, sealed.previous, sealed.previousExpiresAt, now, orgId, id],
    );
    return changed === 1;
  },
  /** Marks the backend deleted and wipes its secrets; false when there was no such live backend. */
  async softDelete(db: SqlExecutor, orgId: string, id: string, now: number): Promise<boolean> {
    const changed = await db.run(
      `UPDATE ml_backends SET secret = '', previous_secret = NULL, previous_secret_expires_at = NULL,
       updated_at = ?, deleted_at = ? WHERE org_id = ? AND id = ? AND ${LIVE}`,
      [now, now, orgId, id],
    );
    return changed === 1;
  },
};
