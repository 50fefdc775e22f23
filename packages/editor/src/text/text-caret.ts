import type { TextRange } from './text-range';
import { type Token, tokenIndexAt } from './tokenize';

/**
 * The keyboard selection: a run of tokens from `anchor` to `focus` (indexes into the token list, either order,
 * always words or punctuation, never whitespace). A collapsed caret (anchor === focus) selects one token, so a
 * class key labels the word under the caret. Arrows move `focus` by one token; Shift+arrows keep `anchor`.
 */
export interface TextCaret {
  readonly anchor: number;
  readonly focus: number;
}

export type TextCaretDirection = -1 | 1;

const isStop = (t: Token | undefined): boolean => t !== undefined && t.kind !== 'space';

/** The nearest non-space token from index `from` in `direction` (including `from`), or -1. */
function stopFrom(tokens: readonly Token[], from: number, direction: TextCaretDirection): number {
  let i = from;
  while (i >= 0 && i < tokens.length && !isStop(tokens[i])) i += direction;
  return i >= 0 && i < tokens.length ? i : -1;
}

/** A collapsed caret on the token at `offset`, or on the nearest token after it (else before it); null if none. */
export function caretAtOffset(tokens: readonly Token[], offset: number): TextCaret | null {
  const at = Math.min(tokenIndexAt(tokens, offset), tokens.length - 1);
  let i = stopFrom(tokens, at, 1);
  if (i < 0) i = stopFrom(tokens, at, -1);
  return i < 0 ? null : { anchor: i, focus: i };
}

/** The caret selecting every token a range touches (whitespace at its ends left out); null if there is none. */
export function caretForRange(tokens: readonly Token[], range: TextRange): TextCaret | null {
  if (range.start >= range.end) return caretAtOffset(tokens, range.start);
  const first = stopFrom(tokens, tokenIndexAt(tokens, range.start), 1);
  const last = stopFrom(tokens, tokenIndexAt(tokens, range.end - 1), -1);
  if (first < 0 || last < 0 || first > last) return caretAtOffset(tokens, range.start);
  return { anchor: first, focus: last };
}

/**
 * Moves the caret's focus one token in `direction` (staying put at either end of the text); with `extend` the
 * anchor stays, otherwise the caret collapses onto the new token. From no caret, it lands on the first token
 * (moving forward) or the last one (moving back).
 */
export function moveCaret(
  tokens: readonly Token[],
  caret: TextCaret | null,
  direction: TextCaretDirection,
  extend: boolean,
): TextCaret | null {
  if (caret === null) {
    const i = direction === 1 ? stopFrom(tokens, 0, 1) : stopFrom(tokens, tokens.length - 1, -1);
    return i < 0 ? null : { anchor: i, focus: i };
  }
  const next = stopFrom(tokens, caret.focus + direction, direction);
  const focus = next < 0 ? caret.focus : next;
  return { anchor: extend ? caret.anchor : focus, focus };
}

/** The characters the caret selects, from the start of its first token to the end of its last. */
export function caretRange(tokens: readonly Token[], caret: TextCaret): TextRange {
  const first = tokens[Math.min(caret.anchor, caret.focus)];
  const last = tokens[Math.max(caret.anchor, caret.focus)];
  if (first === undefined || last === undefined) return { start: 0, end: 0 };
  return { start: first.start, end: last.end };
}
