import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppContext } from './app-context';
import { createTaskRenderer } from './dto/task-renderer';
import { installDrain } from './http/drain';
import { installErrorHandling } from './http/error-handler';
import { frameworkErrorHandler, MAX_PARAM_CHARS } from './http/framework-errors';
import { installJsonBodyParser } from './http/json-body-parser';
import { installValidators } from './http/validators';
import { installIdempotency } from './idempotency/idempotency-hooks';
import { installOverloadShedding } from './rate-limit/overload-shedding';
import { installRateLimit } from './rate-limit/rate-limit-hooks';
import { registerAssetArchiveRoutes } from './routes/asset-archive-routes';
import { registerAssetFormRoutes } from './routes/asset-form-routes';
import { registerAssetUploadRoutes } from './routes/asset-upload-routes';
import { registerAssetRoutes } from './routes/assets-routes';
import { registerAuthRoutes } from './routes/auth-routes';
import { registerBulkRoutes } from './routes/bulk-routes';
import { registerExportRoutes } from './routes/export-routes';
import { registerMemberRoutes } from './routes/members-routes';
import { registerMlBackendRoutes } from './routes/ml-backends-routes';
import { registerProjectRoutes } from './routes/projects-routes';
import { registerQueueRoutes } from './routes/queue-routes';
import { registerReviewRoutes } from './routes/review-routes';
import { registerStatsRoutes } from './routes/stats-routes';
import { registerSystemRoutes } from './routes/system-routes';
import { registerTaskRoutes } from './routes/tasks-routes';
import { registerWebAppRoutes } from './routes/web-app-routes';
import { registerWebhookRoutes } from './routes/webhooks-routes';

export interface AppOptions {
  /** pino logger options, or false for none (tests). */
  readonly logger?: boolean | Record<string, unknown>;
}

let requestCounter = 0;

/** The HTTP application: contract routes under /v1, problem+json errors, OpenAPI at /v1/openapi.json. */
export async function buildApp(ctx: AppContext, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: ctx.config.bodyLimit,
    genReqId: () => `req_${ctx.ids.next('r').slice(2)}${(++requestCounter).toString(36)}`,
    requestIdHeader: false,
    return503OnClosing: false, // installDrain answers with problem+json and Retry-After instead
    routerOptions: { maxParamLength: MAX_PARAM_CHARS },
    frameworkErrors: frameworkErrorHandler, // undecodable URLs and overlong segments: problem+json 400
  });
  installDrain(app);
  installOverloadShedding(app, ctx.config.overload); // before any work is done for a request
  installValidators(app);
  app.decorateRequest('principal', null);
  installErrorHandling(app);
  installJsonBodyParser(app);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Tessera API',
        version: '1.0.0',
        description: 'Labeling queue, quality and results for AI teams.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API key: tsr_live_…' },
          basic: {
            type: 'http',
            scheme: 'basic',
            description: 'Scale v1 style: the API key as user name, empty password',
          },
        },
      },
    },
  });
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', String(request.id));
    for (const authenticator of ctx.authenticators) {
      const principal = await authenticator.authenticate(request.headers);
      if (principal !== null) {
        request.principal = principal;
        break;
      }
    }
  });
  // After authentication: both read request.principal.
  installRateLimit(app, ctx, ctx.rateLimitStore);
  installIdempotency(app, ctx);
  app.addHook('onResponse', async (request, reply) => {
    ctx.metrics.httpResponses.inc({
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: String(reply.statusCode),
    });
  });
  const renderer = createTaskRenderer(ctx.engine, ctx.db.store);
  registerSystemRoutes(app, ctx);
  registerAssetRoutes(app, ctx);
  registerAssetUploadRoutes(app, ctx);
  registerAssetArchiveRoutes(app, ctx);
  registerAssetFormRoutes(app, ctx);
  registerProjectRoutes(app, ctx);
  registerMemberRoutes(app, ctx);
  registerTaskRoutes(app, ctx, renderer);
  registerBulkRoutes(app, ctx);
  registerQueueRoutes(app, ctx, renderer);
  registerReviewRoutes(app, ctx);
  registerStatsRoutes(app, ctx);
  registerExportRoutes(app, ctx);
  registerWebhookRoutes(app, ctx);
  registerMlBackendRoutes(app, ctx);
  registerAuthRoutes(app, ctx);
  registerWebAppRoutes(app, ctx);
  app.get('/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.ready();
  return app;
}
