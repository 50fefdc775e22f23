import { ForbiddenError } from '@tessera/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context';
import { sameSecret } from '../auth/csrf-guard';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * `/metrics` is the operator's: it names every organization's projects. With a token configured it takes
 * only that bearer token (whatever the address); without one, only clients on this host.
 */
function assertOperator(request: FastifyRequest, token: string | null): void {
  if (token === null) {
    if (!LOOPBACK.has(request.socket.remoteAddress ?? '')) {
      throw new ForbiddenError('/metrics is served to loopback clients only; set TESSERA_METRICS_TOKEN');
    }
    return;
  }
  const sent = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (sent === undefined || !sameSecret(sent, token)) {
    throw new ForbiddenError('/metrics needs the operator token (TESSERA_METRICS_TOKEN) as a bearer token');
  }
}

/** Liveness, readiness (the database answers), and Prometheus metrics. */
export function registerSystemRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await ctx.db.client.all('SELECT 1 AS ok');
      return { status: 'ready' };
    } catch {
      return reply.code(503).header('retry-after', '1').send({ status: 'unavailable' });
    }
  });
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    assertOperator(request, ctx.config.metricsToken);
    const depths = await ctx.db.client.all<{ project_id: string; n: number }>(
      "SELECT p.name AS project_id, COUNT(t.id) AS n FROM projects p LEFT JOIN tasks t ON t.project_id = p.id AND t.stage = 'queued' GROUP BY p.name",
    );
    ctx.metrics.queueDepth.reset();
    for (const d of depths) ctx.metrics.queueDepth.set({ project: d.project_id }, Number(d.n));
    return reply.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics());
  });
}
