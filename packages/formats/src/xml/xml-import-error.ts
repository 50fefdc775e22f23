import { FormatError } from '../format-error';
import type { Issue } from '../issue';

/** A FormatError as an error issue of `file` (its message names no document content beyond names). */
export function formatErrorIssue(err: FormatError, file?: string): Issue {
  const position = { ...(file === undefined ? {} : { file }), ...(err.position ?? {}) };
  return {
    severity: 'error',
    code: err.code,
    message: err.message,
    ...(Object.keys(position).length > 0 ? { position } : {}),
  };
}

export function isFormatError(err: unknown): err is FormatError {
  return err instanceof FormatError;
}
