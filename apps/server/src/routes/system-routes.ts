import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';

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
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    const depths = await ctx.db.client.all<{ project_id: string; n: number }>(
      "SELECT p.name AS project_id, COUNT(t.id) AS n FROM projects p LEFT JOIN tasks t ON t.project_id = p.id AND t.stage = 'queued' GROUP BY p.name",
    );
    ctx.metrics.queueDepth.reset();
    for (const d of depths) ctx.metrics.queueDepth.set({ project: d.project_id }, Number(d.n));
    return reply.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics());
  });
}
