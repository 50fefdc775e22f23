import Type, { type Static } from 'typebox';
import { route } from './contract';

/** The media types an image upload may carry; the stored file's extension follows the decoded format. */
export const ASSET_CONTENT_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type AssetContentType = (typeof ASSET_CONTENT_TYPES)[number];

/** A stored image: where it is served, its displayed size and its content hash. */
export const AssetDto = Type.Object({
  /** Server-relative URL (`/assets/<sha256>.<ext>`), usable as a task item's `uri`. */
  uri: Type.String(),
  /** Displayed size in pixels (EXIF orientation applied). */
  width: Type.Integer({ minimum: 1 }),
  height: Type.Integer({ minimum: 1 }),
  /** `sha256:<hex>` of the stored bytes; the same bytes always give the same file. */
  content_hash: Type.String(),
  /** Size of the stored file in bytes. */
  bytes: Type.Integer({ minimum: 1 }),
});
export type AssetDto = Static<typeof AssetDto>;

/** The media types a zip of images may be sent as (`POST /v1/assets/archive`). */
export const ARCHIVE_CONTENT_TYPES = ['application/zip', 'application/x-zip-compressed'] as const;

/** One image of an uploaded zip: the stored asset, and the path of the entry it came from. */
export const ArchiveAssetDto = Type.Object({
  /** The entry's path inside the zip. */
  entry: Type.String(),
  ...AssetDto.properties,
});
export type ArchiveAssetDto = Static<typeof ArchiveAssetDto>;

/** The images of an uploaded zip, in the order of its central directory (directories are skipped). */
export const AssetArchiveDto = Type.Object({ assets: Type.Array(ArchiveAssetDto) });
export type AssetArchiveDto = Static<typeof AssetArchiveDto>;

/**
 * Uploaded media. The body is the raw bytes of one image (no JSON), so the route declares no body schema:
 * the server registers a pass-through parser for it, and the SDK's generated method cannot send it (send
 * the bytes with `fetch` and the same credentials).
 */
export const assetRoutes = {
  uploadAsset: route({
    operationId: 'uploadAsset',
    method: 'POST',
    path: '/v1/assets',
    tag: 'assets',
    summary: 'Upload one image (raw PNG, JPEG or WebP bytes); stored by content hash',
    response: AssetDto,
    status: 201,
    scope: 'tasks:write',
  }),
  uploadAssetArchive: route({
    operationId: 'uploadAssetArchive',
    method: 'POST',
    path: '/v1/assets/archive',
    tag: 'assets',
    summary: 'Upload a zip of images (raw application/zip bytes); all are stored or none',
    response: AssetArchiveDto,
    status: 201,
    scope: 'tasks:write',
  }),
} as const;
