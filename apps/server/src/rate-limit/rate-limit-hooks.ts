import { TesseraError } from '@tessera/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context';
import { createMemoryRateLimitStore, type RateLimitStore } from './rate-limit-store';
import type { RateDecision } from './token-bucket';

declare module 'fastify' {
  interface FastifyRequest {
    rateLimit: RateDecision | null;
  }
}

/**
 * The headers every response carries (api-conventions §8): the IETF draft fields (draft-ietf-httpapi-
 * ratelimit-headers-10: `RateLimit-Policy` with quota `q` and window `w`, `RateLimit` with remaining `r` and
 * seconds to reset `t`) and the legacy `X-RateLimit-*` trio (Reset in seconds, as @fastify/rate-limit sends).
 */
export function rateLimitHeaders(d: RateDecision): Record<string, string> {
  return {
    'RateLimit-Policy': `"default";q=${d.limit};w=${d.windowSeconds}`,
    RateLimit: `"default";r=${d.remaining};t=${d.resetSeconds}`,
    'X-RateLimit-Limit': String(d.limit),
    'X-RateLimit-Remaining': String(d.remaining),
    'X-RateLimit-Reset': String(d.resetSeconds),
    ...(d.allowed ? {} : { 'Retry-After': String(d.retryAfterSeconds) }),
  };
}

/** The bucket of a request: its credential's (API key or session), or its IP address when anonymous. */
function bucketKey(request: FastifyRequest): string {
  return request.principal === null ? `ip:${request.ip}` : `cred:${request.principal.credentialId}`;
}

/**
 * Per-credential token buckets (a key's own limits override `config.rateLimit`), unauthenticated requests
 * per IP. Must be installed after the authentication hook: it reads `request.principal`. Over the limit:
 * 429 `rate_limited` with `Retry-After`; the headers go out on every response, errors and 404s included
 * (except while the store's database is unreachable, when requests are admitted without them).
 */
export function installRateLimit(
  app: FastifyInstance,
  ctx: AppContext,
  store: RateLimitStore = createMemoryRateLimitStore(),
): void {
  app.decorateRequest('rateLimit', null);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const policy = request.principal?.rateLimit ?? ctx.config.rateLimit;
    let decision: RateDecision;
    try {
      decision = await store.take(bucketKey(request), policy, ctx.clock.now());
    } catch (error) {
      // A shared store in an unreachable database: admit (fail open, no headers). Every route that needs
      // the database fails on its own with 503 database_unavailable; /healthz stays up.
      request.log.warn({ err: error }, 'rate-limit store unavailable; request admitted');
      return;
    }
    request.rateLimit = decision;
    if (!decision.allowed) {
      throw new TesseraError(
        'rate_limited',
        429,
        `rate limit of ${decision.limit} requests exceeded; retry in ${decision.retryAfterSeconds} s`,
      );
    }
  });
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (request.rateLimit !== null) void reply.headers(rateLimitHeaders(request.rateLimit));
    return payload;
  });
}
