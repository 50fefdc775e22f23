import { ForbiddenError, NotFoundError } from '@tessera/core';
import { authRoutes as R, type Scope } from '@tessera/schema';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { apiKeyDto, createdApiKeyDto } from '../dto/auth-dto';
import { decodeCursor, keysetPage, rowPosition } from '../http/cursor';
import { hasScope, type Principal } from '../http/principal';
import { addRoute } from '../http/route-kit';

/**
 * Who may issue which key: the user must be in the caller's organization (else 404); a caller without
 * `admin` may grant only scopes it holds itself (never `admin`) and only to itself or to no user, so
 * `keys:write` cannot be turned into more power than the caller has.
 */
async function assertMayIssue(
  ctx: AppContext,
  principal: Principal,
  scopes: readonly Scope[],
  userId: string | null,
): Promise<void> {
  if (userId !== null && (await ctx.auth.users.get(principal.orgId, userId)) === undefined) {
    throw new NotFoundError('user', userId);
  }
  if (hasScope(principal, 'admin')) return;
  const beyond = scopes.filter((s) => s === 'admin' || !principal.scopes.has(s));
  if (beyond.length > 0) {
    throw new ForbiddenError(`cannot grant scopes this credential lacks: ${beyond.join(', ')}`);
  }
  if (userId !== null && userId !== principal.userId) {
    throw new ForbiddenError('only admins may issue keys for other users');
  }
}

/** API keys: create (secret shown once), list (prefixes only), revoke (effective within the cache TTL). */
export function registerKeyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { auth } = ctx;

  addRoute(app, R.createApiKey, async ({ body, principal, reply }) => {
    const userId = body.user_id ?? null;
    await assertMayIssue(ctx, principal, body.scopes, userId);
    const { key, record } = await auth.keys.create({
      orgId: principal.orgId,
      userId,
      name: body.name,
      scopes: body.scopes,
      ...(body.rate_limit
        ? { rateLimit: { perSecond: body.rate_limit.per_second, burst: body.rate_limit.burst } }
        : {}),
    });
    void reply.header('cache-control', 'no-store');
    return createdApiKeyDto(record, key);
  });

  addRoute(app, R.listApiKeys, async ({ query, principal }) => {
    const limit = query.limit ?? 100;
    const after = query.next_token ? decodeCursor(query.next_token, { list: 'keys' }) : undefined;
    const rows = await ctx.apiKeys.listPage(principal.orgId, after, limit + 1);
    return keysetPage(rows, limit, { list: 'keys' }, rowPosition, apiKeyDto);
  });

  addRoute(app, R.revokeApiKey, async ({ params, principal }) => {
    await auth.keys.revoke(principal.orgId, params.key_id);
    const record = await ctx.apiKeys.get(principal.orgId, params.key_id);
    if (record === undefined) throw new NotFoundError('api key', params.key_id);
    return apiKeyDto(record);
  });
}
