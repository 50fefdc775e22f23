import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { polygonIsSimple, segmentsIntersect } from './polygon-simple';
import { starArb } from './test-arbitraries';

const pt = (x: number, y: number) => ({ x, y });

describe('segmentsIntersect', () => {
  it('detects crossings, touching endpoints and collinear overlaps', () => {
    expect(segmentsIntersect(pt(0, 0), pt(2, 2), pt(0, 2), pt(2, 0))).toBe(true);
    expect(segmentsIntersect(pt(0, 0), pt(1, 0), pt(1, 0), pt(2, 5))).toBe(true);
    expect(segmentsIntersect(pt(0, 0), pt(2, 0), pt(1, 0), pt(3, 0))).toBe(true);
    expect(segmentsIntersect(pt(0, 0), pt(1, 0), pt(2, 0), pt(3, 0))).toBe(false);
    expect(segmentsIntersect(pt(0, 0), pt(1, 1), pt(0, 1), pt(0.4, 0.6))).toBe(false);
  });
});

describe('polygonIsSimple', () => {
  it('accepts convex and concave simple polygons in either orientation', () => {
    const square = [pt(0, 0), pt(1, 0), pt(1, 1), pt(0, 1)];
    const lShape = [pt(0, 0), pt(4, 0), pt(4, 1), pt(1, 1), pt(1, 4), pt(0, 4)];
    expect(polygonIsSimple(square)).toBe(true);
    expect(polygonIsSimple([...square].reverse())).toBe(true);
    expect(polygonIsSimple(lShape)).toBe(true);
    expect(polygonIsSimple([pt(0, 0), pt(1, 0), pt(0, 1)])).toBe(true);
    expect(polygonIsSimple([pt(0, 0), pt(1, 0), pt(2, 0), pt(2, 1)])).toBe(true); // collinear vertex is fine
  });

  it('rejects self-intersections and degenerate rings', () => {
    expect(polygonIsSimple([pt(0, 0), pt(1, 1), pt(1, 0), pt(0, 1)])).toBe(false); // bow-tie
    expect(polygonIsSimple([pt(0, 0), pt(1, 0)])).toBe(false); // too few vertices
    expect(polygonIsSimple([pt(0, 0), pt(1, 0), pt(2, 0)])).toBe(false); // collinear triangle
    expect(polygonIsSimple([pt(0, 0), pt(1, 0), pt(1, 0), pt(0, 1)])).toBe(false); // repeated vertex
    expect(polygonIsSimple([pt(0, 0), pt(1, 0), pt(0, 1), pt(0, 0)])).toBe(false); // explicitly closed
    expect(polygonIsSimple([pt(0, 0), pt(2, 0), pt(2, 1), pt(3, 1), pt(1, 1), pt(1, 2)])).toBe(false); // spike
    // figure-eight touching at one vertex (2,2)
    expect(polygonIsSimple([pt(0, 0), pt(2, 2), pt(4, 0), pt(4, 4), pt(2, 2), pt(0, 4)])).toBe(false);
    // a vertex touching a non-adjacent edge
    expect(polygonIsSimple([pt(0, 0), pt(4, 0), pt(4, 4), pt(2, 0.0), pt(0, 4)])).toBe(false);
    expect(polygonIsSimple([pt(0, 0), pt(Number.NaN, 0), pt(0, 1)])).toBe(false);
  });

  it('property: star-shaped polygons are simple', () => {
    fc.assert(
      fc.property(starArb, (p) => {
        expect(polygonIsSimple(p)).toBe(true);
      }),
    );
  });
});
