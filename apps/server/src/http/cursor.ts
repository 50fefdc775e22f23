import { createHash } from 'node:crypto';
import { TesseraError } from '@tessera/core';

/** Filters a cursor was issued under: a token reused with other filters is refused. */
export type CursorFilters = Readonly<Record<string, unknown>>;

function filterHash(filters: CursorFilters): string {
  const canonical = JSON.stringify(
    Object.keys(filters)
      .sort()
      .map((k) => [k, filters[k] ?? null]),
  );
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 12);
}

/** Opaque `next_token`: base64url of the last sort key (created_at, id) and a hash of the filters. */
export function encodeCursor(createdAt: number, id: string, filters: CursorFilters): string {
  return Buffer.from(JSON.stringify([createdAt, id, filterHash(filters)])).toString('base64url');
}

export function decodeCursor(token: string, filters: CursorFilters): { createdAt: number; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    typeof parsed[0] !== 'number' ||
    typeof parsed[1] !== 'string'
  ) {
    throw new TesseraError('invalid_next_token', 400, 'next_token is not a token this API issued');
  }
  if (parsed[2] !== filterHash(filters)) {
    throw new TesseraError('invalid_next_token', 400, 'next_token was issued for different filters');
  }
  return { createdAt: parsed[0], id: parsed[1] };
}
