import type { RenderSegment, SegmentLayout } from '@tessera/editor';
import type { CSSProperties } from 'react';

/** How one range (an editable span or another annotator's span) is drawn. */
export interface RangeLook {
  readonly color: string;
  /** Another annotator's span: a dashed underline, no fill, not clickable. */
  readonly overlay: boolean;
  /** The span's id for editable spans, null for overlays. */
  readonly spanId: string | null;
  /** The server would reject this span as overlapping (a pre-label, say). */
  readonly conflict: boolean;
}

/** A segment plus everything static about drawing it; recomputed only when the spans change. */
export interface SegmentView extends RenderSegment {
  readonly style: CSSProperties | undefined;
  /** Ids of the editable spans covering it, outermost first. */
  readonly ids: readonly string[];
  /** The same, space-separated ('' when none): the `data-spans` attribute. */
  readonly spanIds: string;
  readonly conflict: boolean;
}

/** Pixels between stacked underlines, and the underline's thickness. */
export const LANE_PX = 3;
const LINE_PX = 2;

/** A #rrggbb color with an alpha byte appended (colors are validated as #rrggbb by the ontology schema). */
export function translucent(color: string, alpha: number): string {
  if (!/^#[0-9a-fA-F]{6}$/.test(color)) return color;
  const byte = Math.round(Math.min(Math.max(alpha, 0), 1) * 255);
  return `${color}${byte.toString(16).padStart(2, '0')}`;
}

function styleOf(
  covering: readonly number[],
  lanes: readonly number[],
  looks: readonly RangeLook[],
): CSSProperties | undefined {
  if (covering.length === 0) return undefined;
  const images: string[] = [];
  const positions: string[] = [];
  let fill: string | undefined;
  let deepest = 0;
  for (const i of covering) {
    const look = looks[i]!;
    const lane = lanes[i]!;
    deepest = Math.max(deepest, lane + 1);
    images.push(
      look.overlay
        ? `repeating-linear-gradient(90deg, ${look.color} 0 5px, transparent 5px 8px)`
        : `linear-gradient(${look.color}, ${look.color})`,
    );
    positions.push(`0 calc(100% - ${lane * LANE_PX}px)`);
    if (!look.overlay) fill = translucent(look.color, 0.18);
  }
  return {
    backgroundColor: fill,
    backgroundImage: images.join(', '),
    backgroundSize: images.map(() => `100% ${LINE_PX}px`).join(', '),
    backgroundPosition: positions.join(', '),
    backgroundRepeat: 'no-repeat',
    paddingBottom: `${deepest * LANE_PX}px`,
  };
}

/** What a segment's drawing depends on: its extent and, per covering range, lane and look. */
function signature(segment: RenderSegment, lanes: readonly number[], looks: readonly RangeLook[]): string {
  let key = `${segment.start}:${segment.end}`;
  for (const i of segment.covering) {
    const look = looks[i]!;
    key += `|${lanes[i]},${look.color},${look.overlay ? 1 : 0},${look.spanId ?? ''},${look.conflict ? 1 : 0}`;
  }
  return key;
}

/** Previous views by signature, so an edit re-creates (and React re-renders) only the segments it changed. */
export type SegmentViewCache = ReadonlyMap<string, SegmentView>;

/**
 * The drawing of every segment: underlines stacked by lane (so one span's line stays at one height along the
 * text), a light fill in the color of the innermost editable span, dashed lines for overlays. A segment drawn
 * exactly as in `previous` keeps its old view object.
 */
export function segmentViews(
  layout: SegmentLayout,
  looks: readonly RangeLook[],
  previous: SegmentViewCache = new Map(),
): { views: SegmentView[]; cache: SegmentViewCache } {
  const cache = new Map<string, SegmentView>();
  const views = layout.segments.map((segment) => {
    const key = signature(segment, layout.lanes, looks);
    const old = previous.get(key);
    if (old !== undefined) {
      cache.set(key, old);
      return old;
    }
    const ids: string[] = [];
    let conflict = false;
    for (const i of segment.covering) {
      const look = looks[i]!;
      if (look.spanId !== null) ids.push(look.spanId);
      conflict ||= look.conflict;
    }
    const style = styleOf(segment.covering, layout.lanes, looks);
    const view: SegmentView = { ...segment, style, ids, spanIds: ids.join(' '), conflict };
    cache.set(key, view);
    return view;
  });
  return { views, cache };
}
