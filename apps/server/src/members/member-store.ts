import type { SqlClient, SqlValue } from '@tessera/db';
import type { Role } from '@tessera/schema';

/** A project member: the user's identity and organization role. */
export interface Member {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  /** When the user was created: the list's sort key (memberships carry no time of their own). */
  readonly createdAt: number;
}

type Row = Record<string, unknown>;

function toMember(r: Row): Member {
  return {
    userId: String(r.id),
    email: String(r.email),
    name: String(r.name),
    role: String(r.role) as Role,
    createdAt: Number(r.created_at),
  };
}

/**
 * Read-only queries over `project_members` joined with `users`, always scoped by organization. The engine
 * owns membership changes (`engine.projects.addMember`); this store only lists.
 */
export function createMemberStore(db: SqlClient) {
  return {
    /** One page of a project's members in (user created_at, id) order, after the cursor when given. */
    async list(
      orgId: string,
      projectId: string,
      after: { createdAt: number; id: string } | undefined,
      limit: number,
    ): Promise<Member[]> {
      const params: SqlValue[] = [orgId, projectId];
      let where = 'm.org_id = ? AND m.project_id = ?';
      if (after) {
        where += ' AND (u.created_at > ? OR (u.created_at = ? AND u.id > ?))';
        params.push(after.createdAt, after.createdAt, after.id);
      }
      params.push(limit);
      const rows = await db.all(
        `SELECT u.id, u.email, u.name, u.role, u.created_at FROM project_members m
         JOIN users u ON u.id = m.user_id AND u.org_id = m.org_id
         WHERE ${where} ORDER BY u.created_at, u.id LIMIT ?`,
        params,
      );
      return rows.map(toMember);
    },

    async isMember(orgId: string, projectId: string, userId: string): Promise<boolean> {
      const rows = await db.all(
        'SELECT 1 AS x FROM project_members WHERE org_id = ? AND project_id = ? AND user_id = ?',
        [orgId, projectId, userId],
      );
      return rows.length > 0;
    },
  };
}
export type MemberStore = ReturnType<typeof createMemberStore>;
