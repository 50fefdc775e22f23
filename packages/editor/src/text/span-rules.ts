import type { LabeledSpan } from '@tessera/schema';
import { allowsOverlap, type TextOntology } from './text-ontology';
import { rangesOverlap, type TextRange } from './text-range';

/** Why the editor refused an edit; a value the UI turns into a message, never an exception. */
export type TextRefusal =
  | { readonly code: 'empty_range' }
  | { readonly code: 'outside_text'; readonly length: number }
  | { readonly code: 'unknown_class'; readonly classId: string }
  | { readonly code: 'not_a_span_class'; readonly classId: string }
  | { readonly code: 'not_a_document_class'; readonly classId: string }
  | { readonly code: 'overlap'; readonly spanId: string; readonly classId: string }
  | { readonly code: 'duplicate'; readonly spanId: string }
  | { readonly code: 'no_such_span'; readonly spanId: string }
  | { readonly code: 'no_selection' }
  | { readonly code: 'read_only' };

/** A span as placed: its range and class. */
export interface SpanPlacement extends TextRange {
  readonly class_id: string;
}

/** The class may label spans, or why not. */
export function checkSpanClass(ontology: TextOntology, classId: string): TextRefusal | null {
  const def = ontology.byId.get(classId);
  if (def === undefined) return { code: 'unknown_class', classId };
  return def.geometries.includes('span') ? null : { code: 'not_a_span_class', classId };
}

/**
 * Whether `candidate` may sit among `spans` (the span with id `ignoreId`, the one being edited, excluded),
 * with the server's rules: a span class, a non-empty range inside the text, and no overlap with another span
 * unless both classes allow overlap (touching is fine; empty spans overlap nothing). One more rule of the editor's own: the same range with
 * the same class twice is refused as a `duplicate` (the server would accept it when the class allows overlap).
 * O(spans).
 */
export function checkSpanPlacement(
  ontology: TextOntology,
  textLength: number,
  spans: readonly LabeledSpan[],
  candidate: SpanPlacement,
  ignoreId: string | null,
): TextRefusal | null {
  const classRefusal = checkSpanClass(ontology, candidate.class_id);
  if (classRefusal !== null) return classRefusal;
  if (candidate.start >= candidate.end) return { code: 'empty_range' };
  if (candidate.start < 0 || candidate.end > textLength) return { code: 'outside_text', length: textLength };
  const strict = !allowsOverlap(ontology, candidate.class_id);
  for (const other of spans) {
    if (other.id === ignoreId || other.start >= other.end || !rangesOverlap(other, candidate)) continue;
    if (
      other.start === candidate.start &&
      other.end === candidate.end &&
      other.class_id === candidate.class_id
    ) {
      return { code: 'duplicate', spanId: other.id };
    }
    if (strict || !allowsOverlap(ontology, other.class_id)) {
      return { code: 'overlap', spanId: other.id, classId: other.class_id };
    }
  }
  return null;
}

/**
 * The indexes of `spans` the server reports as `overlapping_spans` (core's `checkSpanRanges`): sorted by
 * start (ties by index), each non-empty span that starts before the furthest end seen so far among all spans
 * (when its class forbids overlap) or among spans whose class forbids overlap (when it allows it). Lets the
 * workspace mark pre-labels that would fail the submit. O(n log n).
 */
export function overlappingSpanIndexes(
  spans: readonly LabeledSpan[],
  ontology: TextOntology,
): ReadonlySet<number> {
  const order: number[] = [];
  for (let i = 0; i < spans.length; i++) if (spans[i]!.start < spans[i]!.end) order.push(i);
  order.sort((a, b) => spans[a]!.start - spans[b]!.start || a - b);
  const found = new Set<number>();
  let anyEnd = Number.NEGATIVE_INFINITY;
  let strictEnd = Number.NEGATIVE_INFINITY;
  for (const i of order) {
    const span = spans[i]!;
    const strict = !allowsOverlap(ontology, span.class_id);
    if ((strict ? anyEnd : strictEnd) > span.start) found.add(i);
    anyEnd = Math.max(anyEnd, span.end);
    if (strict) strictEnd = Math.max(strictEnd, span.end);
  }
  return found;
}
