import { TesseraError } from '@tessera/core';

/**
 * What the server checks of an uploaded PDF: its magic bytes at offset 0 and an end-of-file marker near its
 * end, nothing else. The server never parses, renders or rasterises PDF content (it has no PDF library):
 * PDFs are opened only in the annotator's browser, by the viewer's sandboxed PDF.js.
 */

/** The media type a PDF must be declared as, and is served as. */
export const PDF_CONTENT_TYPE = 'application/pdf';

/** The extension a stored PDF gets: `<sha256>.pdf`. */
export const PDF_EXTENSION = 'pdf';

/**
 * How far before the end a PDF reader looks for `%%EOF`: Acrobat wants the marker somewhere in the last
 * 1,024 bytes (PDF Reference 1.7, Appendix H), so a file without it there was cut short.
 */
export const PDF_EOF_WINDOW = 1024;

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');
const EOF_MARKER = Buffer.from('%%EOF', 'latin1');

/** Whether the bytes start with `%PDF-` (at offset 0; junk before the header is not accepted). */
export function isPdf(bytes: Buffer): boolean {
  return bytes.length >= PDF_MAGIC.length && bytes.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC);
}

/** Whether a whole `%%EOF` marker lies within the last `PDF_EOF_WINDOW` bytes. */
export function hasEofMarker(bytes: Buffer): boolean {
  return bytes.subarray(Math.max(0, bytes.length - PDF_EOF_WINDOW)).includes(EOF_MARKER);
}

/** 415 `content_type_mismatch`: the bytes are of a type the upload was not declared as. */
export function contentTypeMismatch(declared: string, detected: string, what: string): TesseraError {
  return new TesseraError(
    'content_type_mismatch',
    415,
    `the body is ${what} but was sent as ${declared || '(no Content-Type)'}; send it as ${detected}`,
    { declared_type: declared, detected_type: detected },
  );
}

/** A checked PDF: stored as `<sha256>.pdf`; it has no pixel size, and its pages are not counted. */
export interface ProbedDocument {
  readonly format: 'pdf';
}

/**
 * Checks bytes that start with `%PDF-`: declared as anything but `application/pdf` they are 415
 * `content_type_mismatch`; without `%%EOF` in their last 1 KiB (a truncated download or upload) 422
 * `document_corrupt`. Reads no further: a file that passes may still be damaged inside, which the viewer
 * reports when it opens it.
 */
export function probeDocument(bytes: Buffer, declaredType: string): ProbedDocument {
  if (!isPdf(bytes)) {
    throw new TesseraError(
      'unsupported_media_type',
      415,
      'the body is not a PDF: it does not start with %PDF-',
    );
  }
  if (declaredType !== PDF_CONTENT_TYPE) {
    throw contentTypeMismatch(declaredType, PDF_CONTENT_TYPE, 'a PDF document');
  }
  if (!hasEofMarker(bytes)) {
    throw new TesseraError(
      'document_corrupt',
      422,
      `the PDF is truncated: it has no %%EOF marker in its last ${PDF_EOF_WINDOW} bytes`,
      { eof_window: PDF_EOF_WINDOW },
    );
  }
  return { format: 'pdf' };
}
