import type { SqlClient, SqlValue } from '@tessera/db';
import type { Role, User } from '@tessera/schema';

/** A user plus whether a password is set (never the hash itself). */
export interface UserAccount extends User {
  readonly has_password: boolean;
}

/** What a login needs: the account and its stored PHC hash, or null when it has no password. */
export interface LoginCandidate {
  readonly user: User;
  readonly passwordHash: string | null;
}

type Row = Record<string, unknown>;

const USER_COLUMNS = 'u.id, u.org_id, u.email, u.name, u.role, u.created_at';

function toUser(r: Row): User {
  return {
    id: String(r.id),
    org_id: String(r.org_id),
    email: String(r.email),
    name: String(r.name),
    role: String(r.role) as Role,
    created_at: Number(r.created_at),
  };
}

function toAccount(r: Row): UserAccount {
  return { ...toUser(r), has_password: r.password_hash !== null && r.password_hash !== undefined };
}

/**
 * Users and their password credentials in SQL (`users`, `user_credentials`). Every query except the login
 * lookup is scoped by organization. Emails are compared case-insensitively.
 */
export function createUserStore(db: SqlClient) {
  return {
    /** Accounts with this email (one per organization at most), optionally in one organization. */
    async findLoginCandidates(email: string, orgId?: string): Promise<LoginCandidate[]> {
      const params: SqlValue[] = [email.toLowerCase()];
      let sql = `SELECT ${USER_COLUMNS}, c.password_hash FROM users u
        LEFT JOIN user_credentials c ON c.user_id = u.id AND c.org_id = u.org_id WHERE lower(u.email) = ?`;
      if (orgId !== undefined) {
        sql += ' AND u.org_id = ?';
        params.push(orgId);
      }
      const rows = await db.all(`${sql} ORDER BY u.org_id LIMIT 10`, params);
      return rows.map((r) => ({
        user: toUser(r),
        passwordHash:
          r.password_hash === null || r.password_hash === undefined ? null : String(r.password_hash),
      }));
    },

    async get(orgId: string, id: string): Promise<UserAccount | undefined> {
      const [r] = await db.all(
        `SELECT ${USER_COLUMNS}, c.password_hash FROM users u
         LEFT JOIN user_credentials c ON c.user_id = u.id AND c.org_id = u.org_id WHERE u.org_id = ? AND u.id = ?`,
        [orgId, id],
      );
      return r === undefined ? undefined : toAccount(r);
    },

    async passwordHash(orgId: string, userId: string): Promise<string | null> {
      const [r] = await db.all<{ password_hash: string }>(
        'SELECT password_hash FROM user_credentials WHERE org_id = ? AND user_id = ?',
        [orgId, userId],
      );
      return r?.password_hash ?? null;
    },

    /** One page in (created_at, id) order, after the cursor position when given. */
    async list(orgId: string, after: { createdAt: number; id: string } | undefined, limit: number) {
      const params: SqlValue[] = [orgId];
      let where = 'u.org_id = ?';
      if (after) {
        where += ' AND (u.created_at > ? OR (u.created_at = ? AND u.id > ?))';
        params.push(after.createdAt, after.createdAt, after.id);
      }
      params.push(limit);
      const rows = await db.all(
        `SELECT ${USER_COLUMNS}, c.password_hash FROM users u
         LEFT JOIN user_credentials c ON c.user_id = u.id AND c.org_id = u.org_id
         WHERE ${where} ORDER BY u.created_at, u.id LIMIT ?`,
        params,
      );
      return rows.map(toAccount);
    },

    /** Inserts the user and, when given, its password hash in one transaction. */
    async create(user: User, passwordHash: string | null): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.run(
          'INSERT INTO users (id, org_id, email, name, role, created_at) VALUES (?, ?, ?, ?, ?, ?)',
          [user.id, user.org_id, user.email, user.name, user.role, user.created_at],
        );
        if (passwordHash !== null) {
          await tx.run(
            'INSERT INTO user_credentials (user_id, org_id, password_hash, updated_at) VALUES (?, ?, ?, ?)',
            [user.id, user.org_id, passwordHash, user.created_at],
          );
        }
      });
    },

    /** True when another user of the organization already has this email (any letter case). */
    async emailTaken(orgId: string, email: string): Promise<boolean> {
      const rows = await db.all('SELECT id FROM users WHERE org_id = ? AND lower(email) = ? LIMIT 1', [
        orgId,
        email.toLowerCase(),
      ]);
      return rows.length > 0;
    },

    async setPassword(orgId: string, userId: string, passwordHash: string, now: number): Promise<void> {
      await db.run(
        `INSERT INTO user_credentials (user_id, org_id, password_hash, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at
         WHERE user_credentials.org_id = excluded.org_id`,
        [userId, orgId, passwordHash, now],
      );
    },
  };
}
export type UserStore = ReturnType<typeof createUserStore>;
