import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boxIntersection } from './box';
import { convexPolygonIntersection } from './convex-clip';
import { polygonArea } from './polygon';
import { boxArb, boxPolygon } from './test-arbitraries';

const pt = (x: number, y: number) => ({ x, y });
const square = (x: number, y: number, s: number) => [pt(x, y), pt(x + s, y), pt(x + s, y + s), pt(x, y + s)];

describe('convexPolygonIntersection', () => {
  it('clips overlapping squares (hand values)', () => {
    const ring = convexPolygonIntersection(square(0, 0, 2), square(1, 1, 2));
    expect(polygonArea(ring)).toBe(1);
    expect(ring).toHaveLength(4);
  });

  it('returns the inner polygon when one contains the other, in either orientation', () => {
    expect(polygonArea(convexPolygonIntersection(square(0, 0, 10), [...square(2, 2, 3)].reverse()))).toBe(9);
    expect(polygonArea(convexPolygonIntersection([...square(2, 2, 3)].reverse(), square(0, 0, 10)))).toBe(9);
  });

  it('intersects a square and its 45° rotation in the regular octagon (area 2√2 − 2)', () => {
    const r = Math.SQRT1_2;
    const diamond = [pt(r, 0), pt(0, r), pt(-r, 0), pt(0, -r)];
    const ring = convexPolygonIntersection(square(-0.5, -0.5, 1), diamond);
    expect(ring).toHaveLength(8);
    expect(polygonArea(ring)).toBeCloseTo(2 * Math.SQRT2 - 2, 14);
  });

  it('returns [] when disjoint, touching, or degenerate', () => {
    expect(convexPolygonIntersection(square(0, 0, 1), square(3, 3, 1))).toEqual([]);
    expect(convexPolygonIntersection(square(0, 0, 1), square(1, 0, 1))).toEqual([]);
    expect(convexPolygonIntersection(square(0, 0, 1), [pt(0, 0), pt(1, 1)])).toEqual([]);
    expect(convexPolygonIntersection(square(0, 0, 1), [pt(0, 0), pt(1, 1), pt(2, 2)])).toEqual([]);
  });

  it('property: equals the box intersection for axis-aligned rectangles', () => {
    fc.assert(
      fc.property(boxArb, boxArb, (a, b) => {
        const area = polygonArea(convexPolygonIntersection(boxPolygon(a), boxPolygon(b)));
        expect(area).toBeCloseTo(boxIntersection(a, b), 9);
      }),
    );
  });
});
