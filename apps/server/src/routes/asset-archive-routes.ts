import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { TesseraError } from '@tessera/core';
import { ARCHIVE_CONTENT_TYPES, type AssetArchiveDto, assetRoutes } from '@tessera/schema';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context';
import { importArchive } from '../assets/archive-import';
import { openStaging, stageBody } from '../assets/archive-staging';
import type { ImageLimits } from '../assets/image-probe';
import { addRoute } from '../http/route-kit';
import { recordStreamBodyHash } from '../idempotency/idempotency-hooks';
import { DEFAULT_ASSET_LIMITS } from './asset-upload-routes';

/** Per-request staging folders live under `<data>/archive-staging` and are removed when the request ends. */
export const ARCHIVE_STAGING_DIR = 'archive-staging';

const DESCRIPTION = [
  'Body: the raw bytes of one zip archive, sent as `application/zip` (or `application/x-zip-compressed`),',
  'not multipart. Every file entry must be a PNG, JPEG or WebP named `.png`, `.jpg`, `.jpeg` or `.webp`; each',
  'passes exactly the checks of `POST /v1/assets` (the extension is its declared type) and is refused with',
  'the same codes, plus an `entry` field naming it. Directories, `__MACOSX/`, `.DS_Store` and `Thumbs.db`',
  'are skipped. All or nothing: when any entry is refused nothing is stored. Limits (server configuration;',
  'defaults): archive body 2 GiB (413 `payload_too_large`); 100,000 entries (413',
  '`archive_too_many_entries`); 2 GiB inflated in total (413 `archive_too_large`); 50 MiB inflated per entry',
  '(413 `archive_entry_too_large`); beyond the first MiB of an entry, more than 100 bytes out per',
  'compressed byte read (422 `archive_bomb`). Inflated bytes are counted while inflating; declared sizes',
  'are never trusted, and an entry inflating to another size or CRC-32 than declared is 422',
  '`archive_invalid` (as is a body that is not a zip, or a damaged one). Entries sharing bytes (overlapping',
  'entries) are 422 `archive_bomb`; archives inside the archive (by extension or magic bytes) 422',
  '`archive_nested` (never opened); names with `..`, a leading `/`, a drive letter, a backslash or a control',
  'character, and symbolic links, hard links and special files are 422 `archive_unsafe_entry`; encryption',
  'and methods other than stored and deflate 422 `archive_unsupported`; an archive without images 422',
  '`archive_empty`. The response lists the stored images in archive order with their entry paths.',
].join(' ');

function isStream(body: unknown): body is Readable {
  return typeof body === 'object' && body !== null && Symbol.asyncIterator in body && 'pipe' in body;
}

function mediaType(request: FastifyRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * `POST /v1/assets/archive`: a zip of images → each image stored as by `POST /v1/assets`, all or none.
 * The body is streamed into a per-request staging folder (bounded by `archive.maxArchiveBytes`), inflated
 * there entry by entry under the archive caps, checked, and only then stored; the folder is removed
 * whatever the outcome.
 */
export function registerAssetArchiveRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  imageLimits: ImageLimits = DEFAULT_ASSET_LIMITS,
): void {
  const limits = ctx.config.archive;
  const assetsDir = join(ctx.config.dataDir, 'assets');
  const stagingRoot = join(ctx.config.dataDir, ARCHIVE_STAGING_DIR);
  void app.register(async (scope) => {
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    scope.addHook('onRoute', (options) => {
      options.schema = { ...options.schema, description: DESCRIPTION };
    });
    addRoute(
      scope,
      assetRoutes.uploadAssetArchive,
      async ({ request, reply, principal }): Promise<AssetArchiveDto> => {
        const body = request.body;
        if (!isStream(body) || !(ARCHIVE_CONTENT_TYPES as readonly string[]).includes(mediaType(request))) {
          throw new TesseraError('unsupported_media_type', 415, 'send the zip archive as application/zip');
        }
        if (Number(request.headers['content-length'] ?? 0) > limits.maxArchiveBytes) {
          throw new TesseraError(
            'payload_too_large',
            413,
            `the archive is larger than ${limits.maxArchiveBytes} bytes`,
            { max_bytes: limits.maxArchiveBytes },
          );
        }
        const staging = await openStaging(stagingRoot);
        try {
          const archivePath = staging.path('upload.zip');
          const staged = await stageBody(body, archivePath, limits.maxArchiveBytes).catch(
            (error: unknown) => {
              if (error instanceof TesseraError && error.status === 413)
                void reply.header('connection', 'close');
              throw error;
            },
          );
          recordStreamBodyHash(request, staged.sha256);
          const owner = { orgId: principal.orgId, accounting: ctx.quotas.assets };
          const assets = await importArchive({ archivePath, staging, assetsDir, limits, imageLimits, owner });
          return { assets };
        } finally {
          await staging.remove();
        }
      },
    );
  });
}
