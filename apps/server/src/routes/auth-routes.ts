import fastifyCookie from '@fastify/cookie';
import { authRoutes as R } from '@tessera/schema';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { installCsrfGuard } from '../auth/csrf-guard';
import { SESSION_COOKIE, SESSION_TTL_MS, sessionCookieOptions } from '../auth/session-cookie';
import { userDto } from '../dto/auth-dto';
import { iso } from '../dto/dto';
import { addRoute } from '../http/route-kit';
import { registerKeyRoutes } from './keys-routes';
import { registerUserRoutes } from './users-routes';
import { withRetryAfter } from './with-retry-after';

/**
 * Web sessions (login, logout, me), API keys and users. Also installs the session cookie writer and the
 * CSRF guard for every route (unsafe methods on a session need `x-csrf-token`).
 */
export function registerAuthRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { auth, config } = ctx;
  void app.register(fastifyCookie, { hook: false });
  installCsrfGuard(app, auth.sessionAuthenticator);

  addRoute(app, R.login, async ({ body, request, reply }) => {
    const result = await withRetryAfter(reply, () =>
      auth.login.login({ email: body.email, password: body.password, orgId: body.org_id, ip: request.ip }),
    );
    void reply
      .header('cache-control', 'no-store')
      .setCookie(SESSION_COOKIE, result.token, sessionCookieOptions(config.cookieSecure, SESSION_TTL_MS));
    return { user: userDto(result.user), csrf_token: result.csrfToken, expires_at: iso(result.expiresAt) };
  });

  addRoute(app, R.logout, async ({ principal, reply }) => {
    await auth.login.logout(principal);
    void reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(config.cookieSecure, 0));
    return {};
  });

  addRoute(app, R.whoAmI, async ({ principal, reply }) => {
    const csrf = auth.sessionAuthenticator.csrfTokenOf(principal);
    void reply.header('cache-control', 'no-store');
    return {
      org_id: principal.orgId,
      user_id: principal.userId,
      role: principal.role,
      scopes: [...principal.scopes].sort(),
      kind: principal.kind,
      ...(csrf === null ? {} : { csrf_token: csrf }),
    };
  });

  registerKeyRoutes(app, ctx);
  registerUserRoutes(app, ctx);
}
