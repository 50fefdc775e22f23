import type { MemberDto, Role, UserDto } from '@tessera/schema';

/** `any`, or one organization role: what the add-member list is narrowed to. */
export type RoleFilter = Role | 'any';

/**
 * Users of the organization who are not members of the project yet, optionally of one role, sorted by
 * email so a long list is easy to scan and type-ahead works.
 */
export function memberCandidates(
  users: readonly UserDto[],
  members: readonly MemberDto[],
  role: RoleFilter,
): UserDto[] {
  const taken = new Set(members.map((m) => m.user_id));
  return users
    .filter((u) => !taken.has(u.user_id) && (role === 'any' || u.role === role))
    .sort((a, b) => a.email.localeCompare(b.email));
}

/** Reads up to `max` documents of a paged list. */
export async function collect<T>(pages: AsyncIterable<T>, max: number): Promise<T[]> {
  const out: T[] = [];
  for await (const doc of pages) {
    out.push(doc);
    if (out.length >= max) break;
  }
  return out;
}
