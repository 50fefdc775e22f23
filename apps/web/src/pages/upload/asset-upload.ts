import type { TesseraClient } from '@tessera/client';
import type { AssetContentType, AssetDto } from '@tessera/schema';

/** Sends one image's bytes to `POST /v1/assets`. */
export type UploadAsset = (file: Blob, type: AssetContentType, signal?: AbortSignal) => Promise<AssetDto>;

/**
 * Image uploads through the SDK (raw bytes; the session's fetch adds the CSRF token). Uploads are stored by
 * content hash, so the SDK's retries (network failure, 429, 5xx) can never store anything twice.
 */
export function createAssetUploader(client: TesseraClient): UploadAsset {
  return (file, type, signal) => client.uploadAsset(file, type, signal ? { signal } : {});
}
