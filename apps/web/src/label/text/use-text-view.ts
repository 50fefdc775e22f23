import {
  layoutSegments,
  overlappingSpanIndexes,
  type SegmentLayout,
  type TextOntology,
  type TextRange,
} from '@tessera/editor';
import type { AnnotationPayload } from '@tessera/schema';
import { useMemo, useRef } from 'react';
import type { Overlay } from '../workspace';
import { type RangeLook, type SegmentView, type SegmentViewCache, segmentViews } from './segment-views';

const UNKNOWN_COLOR = '#868e96';

/** The drawing of the text: the editable spans first (same indexes as `payload.spans`), then overlay spans. */
export interface TextView {
  readonly ranges: readonly TextRange[];
  readonly looks: readonly RangeLook[];
  readonly layout: SegmentLayout;
  readonly views: readonly SegmentView[];
  /** Indexes of `payload.spans` the server would reject as overlapping. */
  readonly conflicts: ReadonlySet<number>;
}

/**
 * Lays out spans and overlays into segments; recomputed only when the spans, overlays or text change, reusing
 * the views of unchanged segments.
 */
export function useTextView(
  textLength: number,
  ontology: TextOntology,
  spans: AnnotationPayload['spans'],
  overlays: readonly Overlay[] | undefined,
): TextView {
  const cache = useRef<SegmentViewCache>(new Map());
  return useMemo(() => {
    const conflicts = overlappingSpanIndexes(spans, ontology);
    const ranges: TextRange[] = [...spans];
    const looks: RangeLook[] = spans.map((s, i) => ({
      color: ontology.byId.get(s.class_id)?.color ?? UNKNOWN_COLOR,
      overlay: false,
      spanId: s.id,
      conflict: conflicts.has(i),
    }));
    for (const overlay of overlays ?? []) {
      for (const s of overlay.payload.spans) {
        ranges.push(s);
        looks.push({ color: overlay.color, overlay: true, spanId: null, conflict: false });
      }
    }
    const layout = layoutSegments(textLength, ranges);
    const drawn = segmentViews(layout, looks, cache.current);
    cache.current = drawn.cache;
    return { ranges, looks, layout, views: drawn.views, conflicts };
  }, [textLength, ontology, spans, overlays]);
}
