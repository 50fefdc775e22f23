import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { polygonArea, polygonSignedArea } from './polygon';
import { dedupeRing, positiveRing } from './ring';
import { starArb } from './test-arbitraries';
import { triangulateRing } from './triangulate';

const pt = (x: number, y: number) => ({ x, y });

describe('triangulateRing (ear clipping)', () => {
  it('splits an L shape into 4 triangles covering its area', () => {
    const lShape = positiveRing([pt(0, 0), pt(4, 0), pt(4, 1), pt(1, 1), pt(1, 4), pt(0, 4)]);
    const triangles = triangulateRing(lShape);
    expect(triangles).toHaveLength(4);
    expect(triangles.reduce((s, t) => s + polygonArea(t), 0)).toBe(7);
    for (const t of triangles) expect(polygonSignedArea(t)).toBeGreaterThan(0);
  });

  it('drops collinear vertices it meets (zero-area ears)', () => {
    const ring = positiveRing([pt(0, 0), pt(1, 0), pt(2, 0), pt(2, 2), pt(0, 2)]);
    const triangles = triangulateRing(ring);
    expect(triangles.length).toBeLessThanOrEqual(3);
    expect(triangles.reduce((s, t) => s + polygonArea(t), 0)).toBe(4);
    const collinearFirst = positiveRing([pt(1, 0), pt(2, 0), pt(2, 2), pt(0, 2), pt(0, 0)]);
    expect(triangulateRing(collinearFirst)).toHaveLength(2);
  });

  it('handles a comb (many reflex vertices)', () => {
    const comb = [pt(0, 0), pt(10, 0), pt(10, 5)];
    for (let i = 9; i >= 1; i -= 2) comb.push(pt(i, 1), pt(i - 1, 5));
    const ring = positiveRing(dedupeRing(comb));
    const total = triangulateRing(ring).reduce((s, t) => s + polygonArea(t), 0);
    expect(total).toBeCloseTo(polygonArea(ring), 12);
  });

  it('property: positive triangles whose areas sum to the polygon area', () => {
    fc.assert(
      fc.property(starArb, (p) => {
        const ring = positiveRing(p);
        const triangles = triangulateRing(ring);
        expect(triangles.length).toBeLessThanOrEqual(ring.length - 2);
        const total = triangles.reduce((s, t) => s + polygonArea(t), 0);
        expect(total).toBeCloseTo(polygonArea(ring), 9);
      }),
    );
  });
});
