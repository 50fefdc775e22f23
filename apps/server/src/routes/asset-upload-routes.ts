import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { TesseraError } from '@tessera/core';
import { ASSET_CONTENT_TYPES, type AssetContentType, type AssetDto, assetRoutes } from '@tessera/schema';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context';
import { storeAsset } from '../assets/asset-store';
import { checkUpload } from '../assets/document-upload-check';
import type { ImageLimits } from '../assets/image-probe';
import { DEFAULT_UPLOAD_LIMITS } from '../assets/multipart-limits';
import { readLimited } from '../assets/read-limited';
import { addRoute } from '../http/route-kit';
import { recordStreamBodyHash } from '../idempotency/idempotency-hooks';

export interface AssetUploadLimits extends ImageLimits {
  /** Largest accepted body in bytes (413 above it). */
  readonly maxBytes: number;
}

export const DEFAULT_ASSET_LIMITS: AssetUploadLimits = {
  maxBytes: DEFAULT_UPLOAD_LIMITS.maxFileBytes,
  maxPixels: 100_000_000,
  maxFrames: 1_000,
};

const DESCRIPTION = [
  'Body: the raw bytes of one image or PDF, sent as `image/png`, `image/jpeg`, `image/webp` or',
  '`application/pdf` (not multipart, not JSON; send several files as multipart/form-data to',
  '`POST /v1/assets/form`). The Content-Type must be the format the bytes are (else 415',
  '`content_type_mismatch`); other',
  'media, such as HTML, SVG or GIF, are refused with 415 `unsupported_media_type`. Images above the pixel',
  'limit (width × height × frames, 100 megapixels by default) or with more than 1,000 frames are refused',
  'with 422 `image_too_large` or `image_too_many_frames` before any pixel is decoded; the rest is decoded',
  'in full, and a truncated or damaged image is 422 `image_corrupt`. A PDF must start with `%PDF-` and have',
  '`%%EOF` in its last 1,024 bytes (else 422 `document_corrupt`); the server never opens it (its `width` and',
  '`height` are null). Bodies above the size limit (50 MiB by',
  'default, `TESSERA_UPLOAD_MAX_FILE_BYTES`) are 413. Nothing is stored when an upload is refused. The file is stored by content hash, so',
  'uploading the same bytes again returns the same `uri`. Use the answer as a task item:',
  '`{"media_type": "image", "uri": …, "width": …, "height": …, "content_hash": …}`, or for a PDF',
  '`{"media_type": "document", "uri": …, "content_hash": …}`.',
  '`GET {uri}` serves the file without credentials to anyone who knows its hash (a PDF as an attachment).',
].join(' ');

const TYPES = ASSET_CONTENT_TYPES.join(', ');

export function isStream(body: unknown): body is Readable {
  return typeof body === 'object' && body !== null && Symbol.asyncIterator in body && 'pipe' in body;
}

/** The request's media type without parameters, lower case. */
export function mediaType(request: FastifyRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * The first check of every uploaded file (raw body, multipart part), before its bytes are read: it must be
 * declared as one of the image types or `application/pdf`, else 415 `unsupported_media_type`.
 * `checkUpload` then checks that the bytes are what was declared.
 */
export function assertDeclaredAssetType(type: string): asserts type is AssetContentType {
  if (!(ASSET_CONTENT_TYPES as readonly string[]).includes(type)) {
    throw new TesseraError(
      'unsupported_media_type',
      415,
      `${type === '' ? 'no Content-Type' : type} is not a type this server takes: send one of ${TYPES}`,
    );
  }
}

/**
 * `POST /v1/assets`: one image's or PDF's raw bytes → `<dataDir>/assets/<sha256>.<ext>`, served by
 * `GET /assets/:file`.
 * The body stays an unread stream until credentials and scope have been checked.
 */
export function registerAssetUploadRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  limits: AssetUploadLimits = { ...DEFAULT_ASSET_LIMITS, maxBytes: ctx.config.upload.maxFileBytes },
): void {
  const dir = join(ctx.config.dataDir, 'assets');
  // Encapsulated: the pass-through parser applies to this route only (any media type, so a wrong one is
  // answered 415 after authentication rather than before it).
  void app.register(async (scope) => {
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    scope.addHook('onRoute', (options) => {
      options.schema = { ...options.schema, description: DESCRIPTION };
    });
    addRoute(scope, assetRoutes.uploadAsset, async ({ request, principal }): Promise<AssetDto> => {
      const body = request.body;
      const type = mediaType(request);
      if (!isStream(body)) {
        throw new TesseraError('unsupported_media_type', 415, `send the raw bytes as one of ${TYPES}`);
      }
      assertDeclaredAssetType(type);
      if (Number(request.headers['content-length'] ?? 0) > limits.maxBytes) {
        throw new TesseraError(
          'payload_too_large',
          413,
          `the upload is larger than ${limits.maxBytes} bytes`,
        );
      }
      const bytes = await readLimited(body, limits.maxBytes);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      recordStreamBodyHash(request, sha256);
      const checked = await checkUpload(bytes, type, limits);
      const stored = await storeAsset(dir, bytes, sha256, checked.extension, {
        orgId: principal.orgId,
        accounting: ctx.quotas.assets,
      });
      return {
        uri: `/assets/${stored.file}`,
        width: checked.width,
        height: checked.height,
        content_hash: `sha256:${sha256}`,
        bytes: bytes.length,
      };
    });
  });
}
