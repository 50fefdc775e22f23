import type { TaskQuery, TimeRange } from '@tessera/core';
import { isUniqueViolation } from '@tessera/db';
import { type QueryOf, taskRoutes as R } from '@tessera/schema';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context';
import { finalLabelDto } from '../dto/dto';
import type { TaskRenderer } from '../dto/task-renderer';
import { decodeCursor, encodeCursor } from '../http/cursor';
import type { Principal } from '../http/principal';
import { addRoute } from '../http/route-kit';
import { singleCreateRetryRefs } from '../idempotency/task-retry-refs';

type ListQuery = QueryOf<typeof R.listTasks>;

const ms = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso));
const range = (after: string | undefined, before: string | undefined): TimeRange | undefined =>
  after === undefined && before === undefined ? undefined : { after: ms(after), before: ms(before) };

/** Attempts of a create that lost a race on a unique index (the next attempt sees the winner's task). */
const UNIQUE_RACE_ATTEMPTS = 3;

/**
 * Creates a task through the engine: project and batch by id or name; a taken unique_id is 409 naming it.
 * Under an Idempotency-Key, a task without unique_id carries its retry reference: a retry after a crash
 * that lost the recorded response answers the task its first attempt stored.
 */
async function createOne(
  ctx: AppContext,
  principal: Principal,
  body: Record<string, unknown> & { project: string; batch?: string },
  request: FastifyRequest,
) {
  const { project: projectRef, batch: batchRef, ...input } = body;
  const project = await ctx.engine.projects.resolveProject(principal.orgId, projectRef);
  const batch =
    batchRef === undefined
      ? undefined
      : await ctx.engine.batches.resolveBatch(principal.orgId, batchRef, project.id);
  const options = {
    batchId: batch?.id,
    actorId: principal.userId,
    retry: singleCreateRetryRefs(request, ctx.clock.now()),
  };
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.engine.tasks.createTask(principal.orgId, project.id, input, options);
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= UNIQUE_RACE_ATTEMPTS) throw error;
    }
  }
}

async function toTaskQuery(ctx: AppContext, orgId: string, q: ListQuery): Promise<Omit<TaskQuery, 'limit'>> {
  const project = q.project ? await ctx.engine.projects.resolveProject(orgId, q.project) : undefined;
  const batch = q.batch ? await ctx.engine.batches.resolveBatch(orgId, q.batch, project?.id) : undefined;
  const uniqueIds =
    q.unique_id === undefined ? undefined : Array.isArray(q.unique_id) ? q.unique_id : [q.unique_id];
  return {
    orgId,
    projectId: project?.id,
    batchId: batch?.id,
    status: q.status,
    type: q.type,
    uniqueIds,
    created: range(q.created_after, q.created_before),
    updated: range(q.updated_after, q.updated_before),
    completed: range(q.completed_after, q.completed_before),
  };
}

function cursorFilters(q: ListQuery): Record<string, unknown> {
  const { limit: _l, next_token: _n, offset: _o, include_total: _t, ...filters } = q;
  return filters;
}

/** Tasks in Scale's shape: create (two spellings), get, list (cursor or offset), cancel, tags, metadata, labels. */
export function registerTaskRoutes(app: FastifyInstance, ctx: AppContext, renderer: TaskRenderer): void {
  const { engine } = ctx;

  addRoute(app, R.createTask, async ({ body, principal, request }) =>
    renderer.renderOne(principal.orgId, await createOne(ctx, principal, body, request)),
  );
  addRoute(app, R.createTypedTask, async ({ params, body, principal, request }) =>
    renderer.renderOne(
      principal.orgId,
      await createOne(ctx, principal, { ...body, type: params.type }, request),
    ),
  );
  addRoute(app, R.getTask, async ({ params, principal }) =>
    renderer.renderOne(principal.orgId, await engine.tasks.getTask(principal.orgId, params.task_id)),
  );
  addRoute(app, R.listTasks, async ({ query, principal }) => {
    const limit = query.limit ?? 100;
    const base = await toTaskQuery(ctx, principal.orgId, query);
    const after = query.next_token ? decodeCursor(query.next_token, cursorFilters(query)) : undefined;
    const offset = after === undefined ? query.offset : undefined;
    const rows = await engine.tasks.listTasks({ ...base, after, offset, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const hasMore = rows.length > limit && last !== undefined;
    const withTotal = query.include_total === true || query.offset !== undefined;
    return {
      docs: await renderer.render(principal.orgId, page),
      limit,
      has_more: hasMore,
      next_token: hasMore ? encodeCursor(last.created_at, last.id, cursorFilters(query)) : null,
      ...(withTotal ? { total: await engine.tasks.countTasks({ ...base, limit }) } : {}),
      ...(offset !== undefined ? { offset } : {}),
    };
  });
  addRoute(app, R.cancelTask, async ({ params, query, principal }) =>
    renderer.renderOne(
      principal.orgId,
      await engine.tasks.cancelTask(
        principal.orgId,
        params.task_id,
        query.clear_unique_id === true,
        principal.userId,
      ),
    ),
  );
  addRoute(app, R.setTaskTags, async ({ params, body, principal }) =>
    renderer.renderOne(
      principal.orgId,
      await engine.tasks.updateTaskFields(principal.orgId, params.task_id, { tags: body.tags }),
    ),
  );
  addRoute(app, R.setTaskMetadata, async ({ params, body, principal }) =>
    renderer.renderOne(
      principal.orgId,
      await engine.tasks.updateTaskFields(principal.orgId, params.task_id, { metadata: body.metadata }),
    ),
  );
  addRoute(app, R.taskLabels, async ({ params, principal }) => ({
    docs: (await engine.tasks.labelRevisions(principal.orgId, params.task_id)).map(finalLabelDto),
  }));
}
