import { webhookRoutes as R } from '@tessera/schema';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { decodeCursor, keysetPage, rowPosition } from '../http/cursor';
import { addRoute } from '../http/route-kit';
import type { DeliveryRecord } from '../webhooks/delivery-store';
import { deliveryDto, endpointDto } from '../webhooks/webhook-dto';
import type { EndpointWithSecret } from '../webhooks/webhook-service';

/** Operations whose body may carry a `callback_url`: it passes the SSRF guard before the handler runs. */
const CALLBACK_URL_OPERATIONS = new Set(['createTask', 'createTypedTask', 'createBatch']);

/**
 * `/v1/webhooks`: endpoints (the secret shown once, on create and rotate), their delivery logs with replay,
 * and the callback signing secret. Also guards every `callback_url` a task or batch is created with.
 */
export function registerWebhookRoutes(app: FastifyInstance, ctx: AppContext): void {
  const service = ctx.webhooks.service;
  const withSecret = ({ endpoint, secret }: EndpointWithSecret) => ({
    ...endpointDto(endpoint, ctx.clock.now()),
    secret,
  });
  const dto = (e: Parameters<typeof endpointDto>[0]) => endpointDto(e, ctx.clock.now());

  app.addHook('preHandler', async (request) => {
    const operationId = (request.routeOptions.config as { operationId?: string }).operationId;
    if (operationId === undefined || !CALLBACK_URL_OPERATIONS.has(operationId)) return;
    if (request.principal === null) return; // the handler answers 401 first
    const url = (request.body as { callback_url?: unknown } | null)?.callback_url;
    if (typeof url === 'string') await service.checkCallbackUrl(url);
  });

  addRoute(app, R.createWebhook, async ({ body, principal }) =>
    withSecret(await service.create(principal.orgId, body)),
  );
  addRoute(app, R.listWebhooks, async ({ query, principal }) => {
    const limit = query.limit ?? 100;
    const after = query.next_token ? decodeCursor(query.next_token, {}) : undefined;
    return keysetPage(await service.list(principal.orgId, after, limit + 1), limit, {}, rowPosition, dto);
  });
  addRoute(app, R.getWebhook, async ({ params, principal }) =>
    dto(await service.get(principal.orgId, params.endpoint_id)),
  );
  addRoute(app, R.disableWebhook, async ({ params, principal }) =>
    dto(await service.setEnabled(principal.orgId, params.endpoint_id, false)),
  );
  addRoute(app, R.enableWebhook, async ({ params, principal }) =>
    dto(await service.setEnabled(principal.orgId, params.endpoint_id, true)),
  );
  addRoute(app, R.rotateWebhookSecret, async ({ params, principal }) =>
    withSecret(await service.rotate(principal.orgId, params.endpoint_id)),
  );
  addRoute(app, R.listWebhookDeliveries, async ({ params, query, principal }) => {
    const endpoint = await service.get(principal.orgId, params.endpoint_id);
    const limit = query.limit ?? 100;
    const filters = { endpoint: endpoint.id, status: query.status ?? null };
    const before = query.next_token ? decodeCursor(query.next_token, filters) : undefined;
    const rows: DeliveryRecord[] = await service.deliveries({
      orgId: principal.orgId,
      endpointId: endpoint.id,
      status: query.status,
      before,
      limit: limit + 1,
    });
    return keysetPage(rows, limit, filters, rowPosition, deliveryDto);
  });
  addRoute(app, R.listCallbackDeliveries, async ({ query, principal }) => {
    // 404 for another organization's task, as every filter naming an object
    if (query.task_id !== undefined) await ctx.engine.tasks.getTask(principal.orgId, query.task_id);
    const limit = query.limit ?? 100;
    const filters = { task: query.task_id ?? null, status: query.status ?? null };
    const before = query.next_token ? decodeCursor(query.next_token, filters) : undefined;
    const rows = await service.deliveries({
      orgId: principal.orgId,
      endpointId: null,
      taskId: query.task_id,
      status: query.status,
      before,
      limit: limit + 1,
    });
    return keysetPage(rows, limit, filters, rowPosition, deliveryDto);
  });
  addRoute(app, R.replayWebhookDelivery, async ({ params, principal }) =>
    deliveryDto(await service.replay(principal.orgId, params.delivery_id)),
  );
  addRoute(app, R.rotateCallbackSecret, async ({ principal }) => {
    const { secret, previousExpiresAt } = await service.rotateCallbackSecret(principal.orgId);
    return {
      secret,
      previous_secret_expires_at:
        previousExpiresAt === null ? null : new Date(previousExpiresAt).toISOString(),
    };
  });
}
