import type { TesseraClient } from '@tessera/client';
import type { AssetContentType, AssetDto } from '@tessera/schema';
import { sniffImageType } from './image-files';

/** Sends one image's or PDF's bytes to `POST /v1/assets`. */
export type UploadAsset = (file: Blob, type: AssetContentType, signal?: AbortSignal) => Promise<AssetDto>;

/**
 * Uploads through the SDK (raw bytes; the session's fetch adds the CSRF token). An image is sent as the type
 * its first bytes name (a JPEG saved as .png is still a JPEG), else the one given; a PDF is always sent as
 * `application/pdf`, so a file that is not one is refused by the server rather than stored as something
 * else. Uploads are stored by content hash, so the SDK's retries (network failure, 429, 5xx) can never store
 * anything twice.
 */
export function createAssetUploader(client: TesseraClient): UploadAsset {
  return async (file, type, signal) => {
    const sniffed =
      type === 'application/pdf'
        ? null
        : sniffImageType(new Uint8Array(await file.slice(0, 12).arrayBuffer()));
    return client.uploadAsset(file, sniffed ?? type, signal ? { signal } : {});
  };
}
