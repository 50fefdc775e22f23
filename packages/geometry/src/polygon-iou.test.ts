import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boxIou } from './box';
import { polygonBounds } from './polygon';
import { polygonIntersectionArea, polygonIou } from './polygon-iou';
import {
  boxArb,
  boxPolygon,
  finite,
  histogramArb,
  histogramCells,
  histogramPolygon,
  rasterOverlap,
  starArb,
} from './test-arbitraries';

const pt = (x: number, y: number) => ({ x, y });
const lShape = [pt(0, 0), pt(4, 0), pt(4, 1), pt(1, 1), pt(1, 4), pt(0, 4)]; // area 7
const lRotated = [pt(4, 4), pt(0, 4), pt(0, 3), pt(3, 3), pt(3, 0), pt(4, 0)]; // L turned 180° about (2,2)
const uShape = [pt(0, 0), pt(3, 0), pt(3, 3), pt(2, 3), pt(2, 1), pt(1, 1), pt(1, 3), pt(0, 3)]; // area 7

describe('polygonIou (hand values)', () => {
  it('concave vs convex: L ∩ [0,2]² = 3, IoU 3/8', () => {
    const square = boxPolygon({ x: 0, y: 0, w: 2, h: 2 });
    expect(polygonIntersectionArea(lShape, square)).toBeCloseTo(3, 12);
    expect(polygonIou(lShape, square)).toBeCloseTo(3 / 8, 12);
    expect(polygonIou(square, lShape)).toBeCloseTo(3 / 8, 12);
  });

  it('concave vs concave: L vs L turned 180° share two unit squares, IoU 2/12', () => {
    expect(polygonIntersectionArea(lShape, lRotated)).toBeCloseTo(2, 12);
    expect(polygonIou(lShape, lRotated)).toBeCloseTo(1 / 6, 12);
    expect(polygonIou([...lRotated].reverse(), lShape)).toBeCloseTo(1 / 6, 12);
  });

  it('U vs L: the U notch is excluded (intersection 4 + 1 = 5 → 5/9)', () => {
    // U = [0,3]×[0,1] ∪ [0,1]×[1,3] ∪ [2,3]×[1,3]; L = [0,4]×[0,1] ∪ [0,1]×[1,4]. ∩ = [0,3]×[0,1] ∪ [0,1]×[1,3].
    expect(polygonIntersectionArea(uShape, lShape)).toBeCloseTo(5, 12);
    expect(polygonIou(uShape, lShape)).toBeCloseTo(5 / 9, 12);
  });

  it('identical concave polygons → 1; disjoint or touching → 0; degenerate → 0', () => {
    expect(polygonIou(uShape, uShape)).toBeCloseTo(1, 12);
    expect(polygonIou(uShape, [...uShape].reverse())).toBeCloseTo(1, 12);
    expect(
      polygonIou(
        lShape,
        lShape.map((p) => pt(p.x + 10, p.y)),
      ),
    ).toBe(0);
    expect(polygonIou(lShape, boxPolygon({ x: 1, y: 1, w: 1, h: 1 }))).toBe(0); // sits in the notch, touching
    expect(polygonIou([pt(0, 0), pt(1, 1), pt(2, 2)], lShape)).toBe(0);
    expect(polygonIou([], [])).toBe(0);
  });

  it('ignores an explicitly repeated closing vertex', () => {
    expect(polygonIou([...lShape, pt(0, 0)], lShape)).toBeCloseTo(1, 12);
  });

  it('is precise far from the origin', () => {
    const far = (p: typeof lShape) => p.map((v) => pt(v.x + 1e7, v.y + 1e7));
    expect(polygonIou(far(lShape), far(lRotated))).toBeCloseTo(1 / 6, 9);
  });
});

describe('polygonIou (properties)', () => {
  it('two axis-aligned rectangles give boxIou', () => {
    fc.assert(
      fc.property(boxArb, boxArb, (a, b) => {
        expect(polygonIou(boxPolygon(a), boxPolygon(b))).toBeCloseTo(boxIou(a, b), 9);
      }),
    );
  });

  it('in [0,1], symmetric, IoU(a,a) = 1, translation invariant (concave stars)', () => {
    fc.assert(
      fc.property(starArb, starArb, finite(-1e4, 1e4), finite(-1e4, 1e4), (a, b, tx, ty) => {
        const iou = polygonIou(a, b);
        expect(iou).toBeGreaterThanOrEqual(0);
        expect(iou).toBeLessThanOrEqual(1);
        expect(polygonIou(b, a)).toBeCloseTo(iou, 9);
        expect(polygonIou(a, a)).toBeCloseTo(1, 9);
        const shift = (p: typeof a) => p.map((v) => pt(v.x + tx, v.y + ty));
        expect(polygonIou(shift(a), shift(b))).toBeCloseTo(iou, 7);
      }),
    );
  });

  it('integer histogram polygons (shared collinear edges, touching vertices) give exact cell counts', () => {
    fc.assert(
      fc.property(histogramArb, histogramArb, (a, b) => {
        const ca = histogramCells(a);
        const cb = histogramCells(b);
        const inter = [...ca].filter((c) => cb.has(c)).length;
        const pa = histogramPolygon(a);
        const pb = histogramPolygon(b);
        expect(polygonIntersectionArea(pa, pb)).toBeCloseTo(inter, 12);
        expect(polygonIou(pa, pb)).toBeCloseTo(inter / (ca.size + cb.size - inter), 12);
      }),
      { numRuns: 300 },
    );
  });

  it('concave polygons agree with a fine raster estimate', () => {
    fc.assert(
      fc.property(starArb, starArb, (a, b) => {
        const [rasterArea, rasterIou] = rasterOverlap(a, b, 400);
        const exactArea = polygonIntersectionArea(a, b);
        const exactIou = polygonIou(a, b);
        const bounds = polygonBounds([...a, ...b]);
        // 400² samples: the observed error is < 3·10⁻⁴ of the bounds area and < 4·10⁻⁴ in IoU.
        expect(Math.abs(exactArea - rasterArea)).toBeLessThan(2e-3 * bounds.w * bounds.h);
        expect(Math.abs(exactIou - rasterIou)).toBeLessThan(5e-3);
      }),
      { numRuns: 60 },
    );
  });
});
