import type { LabeledSpan } from '@tessera/schema';
import type { IssueSink } from './issue-sink';
import { pointer } from './json-pointer';
import type { OntologyIndex } from './ontology-index';

/**
 * Checks the ranges of text spans (half-open [start, end) in UTF-16 code units):
 * - `empty_span` at `/spans/i/end` when start >= end;
 * - `outside_text` at `/spans/i/end` when end > textLength (skipped when textLength is null);
 * - `overlapping_spans` when two non-empty spans overlap (touching is fine) and at least one of their classes
 *   does not set `allow_overlap: true` (unknown classes count as not allowing). The issue is reported at
 *   `/spans/i` of the span that starts later (for equal starts, the one later in the array), once per span.
 *
 * O(n log n): one sort by start and a sweep keeping the furthest end seen so far, among all spans and among
 * spans whose class forbids overlap.
 */
export function checkSpanRanges(
  spans: readonly LabeledSpan[],
  index: OntologyIndex,
  textLength: number | null,
  sink: IssueSink,
): void {
  const knownLength = textLength !== null && Number.isFinite(textLength);
  for (let i = 0; i < spans.length && !sink.full; i++) {
    const span = spans[i]!;
    if (span.start >= span.end)
      sink.add(pointer('/spans', i, 'end'), 'empty_span', 'span end must be greater than its start');
    if (knownLength && span.end > textLength) {
      sink.add(
        pointer('/spans', i, 'end'),
        'outside_text',
        `span ends after the end of the text (${textLength})`,
      );
    }
  }
  checkOverlaps(spans, index, sink);
}

interface Furthest {
  end: number;
  index: number;
}

function checkOverlaps(spans: readonly LabeledSpan[], index: OntologyIndex, sink: IssueSink): void {
  const strict = spans.map((s) => index.classes.get(s.class_id)?.allowOverlap !== true);
  const order: number[] = [];
  for (let i = 0; i < spans.length; i++) if (spans[i]!.start < spans[i]!.end) order.push(i);
  order.sort((a, b) => spans[a]!.start - spans[b]!.start || a - b);
  const anyEnd: Furthest = { end: Number.NEGATIVE_INFINITY, index: -1 };
  const strictEnd: Furthest = { end: Number.NEGATIVE_INFINITY, index: -1 };
  for (const i of order) {
    if (sink.full) return;
    const span = spans[i]!;
    const blocker = strict[i] ? anyEnd : strictEnd;
    if (blocker.end > span.start) {
      sink.add(
        pointer('/spans', i),
        'overlapping_spans',
        `span overlaps /spans/${blocker.index}, and their classes do not both allow overlap`,
      );
    }
    extend(anyEnd, span.end, i);
    if (strict[i]) extend(strictEnd, span.end, i);
  }
}

function extend(furthest: Furthest, end: number, index: number): void {
  if (end > furthest.end) {
    furthest.end = end;
    furthest.index = index;
  }
}
