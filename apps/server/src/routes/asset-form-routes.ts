import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TesseraError } from '@tessera/core';
import { AssetFormBody, type AssetFormDto, assetRoutes, type FormAssetDto } from '@tessera/schema';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { openStaging } from '../assets/archive-staging';
import type { StoredAsset } from '../assets/asset-store';
import { type CheckedUpload, checkUpload } from '../assets/document-upload-check';
import type { ImageLimits } from '../assets/image-probe';
import { forPart, payloadTooLarge } from '../assets/multipart-errors';
import type { UploadLimits } from '../assets/multipart-limits';
import { type StagedForm, type StagedPart, stageMultipart } from '../assets/multipart-reader';
import { storeAllOrNone } from '../assets/multipart-store';
import { addRoute, type RouteInput } from '../http/route-kit';
import { recordStreamBodyHash } from '../idempotency/idempotency-hooks';
import type { AssetAccounting } from '../quotas/asset-accounting';
import { assertDeclaredAssetType, DEFAULT_ASSET_LIMITS, isStream, mediaType } from './asset-upload-routes';

/** Per-request staging folders live under `<data>/upload-staging` and are removed when the request ends. */
export const UPLOAD_STAGING_DIR = 'upload-staging';

const MULTIPART = 'multipart/form-data';

function description(limits: UploadLimits): string {
  return [
    'Body: `multipart/form-data` (what `curl -F file=@a.png -F file=@b.jpg`, an HTML form or `FormData` send)',
    'with one or more file parts, each named `file`, carrying a file name and the Content-Type of its file',
    '(`image/png`, `image/jpeg`, `image/webp` or `application/pdf`). No other field is accepted: a part of',
    'another name is 400 `unexpected_field`, a file name over 255 bytes 400 `filename_too_long`, a form',
    'without a file part 400 `no_files`, a body that is not complete multipart 400 `multipart_invalid`. Each part is streamed to disk',
    `and capped: a part over ${limits.maxFileBytes} bytes (the single-upload limit) is 413 \`file_too_large\``,
    `(with its \`part\` index and \`name\`), more than ${limits.maxFiles} file parts 413 \`too_many_files\`, a`,
    `request over ${limits.maxBodyBytes} bytes 413 \`payload_too_large\`; reading stops at the first refusal`,
    'and the connection is closed. Every file then passes exactly the checks of `POST /v1/assets` (its',
    'part Content-Type is its declared type) and is refused with the same codes plus `part` and `name`. All',
    'or nothing: when any part is refused, or the storage quota cannot take them all (413 `quota_exceeded`),',
    'nothing is stored. The response lists the stored files in part order. A retry under the same',
    'Idempotency-Key must send the same bytes (the same boundary), as the SDK method `uploadAssets` does.',
  ].join(' ');
}

interface CheckedPart {
  readonly staged: StagedPart;
  readonly checked: CheckedUpload;
}

/** Every staged part through the checks of a single upload, in part order; the first refusal names its part. */
async function checkParts(parts: readonly StagedPart[], limits: ImageLimits): Promise<CheckedPart[]> {
  const checked: CheckedPart[] = [];
  for (const staged of parts) {
    try {
      assertDeclaredAssetType(staged.declaredType);
      checked.push({
        staged,
        checked: await checkUpload(await readFile(staged.path), staged.declaredType, limits),
      });
    } catch (error) {
      throw error instanceof TesseraError ? forPart(staged.part, staged.name, error) : error;
    }
  }
  return checked;
}

interface FormDeps {
  readonly limits: UploadLimits;
  readonly imageLimits: ImageLimits;
  readonly assetsDir: string;
  readonly stagingRoot: string;
  readonly accounting: AssetAccounting;
}

/** The staged parts checked as single uploads, then stored all or none; the answer lists them in part order. */
async function importForm(form: StagedForm, deps: FormDeps, orgId: string): Promise<AssetFormDto> {
  const parts = await checkParts(form.parts, deps.imageLimits);
  const files = parts.map(({ staged, checked }) => ({
    path: staged.path,
    sha256: staged.sha256,
    bytes: staged.bytes,
    extension: checked.extension,
  }));
  const stored = await storeAllOrNone(deps.assetsDir, files, { orgId, accounting: deps.accounting });
  const assets = parts.map(
    ({ staged, checked }, i): FormAssetDto => ({
      name: staged.name,
      uri: `/assets/${(stored[i] as StoredAsset).file}`,
      width: checked.width,
      height: checked.height,
      content_hash: `sha256:${staged.sha256}`,
      bytes: staged.bytes,
    }),
  );
  return { assets };
}

function formHandler(deps: FormDeps) {
  const { limits } = deps;
  return async ({ request, reply, principal }: RouteInput<typeof assetRoutes.uploadAssets>) => {
    const body = request.body;
    if (!isStream(body) || mediaType(request) !== MULTIPART) {
      throw new TesseraError(
        'unsupported_media_type',
        415,
        'send the images and PDFs as multipart/form-data file parts',
      );
    }
    if (Number(request.headers['content-length'] ?? 0) > limits.maxBodyBytes) {
      void reply.header('connection', 'close');
      throw payloadTooLarge(limits.maxBodyBytes);
    }
    const staging = await openStaging(deps.stagingRoot);
    try {
      const contentType = String(request.headers['content-type']);
      const form = await stageMultipart(body, contentType, staging, limits).catch((error: unknown) => {
        // Reading stopped part-way: the rest of the body is never read, so the connection cannot be reused.
        if (!body.readableEnded) void reply.header('connection', 'close');
        throw error;
      });
      recordStreamBodyHash(request, form.bodySha256);
      return await importForm(form, deps, principal.orgId);
    } finally {
      await staging.remove();
    }
  };
}

/**
 * `POST /v1/assets/form`: images and PDFs as multipart/form-data file parts → each stored as by
 * `POST /v1/assets`, all or none. A route of its own rather than a second media type of `POST /v1/assets`:
 * the contract gives a route one response shape (one asset there, a list here) and the SDK one method per
 * route.
 */
export function registerAssetFormRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  imageLimits: ImageLimits = DEFAULT_ASSET_LIMITS,
): void {
  const limits = ctx.config.upload;
  const deps: FormDeps = {
    limits,
    imageLimits,
    assetsDir: join(ctx.config.dataDir, 'assets'),
    stagingRoot: join(ctx.config.dataDir, UPLOAD_STAGING_DIR),
    accounting: ctx.quotas.assets,
  };
  void app.register(async (scope) => {
    // Encapsulated: the body stays an unread stream until credentials and scope have been checked.
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    scope.addHook('onRoute', (options) => {
      const schema = { ...options.schema, description: description(limits), consumes: [MULTIPART] };
      options.schema = { ...schema, body: AssetFormBody };
      // The body schema documents the parts in OpenAPI; the handler reads them from the stream under the caps.
      options.validatorCompiler = () => () => true;
    });
    addRoute(scope, assetRoutes.uploadAssets, formHandler(deps));
  });
}
