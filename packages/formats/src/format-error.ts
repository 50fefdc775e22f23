import type { Position } from './issue';

/** Stable codes of `FormatError`. */
export type FormatErrorCode =
  | 'format_syntax' // the document is not well-formed JSON / XML / YAML / text rows
  | 'format_limit' // a configured cap was crossed (size, depth, record length, entity references)
  | 'format_forbidden' // a construct refused on purpose (DTD, entity declarations, external entities)
  | 'format_invalid'; // well-formed but not this format (wrong top-level shape, missing required part)

/**
 * The one error class of @tessera/formats: the readers throw it for documents that cannot be read at all;
 * the importers catch it and return it as a fatal issue. Every other thrown error is a bug. Messages quote
 * no input beyond a short, escaped excerpt, so no file content (e.g. an external entity's) is echoed.
 */
export class FormatError extends Error {
  readonly code: FormatErrorCode;
  readonly status = 400;
  readonly position: Position | undefined;
  constructor(code: FormatErrorCode, message: string, position?: Position, options?: { cause?: unknown }) {
    super(position === undefined ? message : `${message} (${describePosition(position)})`, options);
    this.name = 'FormatError';
    this.code = code;
    this.position = position;
  }
}

export function describePosition(p: Position): string {
  const parts: string[] = [];
  if (p.file !== undefined) parts.push(p.file);
  if (p.path !== undefined) parts.push(p.path);
  if (p.line !== undefined) parts.push(`line ${p.line}${p.column === undefined ? '' : `:${p.column}`}`);
  else if (p.offset !== undefined) parts.push(`offset ${p.offset}`);
  return parts.join(' ');
}
