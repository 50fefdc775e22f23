import { authRoutes as R } from '@tessera/schema';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { userDto } from '../dto/auth-dto';
import { decodeCursor, keysetPage } from '../http/cursor';
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
    const position = (u: (typeof rows)[number]) => ({ createdAt: u.created_at, id: u.id });
    return keysetPage(rows, limit, { list: 'users' }, position, userDto);
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
