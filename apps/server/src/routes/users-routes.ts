import { authRoutes as R } from '@tessera/schema';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { userDto } from '../dto/auth-dto';
import { decodeCursor, encodeCursor } from '../http/cursor';
import { addRoute } from '../http/route-kit';
import { withRetryAfter } from './with-retry-after';

/** Users of the caller's organization, and their passwords. */
export function registerUserRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { auth } = ctx;

  addRoute(app, R.createUser, async ({ body, principal }) =>
    userDto(await auth.accounts.createUser(principal.orgId, body)),
  );

  addRoute(app, R.listUsers, async ({ query, principal }) => {
    const limit = query.limit ?? 100;
    const after = query.next_token ? decodeCursor(query.next_token, { list: 'users' }) : undefined;
    const rows = await auth.users.list(principal.orgId, after, limit + 1);
    const last = rows[limit - 1];
    const hasMore = rows.length > limit && last !== undefined;
    return {
      docs: rows.slice(0, limit).map(userDto),
      limit,
      has_more: hasMore,
      next_token: hasMore ? encodeCursor(last.created_at, last.id, { list: 'users' }) : null,
    };
  });

  addRoute(app, R.setPassword, async ({ params, body, principal, request, reply }) => {
    await withRetryAfter(reply, () =>
      auth.accounts.setPassword(principal, params.user_id, {
        password: body.password,
        currentPassword: body.current_password,
        ip: request.ip,
      }),
    );
    return {};
  });
}
