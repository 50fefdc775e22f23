import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boxArea, boxInside, boxIntersection, boxIou } from './box';
import { boxArb, finite } from './test-arbitraries';

describe('boxArea / boxIntersection', () => {
  it('computes w·h and clamps negative sizes to 0', () => {
    expect(boxArea({ x: 3, y: 4, w: 5, h: 2 })).toBe(10);
    expect(boxArea({ x: 0, y: 0, w: -5, h: 2 })).toBe(0);
  });

  it('intersects in continuous coordinates with no +1', () => {
    expect(boxIntersection({ x: 0, y: 0, w: 10, h: 10 }, { x: 5, y: 5, w: 10, h: 10 })).toBe(25);
    expect(boxIntersection({ x: 0, y: 0, w: 10, h: 10 }, { x: 10, y: 0, w: 5, h: 5 })).toBe(0); // touching
    expect(boxIntersection({ x: 0, y: 0, w: 10, h: 10 }, { x: 20, y: 20, w: 5, h: 5 })).toBe(0);
  });
});

describe('boxIou', () => {
  it('matches hand values (quality-math §6 case D: IoU exactly 0.5)', () => {
    expect(boxIou({ x: 0, y: 0, w: 10, h: 10 }, { x: 0, y: 0, w: 10, h: 5 })).toBe(0.5);
    expect(boxIou({ x: 0, y: 0, w: 10, h: 10 }, { x: 5, y: 5, w: 10, h: 10 })).toBeCloseTo(25 / 175, 15);
    expect(boxIou({ x: 10, y: 20, w: 5, h: 5 }, { x: 10, y: 20, w: 5, h: 5 })).toBe(1);
  });

  it('is 0 for disjoint boxes and for a zero union', () => {
    expect(boxIou({ x: 0, y: 0, w: 1, h: 1 }, { x: 2, y: 2, w: 1, h: 1 })).toBe(0);
    expect(boxIou({ x: 0, y: 0, w: 0, h: 0 }, { x: 0, y: 0, w: 0, h: 0 })).toBe(0);
  });

  it('uses area(a) as the union for a crowd ground truth, as pycocotools bbIou', () => {
    // det [60,60,10,10] inside crowd GT [50,50,40,40]: i = 100, u = da = 100 → 1.
    expect(boxIou({ x: 60, y: 60, w: 10, h: 10 }, { x: 50, y: 50, w: 40, h: 40 }, true)).toBe(1);
    expect(boxIou({ x: 60, y: 60, w: 10, h: 10 }, { x: 50, y: 50, w: 40, h: 40 })).toBe(100 / 1600);
  });

  it('properties: in [0,1], symmetric, IoU(a,a) = 1, translation invariant', () => {
    fc.assert(
      fc.property(boxArb, boxArb, finite(-1000, 1000), finite(-1000, 1000), (a, b, tx, ty) => {
        const iou = boxIou(a, b);
        expect(iou).toBeGreaterThanOrEqual(0);
        expect(iou).toBeLessThanOrEqual(1);
        expect(boxIou(b, a)).toBeCloseTo(iou, 12);
        expect(boxIou(a, a)).toBeCloseTo(1, 12);
        const shift = (q: typeof a) => ({ ...q, x: q.x + tx, y: q.y + ty });
        expect(boxIou(shift(a), shift(b))).toBeCloseTo(iou, 9);
      }),
    );
  });
});

describe('boxInside', () => {
  it('accepts boxes within the image, border included', () => {
    expect(boxInside({ x: 0, y: 0, w: 640, h: 480 }, 640, 480)).toBe(true);
    expect(boxInside({ x: 10, y: 10, w: 0, h: 0 }, 640, 480)).toBe(true);
  });

  it('rejects boxes out of bounds, with negative size, or non-finite', () => {
    expect(boxInside({ x: -0.5, y: 0, w: 10, h: 10 }, 640, 480)).toBe(false);
    expect(boxInside({ x: 630, y: 0, w: 11, h: 10 }, 640, 480)).toBe(false);
    expect(boxInside({ x: 0, y: 475, w: 10, h: 6 }, 640, 480)).toBe(false);
    expect(boxInside({ x: 10, y: 10, w: -1, h: 5 }, 640, 480)).toBe(false);
    expect(boxInside({ x: Number.NaN, y: 10, w: 1, h: 5 }, 640, 480)).toBe(false);
    expect(boxInside({ x: 0, y: 0, w: Number.POSITIVE_INFINITY, h: 5 }, 640, 480)).toBe(false);
  });

  it('applies an optional tolerance', () => {
    expect(boxInside({ x: 0.1, y: 0, w: 640, h: 10 }, 640, 480)).toBe(false);
    expect(boxInside({ x: 0.1, y: 0, w: 640, h: 10 }, 640, 480, 0.25)).toBe(true);
  });
});
