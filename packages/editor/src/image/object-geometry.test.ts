import { boxInside, polygonInside } from '@tessera/geometry';
import type { Geometry } from '@tessera/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clampTranslation,
  clipGeometry,
  geometryArea,
  geometryBounds,
  isDegenerate,
  translateGeometry,
  unionBounds,
} from './object-geometry';
import { box, finite, geometryArb, point, polygon } from './test-fixtures';

function inside(g: Geometry, w: number, h: number, tolerance = 1e-9): boolean {
  if (g.type === 'box') return boxInside(g, w, h, tolerance);
  if (g.type === 'polygon') return polygonInside(g.points, w, h, tolerance);
  return g.x >= 0 && g.y >= 0 && g.x <= w && g.y <= h;
}

describe('object geometry', () => {
  it('measures bounds and areas', () => {
    expect(geometryBounds(box(1, 2, 3, 4))).toEqual({ x: 1, y: 2, w: 3, h: 4 });
    expect(geometryBounds(polygon(0, 0, 4, 1, 2, 5))).toEqual({ x: 0, y: 0, w: 4, h: 5 });
    expect(geometryBounds(point(7, 8))).toEqual({ x: 7, y: 8, w: 0, h: 0 });
    expect(geometryArea(box(0, 0, 3, 4))).toBe(12);
    expect(geometryArea(polygon(0, 0, 4, 0, 4, 4))).toBe(8);
    expect(geometryArea(point(1, 1))).toBe(0);
  });

  it('translates every kind and returns the same geometry for a zero move', () => {
    const g = polygon(0, 0, 4, 0, 4, 4);
    expect(translateGeometry(g, 0, 0)).toBe(g);
    expect(translateGeometry(box(1, 1, 2, 2), 3, -1)).toEqual(box(4, 0, 2, 2));
    expect(translateGeometry(g, 1, 2)).toEqual(polygon(1, 2, 5, 2, 5, 6));
    expect(translateGeometry(point(1, 1), 1, 1)).toEqual(point(2, 2));
  });

  it('clips boxes to the image and clamps polygons and points', () => {
    expect(clipGeometry(box(-5, 10, 20, 200), 100, 80)).toEqual(box(0, 10, 15, 70));
    expect(clipGeometry(box(150, 10, 20, 20), 100, 80)).toEqual(box(100, 10, 0, 20));
    expect(clipGeometry(polygon(-1, 0, 120, 0, 50, 90), 100, 80)).toEqual(polygon(0, 0, 100, 0, 50, 80));
    expect(clipGeometry(point(-3, 99), 100, 80)).toEqual(point(0, 80));
    const ok = box(1, 1, 5, 5);
    expect(clipGeometry(ok, 100, 80)).toBe(ok);
  });

  it('clipping always lands inside the image (property)', () => {
    fc.assert(
      fc.property(
        geometryArb(300).map((g) => translateGeometry(g, -100, -100)),
        (g) => {
          expect(inside(clipGeometry(g, 100, 80), 100, 80)).toBe(true);
        },
      ),
    );
  });

  it('clipping leaves a geometry that is inside untouched (property)', () => {
    fc.assert(
      fc.property(
        geometryArb(80).filter((g) => inside(g, 100, 80, 0)),
        (g) => {
          expect(clipGeometry(g, 100, 80)).toBe(g);
        },
      ),
    );
  });

  it('tells degenerate geometries apart', () => {
    expect(isDegenerate(box(0, 0, 0, 5))).toBe(true);
    expect(isDegenerate(box(0, 0, 1, 1))).toBe(false);
    expect(isDegenerate(box(Number.NaN, 0, 1, 1))).toBe(true);
    expect(isDegenerate(polygon(0, 0, 1, 1, 2, 2))).toBe(true);
    expect(isDegenerate(polygon(0, 0, 1, 0, 1, 1))).toBe(false);
    expect(isDegenerate(point(0, 0))).toBe(false);
    expect(isDegenerate(point(Number.POSITIVE_INFINITY, 0))).toBe(true);
  });

  it('shortens a translation so the bounds stay inside (property)', () => {
    const arb = fc.record({
      x: finite(0, 90),
      y: finite(0, 70),
      w: finite(0, 10),
      h: finite(0, 10),
      dx: finite(-300, 300),
      dy: finite(-300, 300),
    });
    fc.assert(
      fc.property(arb, ({ x, y, w, h, dx, dy }) => {
        const d = clampTranslation({ x, y, w, h }, dx, dy, 100, 80);
        expect(boxInside({ x: x + d.dx, y: y + d.dy, w, h }, 100, 80, 1e-9)).toBe(true);
        expect(Math.abs(d.dx)).toBeLessThanOrEqual(Math.abs(dx));
        expect(Math.sign(d.dx) * Math.sign(dx)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('never pushes bounds that are already outside further out', () => {
    expect(clampTranslation({ x: -10, y: 0, w: 20, h: 5 }, -5, 0, 100, 80)).toEqual({ dx: 0, dy: 0 });
    expect(clampTranslation({ x: -10, y: 0, w: 20, h: 5 }, 5, 0, 100, 80)).toEqual({ dx: 5, dy: 0 });
    expect(clampTranslation({ x: -10, y: 0, w: 200, h: 5 }, 5, 0, 100, 80)).toEqual({ dx: 0, dy: 0 });
  });

  it('unions bounds', () => {
    expect(unionBounds([])).toEqual({ x: 0, y: 0, w: 0, h: 0 });
    expect(
      unionBounds([
        { x: 0, y: 5, w: 2, h: 2 },
        { x: 4, y: 1, w: 1, h: 1 },
      ]),
    ).toEqual({ x: 0, y: 1, w: 5, h: 6 });
  });
});
