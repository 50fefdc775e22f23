import type { SqlClient } from '@tessera/db';
import type { Role } from '@tessera/schema';

export interface SessionRecord {
  readonly id: string;
  readonly orgId: string;
  readonly userId: string;
  /** SHA-256 (hex) of the cookie's token; the token itself is never stored. */
  readonly tokenHash: string;
  readonly csrfToken: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly revokedAt: number | null;
}

/** A live session joined with its user's current role (a role change applies to the next request). */
export interface ActiveSession extends SessionRecord {
  readonly role: Role;
}

type Row = Record<string, unknown>;

function toRecord(r: Row): SessionRecord {
  return {
    id: String(r.id),
    orgId: String(r.org_id),
    userId: String(r.user_id),
    tokenHash: String(r.token_hash),
    csrfToken: String(r.csrf_token),
    createdAt: Number(r.created_at),
    expiresAt: Number(r.expires_at),
    revokedAt: r.revoked_at === null || r.revoked_at === undefined ? null : Number(r.revoked_at),
  };
}

/** Web sessions in SQL (`sessions`): looked up by token hash, revoked by id or by user. */
export function createSessionStore(db: SqlClient) {
  return {
    async insert(s: SessionRecord): Promise<void> {
      await db.run(
        `INSERT INTO sessions (id, org_id, user_id, token_hash, csrf_token, created_at, expires_at, revoked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [s.id, s.orgId, s.userId, s.tokenHash, s.csrfToken, s.createdAt, s.expiresAt, null],
      );
    },

    /** The session with this token hash when it is neither revoked nor expired at `now`. */
    async findActive(tokenHash: string, now: number): Promise<ActiveSession | undefined> {
      const [r] = await db.all(
        `SELECT s.*, u.role FROM sessions s JOIN users u ON u.id = s.user_id AND u.org_id = s.org_id
         WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ?`,
        [tokenHash, now],
      );
      return r === undefined ? undefined : { ...toRecord(r), role: String(r.role) as Role };
    },

    async revoke(orgId: string, id: string, now: number): Promise<boolean> {
      const n = await db.run(
        'UPDATE sessions SET revoked_at = ? WHERE org_id = ? AND id = ? AND revoked_at IS NULL',
        [now, orgId, id],
      );
      return n === 1;
    },

    /** Ends every session of a user (after a password change), except `keepId` when given. */
    async revokeForUser(orgId: string, userId: string, now: number, keepId: string | null): Promise<number> {
      return db.run(
        'UPDATE sessions SET revoked_at = ? WHERE org_id = ? AND user_id = ? AND revoked_at IS NULL AND id <> ?',
        [now, orgId, userId, keepId ?? ''],
      );
    },
  };
}
export type SessionStore = ReturnType<typeof createSessionStore>;
