import Type, { type Static } from 'typebox';
import { Nullable } from '../common';
import { route } from './contract';

/** The media types an image upload may carry; the stored file's extension follows the decoded format. */
export const IMAGE_CONTENT_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type ImageContentType = (typeof IMAGE_CONTENT_TYPES)[number];

/** The media types a document upload may carry (stored as `<sha256>.pdf`, never parsed by the server). */
export const DOCUMENT_CONTENT_TYPES = ['application/pdf'] as const;
export type DocumentContentType = (typeof DOCUMENT_CONTENT_TYPES)[number];

/** Every media type an upload (`POST /v1/assets`, a part of `POST /v1/assets/form`) may be declared as. */
export const ASSET_CONTENT_TYPES = [...IMAGE_CONTENT_TYPES, ...DOCUMENT_CONTENT_TYPES] as const;
export type AssetContentType = (typeof ASSET_CONTENT_TYPES)[number];

/** A stored image or document: where it is served, an image's displayed size and its content hash. */
export const AssetDto = Type.Object({
  /** Server-relative URL (`/assets/<sha256>.<ext>`), usable as a task item's `uri`. */
  uri: Type.String(),
  /** An image's displayed size in pixels (EXIF orientation applied); null for a document (PDF). */
  width: Nullable(Type.Integer({ minimum: 1 })),
  height: Nullable(Type.Integer({ minimum: 1 })),
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

/** The field name of every file part of a multipart upload (`POST /v1/assets/form`). */
export const ASSET_FORM_FIELD = 'file';

/**
 * The multipart body of `POST /v1/assets/form`, for the OpenAPI document only: the server reads the parts
 * as a stream under its own caps (no JSON validator sees them), and the SDK's `uploadAssets` encodes them.
 */
export const AssetFormBody = Type.Object(
  {
    [ASSET_FORM_FIELD]: Type.Array(Type.String({ format: 'binary' }), {
      minItems: 1,
      description:
        'One part per file, each with a file name and the Content-Type of the file (image/png, image/jpeg, image/webp or application/pdf)',
    }),
  },
  { additionalProperties: false },
);

/** One file of a multipart upload: the stored asset, and the file name its part was sent with. */
export const FormAssetDto = Type.Object({
  /** The part's file name, without any path ('' when the part had none). */
  name: Type.String(),
  ...AssetDto.properties,
});
export type FormAssetDto = Static<typeof FormAssetDto>;

/** The files of a multipart upload, in the order of their parts. */
export const AssetFormDto = Type.Object({ assets: Type.Array(FormAssetDto) });
export type AssetFormDto = Static<typeof AssetFormDto>;

/**
 * Uploaded media. The body is the raw bytes of one image or PDF (no JSON), so the route declares no body schema:
 * the server registers a pass-through parser for it, and the SDK's generated method cannot send it (send
 * the bytes with `fetch` and the same credentials). No upload route declares a body schema (raw bytes, a zip,
 * multipart parts): the SDK sends each with a method of its own (`uploadAsset`, `uploadAssets`,
 * `uploadAssetArchive`).
 */
export const assetRoutes = {
  uploadAsset: route({
    operationId: 'uploadAsset',
    method: 'POST',
    path: '/v1/assets',
    tag: 'assets',
    summary: 'Upload one image or PDF (raw PNG, JPEG, WebP or PDF bytes); stored by content hash',
    response: AssetDto,
    status: 201,
    scope: 'tasks:write',
  }),
  uploadAssets: route({
    operationId: 'uploadAssets',
    method: 'POST',
    path: '/v1/assets/form',
    tag: 'assets',
    summary: 'Upload images and PDFs as multipart/form-data file parts named file; all are stored or none',
    response: AssetFormDto,
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
