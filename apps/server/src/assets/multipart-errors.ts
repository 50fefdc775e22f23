import { TesseraError } from '@tessera/core';

/**
 * The refusals of a multipart upload that a single upload cannot meet, each with a stable code (documented on
 * the route and in README): 413 `payload_too_large` (the whole request), `file_too_large` (one file part),
 * `too_many_files`; 400 `unexpected_field` (a part not named `file`), `filename_too_long`, `no_files`,
 * `multipart_invalid` (not a readable multipart body). The image checks keep their own codes.
 */
export type MultipartErrorCode =
  | 'payload_too_large'
  | 'file_too_large'
  | 'too_many_files'
  | 'unexpected_field'
  | 'filename_too_long'
  | 'no_files'
  | 'multipart_invalid';

const STATUS: Readonly<Record<MultipartErrorCode, number>> = {
  payload_too_large: 413,
  file_too_large: 413,
  too_many_files: 413,
  unexpected_field: 400,
  filename_too_long: 400,
  no_files: 400,
  multipart_invalid: 400,
};

/** Longest file name a part may carry, in UTF-8 bytes (most file systems' limit). */
export const MAX_FILENAME_BYTES = 255;

/** Longest field name echoed back in an error (the name itself may be up to a header block long). */
const ECHOED_NAME_CHARS = 100;

export function multipartError(
  code: MultipartErrorCode,
  detail: string,
  details: Record<string, unknown> = {},
  cause?: unknown,
): TesseraError {
  return new TesseraError(code, STATUS[code], detail, details, cause);
}

export const payloadTooLarge = (maxBytes: number): TesseraError =>
  multipartError('payload_too_large', `the request is larger than ${maxBytes} bytes`, {
    max_bytes: maxBytes,
  });

export const fileTooLarge = (part: number, name: string, maxBytes: number): TesseraError =>
  multipartError('file_too_large', `part ${part}: the file is larger than ${maxBytes} bytes`, {
    part,
    name,
    max_bytes: maxBytes,
  });

export const tooManyFiles = (maxFiles: number): TesseraError =>
  multipartError('too_many_files', `the request has more than ${maxFiles} file parts`, {
    max_files: maxFiles,
  });

export const filenameTooLong = (part: number): TesseraError =>
  multipartError(
    'filename_too_long',
    `part ${part}: the file name is longer than ${MAX_FILENAME_BYTES} bytes`,
    {
      part,
      max_bytes: MAX_FILENAME_BYTES,
    },
  );

export function unexpectedField(field: string | undefined): TesseraError {
  const name = (field ?? '').slice(0, ECHOED_NAME_CHARS);
  return multipartError(
    'unexpected_field',
    field === undefined
      ? 'a part has no field name: send every image as a file part named "file"'
      : `unexpected field ${JSON.stringify(name)}: send every image as a file part named "file"; no other fields are accepted`,
    { field: name },
  );
}

/** An error about one file part: its code and details are kept, the part's index and file name added. */
export function forPart(part: number, name: string, error: TesseraError): TesseraError {
  return new TesseraError(
    error.code,
    error.status,
    `part ${part} (${JSON.stringify(name)}): ${error.message}`,
    { ...error.details, part, name },
    error,
  );
}
