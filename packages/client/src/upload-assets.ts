import { ASSET_FORM_FIELD, type AssetContentType } from '@tessera/schema';
import { uuidV4 } from './uuid';

/** One image or PDF for `uploadAssets`: its file name, its type (an image type or `application/pdf`), its bytes. */
export interface AssetFile {
  readonly name: string;
  readonly type: AssetContentType;
  readonly bytes: Blob | Uint8Array<ArrayBuffer>;
}

/** A multipart/form-data body, ready to send (and to send again byte for byte). */
export interface EncodedForm {
  readonly contentType: string;
  readonly body: Blob;
}

/** As browsers write a file name into a part header (WHATWG HTML, multipart/form-data encoding). */
function quoted(name: string): string {
  return name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * The files as one multipart/form-data body (RFC 7578), a file part named `file` each. Built here rather
 * than with `FormData`, whose boundary is new on every send: a retry must carry the same bytes for its
 * Idempotency-Key to be recognised, so the boundary is fixed once per call. A Blob, so Node and browsers
 * send it as it is, without copying the files.
 */
export function encodeAssetForm(files: readonly AssetFile[], boundary = `tessera-${uuidV4()}`): EncodedForm {
  const parts: (string | Blob | Uint8Array<ArrayBuffer>)[] = [];
  for (const file of files) {
    parts.push(
      `--${boundary}\r\n`,
      `Content-Disposition: form-data; name="${ASSET_FORM_FIELD}"; filename="${quoted(file.name)}"\r\n`,
      `Content-Type: ${file.type}\r\n\r\n`,
      file.bytes,
      '\r\n',
    );
  }
  parts.push(`--${boundary}--\r\n`);
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: new Blob(parts) };
}
