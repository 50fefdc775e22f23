import { TesseraError } from '@tessera/core';
import type { BodyOf, ParamsOf, QueryOf, ResponseOf, Route } from '@tessera/schema';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from './principal';
import { hasScope } from './principal';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export interface RouteInput<R extends Route> {
  readonly params: ParamsOf<R>;
  readonly query: QueryOf<R>;
  readonly body: BodyOf<R>;
  readonly principal: Principal;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
}

export class AuthError extends TesseraError {}

/** The caller, or 401 when the request carries no valid credential. */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (request.principal === null) {
    throw new AuthError('unauthenticated', 401, 'a valid API key (Bearer or Basic) or session is required');
  }
  return request.principal;
}

/** The acting user, for routes that need one (annotators, reviewers): 403 for a key without a user. */
export function requireUser(principal: Principal): string {
  if (principal.userId === null)
    throw new TesseraError(
      'user_required',
      403,
      'this operation needs a key or session that belongs to a user',
    );
  return principal.userId;
}

/**
 * Registers one contract route: its schemas validate the request and shape the response and OpenAPI
 * document; its scope is checked before the handler runs (401 without credentials, 403 without the scope).
 */
export function addRoute<R extends Route>(
  app: FastifyInstance,
  route: R,
  handler: (input: RouteInput<R>) => Promise<ResponseOf<R>>,
): void {
  const status = route.status ?? 200;
  app.route({
    method: route.method,
    url: route.path,
    schema: {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.tag],
      ...(route.params ? { params: route.params } : {}),
      ...(route.query ? { querystring: route.query } : {}),
      ...(route.body ? { body: route.body } : {}),
      response: { [status]: route.response },
      ...(route.scope === 'public' ? {} : { security: [{ bearer: [] }, { basic: [] }] }),
    },
    config: { scope: route.scope, operationId: route.operationId },
    // Credentials and scope are checked before the request is validated: a caller without them learns
    // nothing about the route's input (401/403 come before 400).
    preValidation: async (request) => {
      if (route.scope === 'public') return;
      const principal = requirePrincipal(request);
      if (route.scope !== 'authenticated' && !hasScope(principal, route.scope)) {
        throw new TesseraError('forbidden', 403, `this credential lacks the ${route.scope} scope`);
      }
    },
    handler: async (request, reply) => {
      const principal = request.principal as Principal;
      const result = await handler({
        params: request.params as ParamsOf<R>,
        query: request.query as QueryOf<R>,
        body: request.body as BodyOf<R>,
        principal,
        request,
        reply,
      });
      void reply.code(status);
      return result;
    },
  });
}
