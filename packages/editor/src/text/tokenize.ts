/**
 * Splits a text into tokens for the text editor: words (letters, digits, combining marks, connector
 * punctuation), runs of whitespace, and everything else one code point at a time (punctuation, symbols,
 * emoji). Offsets are UTF-16 code units, like the spans of `AnnotationPayload`; a surrogate pair is never
 * split, since the pattern runs in Unicode mode.
 */
export type TokenKind = 'word' | 'space' | 'punct';

export interface Token {
  readonly kind: TokenKind;
  /** First code unit, inclusive. */
  readonly start: number;
  /** Last code unit, exclusive. */
  readonly end: number;
}

const TOKEN = /([\p{L}\p{N}\p{M}\p{Pc}]+)|(\s+)|[\s\S]/gu;

/** Tokens in text order; together they cover the whole text without gaps. */
export function tokenize(text: string): readonly Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index;
    const kind: TokenKind = match[1] !== undefined ? 'word' : match[2] !== undefined ? 'space' : 'punct';
    tokens.push({ kind, start, end: start + match[0].length });
  }
  return tokens;
}

/**
 * Index of the token that contains `offset` (the one starting at it, at a boundary), or `tokens.length` when
 * `offset` is at or after the end of the text. O(log n).
 */
export function tokenIndexAt(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const isHigh = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** True when `offset` falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return (
    offset > 0 &&
    offset < text.length &&
    isHigh(text.charCodeAt(offset - 1)) &&
    isLow(text.charCodeAt(offset))
  );
}

/** The offset of the next code point boundary after `offset` (at most `text.length`). */
export function nextCodePoint(text: string, offset: number): number {
  if (offset >= text.length) return text.length;
  return splitsSurrogatePair(text, offset + 1) ? offset + 2 : offset + 1;
}

/** The offset of the previous code point boundary before `offset` (at least 0). */
export function previousCodePoint(text: string, offset: number): number {
  if (offset <= 0) return 0;
  return splitsSurrogatePair(text, offset - 1) ? offset - 2 : offset - 1;
}
