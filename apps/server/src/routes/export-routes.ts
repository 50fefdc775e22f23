import { PassThrough, type Transform } from 'node:stream';
import { createGzip } from 'node:zlib';
import { TesseraError } from '@tessera/core';
import { type ExportFilter, type ExportRepo, type ExportRow, exportRepo } from '@tessera/db';
import { EXPORT_MEDIA_TYPE, exportRoutes, type ParamsOf, type QueryOf } from '@tessera/schema';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context';
import { exportCursor } from '../export/export-cursor';
import { acceptsGzip } from '../export/export-encoding';
import { type ExportObserver, pumpExport } from '../export/export-pump';
import { exportLine, exportRecord } from '../export/export-record';
import { writableSink } from '../export/export-sink';
import { hasScope, type Principal } from '../http/principal';
import { requirePrincipal } from '../http/route-kit';

const R = exportRoutes.exportProject;

/**
 * Rows per database read: one page is all the export holds in memory. Small pages also keep the serve
 * process's heap small: with 500-row pages V8 promoted so much of each page to the old generation that RSS
 * peaked at 346 MiB over a 300k-row export (garbage, collected later); with 100 rows it peaked at 221 MiB and
 * the export ran faster (22.5k rows/s against 16.6k).
 */
export const EXPORT_CHUNK_ROWS = 100;

export interface ExportRouteOptions {
  readonly chunkRows?: number;
  /** Told of every page read and of the end; by default the end is logged. */
  readonly observer?: ExportObserver;
}

const DESCRIPTION = [
  'One `tessera.label/1` JSON object per line (keys sorted), ordered by `completed_at` then `task_id`:',
  'every completed task of the project once, with its current final label. Read from the database a page',
  'at a time as the client reads, so any size streams; a client that disconnects stops the reads. Each',
  "line's `cursor`, passed as `after` with the same filters, resumes after that line. Send",
  '`Accept-Encoding: gzip` for a gzip body. A response cut off by an error ends without its last chunk',
  '(the connection is reset): treat it as incomplete and resume from the last cursor.',
].join(' ');

function filterOf(
  principal: Principal,
  projectId: string,
  batchId: string | undefined,
  q: QueryOf<typeof R>,
) {
  const ms = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso));
  const filter: ExportFilter = {
    orgId: principal.orgId,
    projectId,
    ...(batchId === undefined ? {} : { batchId }),
    ...(q.completed_after === undefined ? {} : { completedAfter: ms(q.completed_after) }),
    ...(q.completed_before === undefined ? {} : { completedBefore: ms(q.completed_before) }),
    includeAnnotations: q.include_annotations === true,
  };
  const cursor = exportCursor({
    project: projectId,
    batch: batchId ?? null,
    completed_after: filter.completedAfter ?? null,
    completed_before: filter.completedBefore ?? null,
    include_annotations: filter.includeAnnotations,
  });
  return { filter, cursor };
}

/**
 * Resolves the request (project, batch, filters, cursor) and reads the first page; returns the page, how to
 * render a page as lines (batch names cached) and how to read the next one.
 */
async function openExport(ctx: AppContext, repo: ExportRepo, chunkRows: number, request: FastifyRequest) {
  const { engine } = ctx;
  const principal = request.principal as Principal;
  const params = request.params as ParamsOf<typeof R>;
  const query = request.query as QueryOf<typeof R>;
  const project = await engine.projects.resolveProject(principal.orgId, params.project);
  const batch =
    query.batch === undefined
      ? undefined
      : await engine.batches.resolveBatch(principal.orgId, query.batch, project.id);
  const { filter, cursor } = filterOf(principal, project.id, batch?.id, query);
  const start = query.after === undefined ? null : cursor.decode(query.after);
  const batchNames = new Map<string, string>();
  const render = async (rows: readonly ExportRow[]) => {
    const lines: string[] = [];
    for (const row of rows) {
      const id = row.task.batch_id;
      if (id !== null && !batchNames.has(id))
        batchNames.set(id, (await engine.batches.getBatch(principal.orgId, id)).name);
      const names = { project: project.name, batch: id === null ? null : (batchNames.get(id) ?? null) };
      const key = { completedAt: row.task.completed_at ?? 0, id: row.task.id };
      lines.push(exportLine(exportRecord(row, names, cursor.encode(key))));
    }
    return lines;
  };
  // The first page is read before anything is sent: a failure there is still a problem response.
  const first = await repo.page(filter, start, chunkRows);
  return {
    first,
    render,
    next: (after: Parameters<typeof repo.page>[1]) => repo.page(filter, after, chunkRows),
  };
}

/**
 * `GET /v1/projects/:project/export`: the project's completed tasks with their final labels as NDJSON,
 * streamed page by page with backpressure (see DESCRIPTION). Registered outside `addRoute` because the
 * answer is a stream, not one JSON document; credentials and scope are checked the same way, first.
 */
export function registerExportRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  options: ExportRouteOptions = {},
): void {
  const repo = exportRepo(ctx.db.client);
  const chunkRows = options.chunkRows ?? EXPORT_CHUNK_ROWS;

  app.route({
    method: R.method,
    url: R.path,
    schema: {
      operationId: R.operationId,
      summary: R.summary,
      description: DESCRIPTION,
      tags: [R.tag],
      params: R.params,
      querystring: R.query,
      response: { 200: { content: { [EXPORT_MEDIA_TYPE]: { schema: R.response } } } },
      security: [{ bearer: [] }, { basic: [] }],
    },
    config: { scope: R.scope, operationId: R.operationId },
    preValidation: async (request) => {
      const principal = requirePrincipal(request);
      const scope = R.scope;
      if (scope !== 'public' && scope !== 'authenticated' && !hasScope(principal, scope)) {
        throw new TesseraError('forbidden', 403, `this credential lacks the ${R.scope} scope`);
      }
    },
    handler: async (request, reply) => {
      const { first, render, next } = await openExport(ctx, repo, chunkRows, request);
      const gzip = acceptsGzip(request.headers['accept-encoding']);
      const body: Transform = gzip ? createGzip() : new PassThrough();
      const observer = options.observer ?? {
        end: (o) => request.log.info({ export: o }, 'export ended'),
      };
      pumpExport({ first, chunkRows, next, render, sink: writableSink(body), observer }).then(
        (outcome) => observer.end?.(outcome),
        (error: unknown) => {
          request.log.error({ err: error }, 'export failed mid-stream');
          body.destroy(error instanceof Error ? error : new Error(String(error)));
        },
      );
      void reply
        .code(200)
        .header('content-type', `${EXPORT_MEDIA_TYPE}; charset=utf-8`)
        .header('cache-control', 'no-store')
        .header('vary', 'accept-encoding');
      if (gzip) void reply.header('content-encoding', 'gzip');
      return reply.send(body);
    },
  });
}
