import type { Readable } from 'node:stream';
import { TesseraError } from '@tessera/core';
import { route, taskRoutes } from '@tessera/schema';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { AppContext } from '../app-context';
import { ingestNdjson } from '../bulk/bulk-ingest';
import { addRoute } from '../http/route-kit';
import { recordStreamBodyHash } from '../idempotency/idempotency-hooks';
import { retryRefMaker } from '../idempotency/task-retry-refs';

/** Media types of an NDJSON upload; the body reaches the handler as the raw request stream. */
export const NDJSON_TYPES = ['application/x-ndjson', 'application/jsonl'] as const;

/** Lines per transaction, and the text budget of one chunk (a chunk of long lines commits earlier). */
export const BULK_CHUNK_LINES = 2_000;
export const BULK_CHUNK_CHARS = 8 * 1024 * 1024;
/** Per-line results kept in one response (the counts stay exact beyond it). */
export const BULK_MAX_RESULTS = 100_000;

/**
 * The contract's bulk route plus `results=all` (also list created lines with their task ids; default
 * `errors`: only duplicates and invalid lines).
 */
const bulkCreateTasks = route({
  ...taskRoutes.bulkCreateTasks,
  query: Type.Object({
    ...taskRoutes.bulkCreateTasks.query!.properties,
    results: Type.Optional(
      Type.Union([Type.Literal('errors'), Type.Literal('all')], {
        description: '`all` also lists created lines with their task ids; default `errors`',
      }),
    ),
  }),
});

/** The OpenAPI description: how to upload, and what to do when an upload is cut off. */
const DESCRIPTION = [
  'Body: `application/x-ndjson`, one task input per line (the fields of `POST /v1/tasks` without `project`',
  'and `batch`, which come from the query), of any length; lines up to the line limit (1 MiB by default).',
  'Lines are committed in chunks as they arrive; a bad line is reported with its 1-based line number and',
  'never blocks the others. The response counts created lines and lists every duplicate and invalid line',
  `(at most ${BULK_MAX_RESULTS} entries; the counts are always exact).`,
  'If the connection drops, every chunk committed before the drop stays: re-send the whole file. Lines',
  'with a `unique_id` that were already created come back as `duplicate` (with `existing_task_id`), so a',
  'repeated upload creates nothing twice; lines without one are created again unless the upload is re-sent',
  'with the same `Idempotency-Key`, which finds the tasks already created for them.',
  'With an `Idempotency-Key`, a repeat of the same bytes replays the first response and other bytes are 422.',
].join(' ');

function isStream(body: unknown): body is Readable {
  return typeof body === 'object' && body !== null && Symbol.asyncIterator in body && 'pipe' in body;
}

/**
 * `POST /v1/tasks/bulk?project=&batch=` with an NDJSON body of any length: one task input per line (the
 * fields of `POST /v1/tasks` without project and batch). The body is streamed and committed in chunks;
 * the response counts created lines and lists every other one. An interrupted upload keeps what was
 * committed: re-send the whole file, and lines carrying a `unique_id` come back as duplicates.
 */
export function registerBulkRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { config, engine } = ctx;
  // Encapsulated: the pass-through NDJSON parser applies to this route only.
  void app.register(async (scope) => {
    scope.addContentTypeParser([...NDJSON_TYPES], (_request, payload, done) => done(null, payload));
    scope.addHook('onRoute', (options) => {
      options.schema = { ...options.schema, description: DESCRIPTION };
    });
    addRoute(scope, bulkCreateTasks, async ({ query, principal, request }) => {
      const body = request.body;
      if (!isStream(body)) {
        throw new TesseraError('unsupported_media_type', 415, 'send the tasks as application/x-ndjson');
      }
      const declared = Number(request.headers['content-length'] ?? 0);
      if (declared > config.bulkBodyLimit) {
        throw new TesseraError(
          'payload_too_large',
          413,
          `the upload is larger than ${config.bulkBodyLimit} bytes`,
        );
      }
      const project = await engine.projects.resolveProject(principal.orgId, query.project);
      const batch =
        query.batch === undefined
          ? undefined
          : await engine.batches.resolveBatch(principal.orgId, query.batch, project.id);
      const outcome = await ingestNdjson(
        body,
        engine.tasks,
        {
          orgId: principal.orgId,
          projectId: project.id,
          batchId: batch?.id,
          actorId: principal.userId,
          retry: retryRefMaker(request, ctx.clock.now()),
        },
        {
          maxLineBytes: config.bulkLineLimit,
          maxBodyBytes: config.bulkBodyLimit,
          chunkLines: BULK_CHUNK_LINES,
          chunkChars: BULK_CHUNK_CHARS,
          maxResults: BULK_MAX_RESULTS,
          includeCreated: query.results === 'all',
        },
      );
      recordStreamBodyHash(request, outcome.bodySha256);
      const { bodySha256: _hash, ...summary } = outcome;
      return summary;
    });
  });
}
