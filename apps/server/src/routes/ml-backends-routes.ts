import { ML_CALLBACK_DESCRIPTION, mlBackendRoutes as R } from '@tessera/schema';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { decodeCursor, keysetPage, rowPosition } from '../http/cursor';
import { addRoute } from '../http/route-kit';
import { createCallbackBodyReader } from '../ml-backends/callback-body';
import { backendDto, predictionDto } from '../ml-backends/ml-backend-dto';
import type { BackendWithSecret } from '../ml-backends/ml-backend-service';

/**
 * The inbound callback, in its own scope: the body stays raw bytes (JSON media type only, 415 otherwise;
 * the JSON body limit, 413 above it) until the signature over those bytes verified; only then is it parsed
 * and validated. No API key: the route is `public` in the contract and authenticated by the signature.
 */
function registerCallbackRoute(app: FastifyInstance, ctx: AppContext): void {
  const { receiver } = ctx.mlBackends;
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer', bodyLimit: ctx.config.bodyLimit },
      (_request, body, done) => done(null, body),
    );
    scope.addHook('onRoute', (options) => {
      options.schema = { ...options.schema, description: ML_CALLBACK_DESCRIPTION };
    });
    const readBody = createCallbackBodyReader(scope);
    addRoute(scope, R.receiveMlBackendCallback, async ({ params, request }) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const caller = await receiver.authenticate(params.backend_id, request.headers, raw);
      const body = await readBody(request, raw);
      const outcome = await receiver.apply({ ...caller, body });
      return { webhook_id: outcome.webhookId, replay: outcome.replay, predictions: outcome.predictions };
    });
  });
}

/** `/v1/ml-backends` (management; the secret shown once), the signed callback, and a task's predictions. */
export function registerMlBackendRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { service } = ctx.mlBackends;
  const dto = (b: Parameters<typeof backendDto>[0]) => backendDto(b, ctx.clock.now());
  const withSecret = ({ backend, secret }: BackendWithSecret) => ({ ...dto(backend), secret });

  addRoute(app, R.createMlBackend, async ({ body, principal }) =>
    withSecret(await service.create(principal.orgId, body)),
  );
  addRoute(app, R.listMlBackends, async ({ query, principal }) => {
    const projectId =
      query.project === undefined ? undefined : await service.projectId(principal.orgId, query.project);
    const limit = query.limit ?? 100;
    const filters = { project: projectId ?? null };
    const after = query.next_token ? decodeCursor(query.next_token, filters) : undefined;
    return keysetPage(
      await service.list(principal.orgId, projectId, after, limit + 1),
      limit,
      filters,
      rowPosition,
      dto,
    );
  });
  addRoute(app, R.deleteMlBackend, async ({ params, principal }) => {
    await service.remove(principal.orgId, params.backend_id);
    return { backend_id: params.backend_id, deleted: true };
  });
  addRoute(app, R.rotateMlBackendSecret, async ({ params, principal }) =>
    withSecret(await service.rotate(principal.orgId, params.backend_id)),
  );
  addRoute(app, R.listTaskPredictions, async ({ params, query, principal }) => {
    const task = await ctx.engine.tasks.getTask(principal.orgId, params.task_id); // 404 unless the caller's
    const limit = query.limit ?? 100;
    const filters = { task: task.id };
    const after = query.next_token ? decodeCursor(query.next_token, filters) : undefined;
    const rows = await ctx.mlBackends.listPredictions(principal.orgId, task.id, after, limit + 1);
    return keysetPage(rows, limit, filters, rowPosition, predictionDto);
  });
  registerCallbackRoute(app, ctx);
}
