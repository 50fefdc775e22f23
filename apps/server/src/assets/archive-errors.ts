import { TesseraError } from '@tessera/core';

/**
 * The refusals of an archive upload, each with a stable code (documented on the route and in README):
 * 413 `archive_too_many_entries`, `archive_too_large` (inflated total), `archive_entry_too_large`;
 * 422 `archive_bomb` (compression ratio, overlapping entries), `archive_nested`, `archive_unsafe_entry`
 * (zip slip: traversal, absolute, drive letter, backslash, links and special files), `archive_invalid`,
 * `archive_unsupported` (encryption, methods other than stored/deflate, multi-disk), `archive_empty`.
 */
export type ArchiveErrorCode =
  | 'archive_too_many_entries'
  | 'archive_too_large'
  | 'archive_entry_too_large'
  | 'archive_bomb'
  | 'archive_nested'
  | 'archive_unsafe_entry'
  | 'archive_invalid'
  | 'archive_unsupported'
  | 'archive_empty';

const STATUS: Readonly<Record<ArchiveErrorCode, number>> = {
  archive_too_many_entries: 413,
  archive_too_large: 413,
  archive_entry_too_large: 413,
  archive_bomb: 422,
  archive_nested: 422,
  archive_unsafe_entry: 422,
  archive_invalid: 422,
  archive_unsupported: 422,
  archive_empty: 422,
};

export function archiveError(
  code: ArchiveErrorCode,
  detail: string,
  details: Record<string, unknown> = {},
  cause?: unknown,
): TesseraError {
  return new TesseraError(code, STATUS[code], detail, details, cause);
}

/** An error about one entry: its code and details are kept, the entry's path is added to both. */
export function forEntry(entry: string, error: TesseraError): TesseraError {
  return new TesseraError(
    error.code,
    error.status,
    `${entry}: ${error.message}`,
    { ...error.details, entry },
    error,
  );
}
