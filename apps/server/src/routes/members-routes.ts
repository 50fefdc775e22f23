import { ForbiddenError } from '@tessera/core';
import { memberRoutes as R } from '@tessera/schema';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { decodeCursor, keysetPage } from '../http/cursor';
import type { Principal } from '../http/principal';
import { addRoute, requireUser } from '../http/route-kit';
import { createMemberStore, type MemberStore } from '../members/member-store';

/** Annotators and reviewers see the members of projects they belong to only (emails are personal data). */
async function checkMayList(members: MemberStore, principal: Principal, projectId: string): Promise<void> {
  if (principal.role !== 'annotator' && principal.role !== 'reviewer') return;
  if (!(await members.isMember(principal.orgId, projectId, requireUser(principal)))) {
    throw new ForbiddenError('only members of this project may list its members');
  }
}

/** A project's members (`GET /v1/projects/:project/members`); adding one is `addMember` in the projects routes. */
export function registerMemberRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { engine } = ctx;
  const members = createMemberStore(ctx.db.client);

  addRoute(app, R.listMembers, async ({ params, query, principal }) => {
    const project = await engine.projects.resolveProject(principal.orgId, params.project);
    await checkMayList(members, principal, project.id);
    const limit = query.limit ?? 100;
    const filters = { list: 'members', project: project.id };
    const after = query.next_token ? decodeCursor(query.next_token, filters) : undefined;
    const rows = await members.list(principal.orgId, project.id, after, limit + 1);
    const position = (m: (typeof rows)[number]) => ({ createdAt: m.createdAt, id: m.userId });
    return keysetPage(rows, limit, filters, position, (m) => ({
      user_id: m.userId,
      email: m.email,
      name: m.name,
      role: m.role,
    }));
  });
}
