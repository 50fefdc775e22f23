import { splitsSurrogatePair, type Token, tokenIndexAt } from './tokenize';

/** A half-open [start, end) range of UTF-16 code units. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

const WHITESPACE = /\s/;

/**
 * Turns a raw selection (either direction, possibly outside the text or inside a surrogate pair) into the range
 * a span should cover: ordered, clamped to the text, widened to whole code points, trimmed of surrounding
 * whitespace and, with `snapToWords`, widened to whole words. An empty result has start === end.
 */
export function normalizeRange(
  text: string,
  tokens: readonly Token[],
  anchor: number,
  focus: number,
  snapToWords: boolean,
): TextRange {
  const clamp = (n: number): number => Math.min(Math.max(Math.trunc(n), 0), text.length);
  let start = clamp(Math.min(anchor, focus));
  let end = clamp(Math.max(anchor, focus));
  if (splitsSurrogatePair(text, start)) start -= 1;
  if (splitsSurrogatePair(text, end)) end += 1;
  const trimmed = trimWhitespace(text, { start, end });
  return snapToWords ? snapRangeToWords(tokens, trimmed) : trimmed;
}

/** The range without leading and trailing whitespace (all whitespace is in the BMP, one code unit each). */
export function trimWhitespace(text: string, range: TextRange): TextRange {
  let { start, end } = range;
  while (start < end && WHITESPACE.test(text[start]!)) start++;
  while (end > start && WHITESPACE.test(text[end - 1]!)) end--;
  return start === end ? { start, end: start } : { start, end };
}

/** Widens a non-empty range so it never cuts a word token in two; punctuation and spaces are left as they are. */
export function snapRangeToWords(tokens: readonly Token[], range: TextRange): TextRange {
  if (range.start >= range.end) return range;
  const first = tokens[tokenIndexAt(tokens, range.start)];
  const last = tokens[tokenIndexAt(tokens, range.end - 1)];
  const start = first !== undefined && first.kind === 'word' ? first.start : range.start;
  const end = last !== undefined && last.kind === 'word' ? last.end : range.end;
  return { start, end };
}

/** Do the two half-open ranges share at least one code unit? Touching ranges do not overlap. */
export function rangesOverlap(a: TextRange, b: TextRange): boolean {
  return a.start < b.end && b.start < a.end;
}
