import type { Span } from './types';

/** Length of a half-open span [start, end); an inverted span has length 0. */
export function spanLength(s: Span): number {
  return Math.max(0, s.end - s.start);
}

/** Length of the overlap of two half-open spans (0 when they are disjoint or merely touch). */
export function spanOverlap(a: Span, b: Span): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/** Overlap over union of two spans; 0 when the union is empty (two empty spans). */
export function spanIou(a: Span, b: Span): number {
  const inter = spanOverlap(a, b);
  if (inter === 0) return 0;
  return inter / (spanLength(a) + spanLength(b) - inter);
}

/**
 * True when the spans share at least one code unit. Half-open, so touching spans ([0,3) and [3,5)) do not
 * overlap. Choice: an empty span overlaps nothing, not even a span that contains its position.
 */
export function spansOverlap(a: Span, b: Span): boolean {
  return Math.max(a.start, b.start) < Math.min(a.end, b.end);
}

/**
 * True when the span is a valid span of a text of `textLength` UTF-16 code units: integer bounds with
 * 0 ≤ start ≤ end ≤ textLength. Empty spans are allowed (whether an annotation may be empty is the
 * validator's call). Surrogate-pair splitting needs the text itself and is not checked here.
 */
export function spanInside(s: Span, textLength: number): boolean {
  return (
    Number.isInteger(s.start) &&
    Number.isInteger(s.end) &&
    0 <= s.start &&
    s.start <= s.end &&
    s.end <= textLength
  );
}
