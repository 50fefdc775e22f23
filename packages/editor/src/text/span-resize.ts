import type { AnnotationPayload } from '@tessera/schema';
import { checkSpanPlacement } from './span-rules';
import { findSpan, type TextContext, type TextEdit, withSpan } from './text-document';
import { type TextRange, trimWhitespace } from './text-range';
import { nextCodePoint, previousCodePoint, type Token, tokenIndexAt } from './tokenize';

export type SpanEdge = 'start' | 'end';
export type SpanResizeDirection = 'extend' | 'shrink';
/** `word` steps over whole tokens (words and punctuation; whitespace is skipped), `char` over code points. */
export type SpanResizeUnit = 'word' | 'char';

export interface SpanResize {
  readonly edge: SpanEdge;
  readonly direction: SpanResizeDirection;
  readonly unit: SpanResizeUnit;
}

const isSpace = (t: Token | undefined): boolean => t !== undefined && t.kind === 'space';

function forward(tokens: readonly Token[], i: number): Token | undefined {
  while (isSpace(tokens[i])) i++;
  return tokens[i];
}

function backward(tokens: readonly Token[], i: number): Token | undefined {
  while (i >= 0 && isSpace(tokens[i])) i--;
  return i >= 0 ? tokens[i] : undefined;
}

/** The boundary one word away from `edge` (a mid-word edge first moves to its word's boundary), or null. */
function wordStep(tokens: readonly Token[], range: TextRange, request: SpanResize): number | null {
  const { start, end } = range;
  if (request.edge === 'end') {
    if (request.direction === 'extend') return forward(tokens, tokenIndexAt(tokens, end))?.end ?? null;
    return end > 0 ? (backward(tokens, tokenIndexAt(tokens, end - 1) - 1)?.end ?? 0) : null;
  }
  if (request.direction === 'extend') {
    return start > 0 ? (backward(tokens, tokenIndexAt(tokens, start - 1))?.start ?? null) : null;
  }
  return forward(tokens, tokenIndexAt(tokens, start) + 1)?.start ?? end;
}

function charStep(text: string, range: TextRange, request: SpanResize): number | null {
  const at = request.edge === 'start' ? range.start : range.end;
  const towardEnd = (request.edge === 'end') === (request.direction === 'extend');
  const next = towardEnd ? nextCodePoint(text, at) : previousCodePoint(text, at);
  return next === at ? null : next;
}

/** The range after moving one edge by one unit, or null when that edge cannot move (the text's edge). */
export function resizedRange(ctx: TextContext, range: TextRange, request: SpanResize): TextRange | null {
  const moved =
    request.unit === 'word' ? wordStep(ctx.tokens, range, request) : charStep(ctx.text, range, request);
  if (moved === null) return null;
  return request.edge === 'start' ? { start: moved, end: range.end } : { start: range.start, end: moved };
}

/**
 * Moves one edge of a span by a word or a character, under the same rules as adding one; a span left with
 * only whitespace counts as empty.
 */
export function resizeSpan(
  ctx: TextContext,
  payload: AnnotationPayload,
  spanId: string,
  request: SpanResize,
): TextEdit {
  const found = findSpan(payload, spanId);
  if (found === null) return { ok: false, refusal: { code: 'no_such_span', spanId } };
  const range = resizedRange(ctx, found.span, request);
  if (range === null) return { ok: false, refusal: { code: 'outside_text', length: ctx.text.length } };
  const trimmed = trimWhitespace(ctx.text, range);
  if (trimmed.start >= trimmed.end) return { ok: false, refusal: { code: 'empty_range' } };
  const candidate = { ...range, class_id: found.span.class_id };
  const refusal = checkSpanPlacement(ctx.ontology, ctx.text.length, payload.spans, candidate, spanId);
  if (refusal !== null) return { ok: false, refusal };
  return { ok: true, payload: withSpan(payload, found.index, { ...found.span, ...range }), spanId };
}
