import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cutSegments,
  layoutSegments,
  lineStarts,
  pickCoveringRange,
  segmentIndexAt,
} from './render-segments';
import type { TextRange } from './text-range';

const ranges = (length: number) =>
  fc.array(
    fc
      .tuple(fc.integer({ min: -2, max: length + 2 }), fc.integer({ min: -2, max: length + 2 }))
      .map(([a, b]): TextRange => ({ start: Math.min(a, b), end: Math.max(a, b) })),
    { maxLength: 25 },
  );

describe('layoutSegments', () => {
  it('splits nested and overlapping ranges into runs with their covering ranges', () => {
    const layout = layoutSegments(10, [
      { start: 0, end: 6 },
      { start: 2, end: 4 },
      { start: 5, end: 8 },
    ]);
    expect(layout.segments.map((s) => [s.start, s.end, s.covering])).toEqual([
      [0, 2, [0]],
      [2, 4, [0, 1]],
      [4, 5, [0]],
      [5, 6, [0, 2]],
      [6, 8, [2]],
      [8, 10, []],
    ]);
    expect(layout.lanes).toEqual([0, 1, 1]);
    expect(layout.depth).toBe(2);
  });

  it('an empty text has no runs; an empty range covers nothing', () => {
    expect(layoutSegments(0, [{ start: 0, end: 0 }]).segments).toEqual([]);
    expect(layoutSegments(3, [{ start: 1, end: 1 }])).toEqual({
      segments: [{ start: 0, end: 3, covering: [] }],
      lanes: [-1],
      depth: 0,
    });
  });

  it('runs tile the text and carry exactly the ranges covering them; overlapping ranges never share a lane (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), ranges(30), (length, list) => {
        const { segments, lanes } = layoutSegments(length, list);
        let at = 0;
        for (const seg of segments) {
          expect(seg.start).toBe(at);
          expect(seg.end).toBeGreaterThan(seg.start);
          at = seg.end;
          const expected = list
            .map((r, i) => (Math.max(r.start, 0) <= seg.start && seg.end <= Math.min(r.end, length) ? i : -1))
            .filter((i) => i >= 0);
          expect([...seg.covering].sort((a, b) => a - b)).toEqual(expected);
          const segLanes = seg.covering.map((i) => lanes[i]!);
          expect(new Set(segLanes).size).toBe(segLanes.length);
          expect(segLanes).toEqual([...segLanes].sort((a, b) => a - b));
        }
        expect(at).toBe(length);
      }),
    );
  });

  it('lays out 2,000 spans over 100 KB quickly', () => {
    const length = 100_000;
    const list: TextRange[] = [];
    for (let i = 0; i < 2000; i++) list.push({ start: i * 50, end: i * 50 + 10 + (i % 7) * 20 });
    const t0 = performance.now();
    const { segments } = layoutSegments(length, list);
    expect(performance.now() - t0).toBeLessThan(500);
    expect(segments.length).toBeGreaterThan(3000);
  });
});

describe('segmentIndexAt and pickCoveringRange', () => {
  const list = [
    { start: 0, end: 6 },
    { start: 2, end: 4 },
  ];
  const { segments } = layoutSegments(10, list);

  it('finds the run containing an offset', () => {
    expect(segmentIndexAt(segments, 0)).toBe(0);
    expect(segmentIndexAt(segments, 3)).toBe(1);
    expect(segmentIndexAt(segments, 4)).toBe(2);
    expect(segmentIndexAt(segments, 10)).toBe(segments.length - 1);
    expect(segmentIndexAt([], 0)).toBe(-1);
  });

  it('picks the innermost range first, then walks outward, wrapping', () => {
    const covering = segments[1]!.covering;
    expect(pickCoveringRange(covering, list, null)).toBe(1);
    expect(pickCoveringRange(covering, list, 1)).toBe(0);
    expect(pickCoveringRange(covering, list, 0)).toBe(1);
    expect(pickCoveringRange([], list, null)).toBeNull();
  });
});

describe('cutSegments', () => {
  const { segments } = layoutSegments(10, [{ start: 2, end: 6 }]);

  it('cuts the segments at both ends of a range, keeping the others whole', () => {
    const pieces = cutSegments(segments, [4, 8]);
    expect(pieces.map((p) => [p.start, p.end, p.segment.start])).toEqual([
      [0, 2, 0],
      [2, 4, 2],
      [4, 6, 2],
      [6, 8, 6],
      [8, 10, 6],
    ]);
    expect(cutSegments(segments, []).map((p) => p.segment)).toEqual(segments);
    expect(cutSegments(segments, [0, 2, 6, 10])).toHaveLength(segments.length);
  });

  it('pieces tile the text and every cut range is a union of pieces (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        ranges(30),
        fc.nat(30),
        fc.nat(30),
        (length, list, a, b) => {
          const { segments: segs } = layoutSegments(length, list);
          const range = { start: Math.min(a, b, length), end: Math.min(Math.max(a, b), length) };
          const pieces = cutSegments(segs, range.start < range.end ? [range.start, range.end] : []);
          let at = 0;
          for (const p of pieces) {
            expect(p.start).toBe(at);
            expect(p.segment.start <= p.start && p.end <= p.segment.end).toBe(true);
            at = p.end;
            const inside = range.start <= p.start && p.end <= range.end;
            const outside = p.end <= range.start || p.start >= range.end;
            if (range.start < range.end) expect(inside || outside).toBe(true);
          }
          expect(at).toBe(length);
        },
      ),
    );
  });
});

describe('lineStarts', () => {
  it('lists the offsets just after each line feed, except at the very end', () => {
    expect(lineStarts('ab\ncd\n\nef\n')).toEqual([3, 6, 7]);
    expect(lineStarts('')).toEqual([]);
    expect(lineStarts('no breaks')).toEqual([]);
  });
});
