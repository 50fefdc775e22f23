import Type, { type Static } from 'typebox';
import { Role } from '../organization';
import { PageQuery, page, route } from './contract';

/** A user who belongs to a project; `role` is the user's role in the organization. */
export const MemberDto = Type.Object({
  user_id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Role,
});
export type MemberDto = Static<typeof MemberDto>;

export const memberRoutes = {
  listMembers: route({
    operationId: 'listMembers',
    method: 'GET',
    path: '/v1/projects/:project/members',
    tag: 'projects',
    summary: "List a project's members (annotators and reviewers: only projects they belong to)",
    params: Type.Object({ project: Type.String({ minLength: 1, maxLength: 128 }) }),
    query: Type.Object(PageQuery),
    response: page(MemberDto),
    scope: 'projects:read',
    objectIds: ['project'],
  }),
} as const;
