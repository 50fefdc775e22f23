import { TesseraError } from '@tessera/core';
import { contentTypeMismatch, isPdf, PDF_CONTENT_TYPE, PDF_EXTENSION, probeDocument } from './document-probe';
import { SNIFFED_CONTENT_TYPES, sniffImageFormat } from './image-container';
import { IMAGE_EXTENSIONS, type ImageLimits, probeImage } from './image-probe';

/** An upload that passed its checks: the extension it is stored under, and an image's displayed size. */
export interface CheckedUpload {
  /** `png`, `jpg`, `webp` or `pdf`: the file is stored as `<sha256>.<extension>`. */
  readonly extension: string;
  /** An image's displayed size in pixels; null for a PDF (the server does not open it). */
  readonly width: number | null;
  readonly height: number | null;
}

const IMAGE_NAMES = { png: 'a PNG image', jpeg: 'a JPEG image', webp: 'a WebP image' } as const;

/** Bytes declared as a PDF that do not start with `%PDF-`: another format it names, or none it takes. */
function notAPdf(bytes: Buffer): TesseraError {
  const image = sniffImageFormat(bytes);
  if (image !== null) {
    return contentTypeMismatch(PDF_CONTENT_TYPE, SNIFFED_CONTENT_TYPES[image], IMAGE_NAMES[image]);
  }
  return new TesseraError(
    'unsupported_media_type',
    415,
    'the body is not a PDF: it does not start with %PDF-',
  );
}

/**
 * The checks of one uploaded file (a raw `POST /v1/assets` body, a part of `POST /v1/assets/form`), whose
 * declared type is already one the server takes. The magic bytes decide what it is: `%PDF-` at offset 0 is a
 * PDF (`probeDocument`: declared as `application/pdf`, `%%EOF` near its end), anything else is checked as
 * an image (`probeImage`: magic bytes, frames, pixels, a full decode). A type other than the one the bytes
 * are is 415 `content_type_mismatch` either way, so an HTML/JS polyglot that starts with `%PDF-` can only ever be
 * stored, and served, as a PDF.
 */
export async function checkUpload(
  bytes: Buffer,
  declaredType: string,
  limits: ImageLimits,
): Promise<CheckedUpload> {
  if (isPdf(bytes)) {
    probeDocument(bytes, declaredType);
    return { extension: PDF_EXTENSION, width: null, height: null };
  }
  if (declaredType === PDF_CONTENT_TYPE) throw notAPdf(bytes);
  const image = await probeImage(bytes, declaredType, limits);
  return { extension: IMAGE_EXTENSIONS[image.format], width: image.width, height: image.height };
}
