import type { TextRange } from './text-range';

/** A run of text covered by the same set of ranges: what the workspace renders as one element. */
export interface RenderSegment {
  readonly start: number;
  readonly end: number;
  /** Indexes of the ranges covering the run, by lane (outermost first). */
  readonly covering: readonly number[];
}

/** Lanes for stacked underlines plus the runs to render; ranges are clamped to the text, empty ones skipped. */
export interface SegmentLayout {
  readonly segments: readonly RenderSegment[];
  /** The lane of each range (0 = nearest the text), -1 for a range that covers nothing. */
  readonly lanes: readonly number[];
  /** How many lanes are in use (the deepest stack). */
  readonly depth: number;
}

function clampRange(range: TextRange, length: number): TextRange {
  const start = Math.min(Math.max(range.start, 0), length);
  return { start, end: Math.min(Math.max(range.end, start), length) };
}

/**
 * Gives every non-empty range the lowest lane free over its whole extent (longer ranges first on equal
 * starts, so an outer span keeps the lane under its inner ones): overlapping ranges never share a lane.
 */
function assignLanes(ranges: readonly TextRange[]): { lanes: number[]; depth: number } {
  const lanes = ranges.map(() => -1);
  const order = ranges.flatMap((r, i) => (r.start < r.end ? [i] : []));
  order.sort((a, b) => ranges[a]!.start - ranges[b]!.start || ranges[b]!.end - ranges[a]!.end || a - b);
  const laneEnds: number[] = [];
  for (const i of order) {
    const r = ranges[i]!;
    let lane = laneEnds.findIndex((end) => end <= r.start);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = r.end;
    lanes[i] = lane;
  }
  return { lanes, depth: laneEnds.length };
}

function append(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/**
 * Splits a text of `length` code units into runs at every range boundary, each with the ranges covering it:
 * overlapping and nested spans become a sequence of runs whose covering sets differ. Runs cover the whole text
 * in order, without gaps. O((n + runs) log n + total coverage).
 */
export function layoutSegments(length: number, input: readonly TextRange[]): SegmentLayout {
  const ranges = input.map((r) => clampRange(r, length));
  const { lanes, depth } = assignLanes(ranges);
  const opening = new Map<number, number[]>();
  const closing = new Map<number, number[]>();
  const cuts = new Set<number>([0, length]);
  ranges.forEach((r, i) => {
    if (r.start >= r.end) return;
    cuts.add(r.start).add(r.end);
    append(opening, r.start, i);
    append(closing, r.end, i);
  });
  const points = [...cuts].sort((a, b) => a - b);
  const active = new Set<number>();
  const segments: RenderSegment[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const at = points[k]!;
    for (const i of closing.get(at) ?? []) active.delete(i);
    for (const i of opening.get(at) ?? []) active.add(i);
    const covering = [...active].sort((a, b) => lanes[a]! - lanes[b]!);
    segments.push({ start: at, end: points[k + 1]!, covering });
  }
  return { segments, lanes, depth };
}

/** Index of the segment containing `offset` (the last one for the end of the text), or -1 when there are none. */
export function segmentIndexAt(segments: readonly RenderSegment[], offset: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  if (hi < 0) return -1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (segments[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Which of the ranges covering a run a click picks: the shortest (the innermost span); when `current` is
 * already one of them, the next longer one, wrapping around, so repeated clicks walk through a stack.
 */
export function pickCoveringRange(
  covering: readonly number[],
  ranges: readonly TextRange[],
  current: number | null,
): number | null {
  if (covering.length === 0) return null;
  const bySize = [...covering].sort(
    (a, b) => ranges[a]!.end - ranges[a]!.start - (ranges[b]!.end - ranges[b]!.start) || a - b,
  );
  const at = current === null ? -1 : bySize.indexOf(current);
  return bySize[(at + 1) % bySize.length]!;
}

/** A piece of a segment: the segment it comes from and the part of it the piece covers. */
export interface SegmentPiece<S extends TextRange> {
  readonly segment: S;
  readonly start: number;
  readonly end: number;
}

/**
 * Cuts the segments (in text order, tiling the text) at every offset of `cuts` (ascending), so each cut range
 * (the keyboard caret, a paragraph) is a whole number of pieces without a new layout; segments without a cut
 * inside stay one piece. O(segments + cuts).
 */
export function cutSegments<S extends TextRange>(
  segments: readonly S[],
  cuts: readonly number[],
): SegmentPiece<S>[] {
  const pieces: SegmentPiece<S>[] = [];
  let k = 0;
  for (const segment of segments) {
    let start = segment.start;
    while (k < cuts.length && cuts[k]! <= start) k++;
    while (k < cuts.length && cuts[k]! < segment.end) {
      pieces.push({ segment, start, end: cuts[k]! });
      start = cuts[k]!;
      k++;
    }
    pieces.push({ segment, start, end: segment.end });
  }
  return pieces;
}

/** The offsets where a new line starts (just after each line feed), ascending; 0 is not included. */
export function lineStarts(text: string): number[] {
  const starts: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0 && i + 1 < text.length; i = text.indexOf('\n', i + 1))
    starts.push(i + 1);
  return starts;
}
