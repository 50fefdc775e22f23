import { createHash } from 'node:crypto';
import { TesseraError } from '@tessera/core';

/** Longest id a token may carry (ids the API issues are far shorter). */
const MAX_ID_CHARS = 256;

/** Filters a cursor was issued under: a token reused with other filters is refused. */
export type CursorFilters = Readonly<Record<string, unknown>>;

/** A keyset position: the last row's integer sort key (a timestamp) and its id. */
export interface KeysetPosition {
  readonly key: number;
  readonly id: string;
}

function filterHash(filters: CursorFilters): string {
  const canonical = JSON.stringify(
    Object.keys(filters)
      .sort()
      .map((k) => [k, filters[k] ?? null]),
  );
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 12);
}

/** Opaque token: base64url of the last sort key, its id and a hash of the filters. */
export function encodeKeyset(position: KeysetPosition, filters: CursorFilters): string {
  return Buffer.from(JSON.stringify([position.key, position.id, filterHash(filters)])).toString('base64url');
}

/**
 * Reads a token `encodeKeyset` issued under the same filters; anything else is a 400 with `code`. The sort key
 * goes to SQL as a BIGINT and the id as text: a fraction, an unsafe integer or U+0000 (which PostgreSQL text
 * cannot hold) would fail inside the database, so they are refused here like any bad token.
 */
export function decodeKeyset(
  token: string,
  filters: CursorFilters,
  error: { readonly code: string; readonly param: string },
): KeysetPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    !Number.isSafeInteger(parsed[0]) ||
    typeof parsed[1] !== 'string' ||
    parsed[1].length > MAX_ID_CHARS ||
    parsed[1].includes('\u0000')
  ) {
    throw new TesseraError(error.code, 400, `${error.param} is not a token this API issued`);
  }
  if (parsed[2] !== filterHash(filters)) {
    throw new TesseraError(error.code, 400, `${error.param} was issued for different filters`);
  }
  return { key: parsed[0], id: parsed[1] };
}

const NEXT_TOKEN = { code: 'invalid_next_token', param: 'next_token' } as const;

/** Opaque `next_token` of the list routes: the last row's (created_at, id). */
export function encodeCursor(createdAt: number, id: string, filters: CursorFilters): string {
  return encodeKeyset({ key: createdAt, id }, filters);
}

export function decodeCursor(token: string, filters: CursorFilters): { createdAt: number; id: string } {
  const { key, id } = decodeKeyset(token, filters, NEXT_TOKEN);
  return { createdAt: key, id };
}

export interface ListPage<D> {
  readonly docs: D[];
  readonly limit: number;
  readonly has_more: boolean;
  readonly next_token: string | null;
}

/**
 * One page of a list read with `limit + 1` rows (the extra row only says whether there is more): the first
 * `limit` as DTOs, and the token of the next page, positioned at the last row shown.
 */
export function keysetPage<T, D>(
  rows: readonly T[],
  limit: number,
  filters: CursorFilters,
  position: (row: T) => { readonly createdAt: number; readonly id: string },
  toDto: (row: T) => D,
): ListPage<D> {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const hasMore = rows.length > limit && last !== undefined;
  const at = hasMore ? position(last) : null;
  return {
    docs: page.map(toDto),
    limit,
    has_more: hasMore,
    next_token: at === null ? null : encodeCursor(at.createdAt, at.id, filters),
  };
}

/** The position of a row that carries its own `createdAt` and `id`. */
export const rowPosition = (row: { readonly createdAt: number; readonly id: string }) => row;
