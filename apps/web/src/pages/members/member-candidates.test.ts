import type { MemberDto, UserDto } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { collect, memberCandidates } from './member-candidates';

const user = (user_id: string, email: string, role: UserDto['role']): UserDto => ({
  user_id,
  org_id: 'org_1',
  email,
  name: email.split('@')[0] ?? email,
  role,
  has_password: true,
  created_at: '2026-01-01T00:00:00.000Z',
});

describe('memberCandidates', () => {
  const users = [
    user('u1', 'zoe@x.test', 'annotator'),
    user('u2', 'adam@x.test', 'reviewer'),
    user('u3', 'bea@x.test', 'annotator'),
  ];
  const members: MemberDto[] = [{ user_id: 'u3', email: 'bea@x.test', name: 'bea', role: 'annotator' }];

  it('lists users who are not members yet, by email', () => {
    expect(memberCandidates(users, members, 'any').map((u) => u.user_id)).toEqual(['u2', 'u1']);
  });

  it('narrows the list to one role', () => {
    expect(memberCandidates(users, members, 'annotator').map((u) => u.user_id)).toEqual(['u1']);
    expect(memberCandidates(users, [], 'manager')).toEqual([]);
  });
});

describe('collect', () => {
  it('stops after max documents', async () => {
    async function* pages() {
      for (let i = 0; i < 10; i++) yield i;
    }
    expect(await collect(pages(), 3)).toEqual([0, 1, 2]);
  });
});
