import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findRepeatedVertex,
  findSelfIntersection as findSelfIntersectionOf,
  polygonCoords,
  polygonDoubleArea,
  segmentsIntersect as segmentsIntersectXY,
  type Vec2,
} from './polygon-simple';

const poly = (points: [number, number][]): Vec2[] => points.map(([x, y]) => ({ x, y }));
const findSelfIntersection = (points: readonly Vec2[]) => findSelfIntersectionOf(polygonCoords(points));
const repeatedVertex = (points: readonly Vec2[]) => findRepeatedVertex(polygonCoords(points));
const segmentsIntersect = (a: Vec2, b: Vec2, c: Vec2, d: Vec2) =>
  segmentsIntersectXY(a.x, a.y, b.x, b.y, c.x, c.y, d.x, d.y);

describe('polygon checks', () => {
  it('computes the shoelace double area', () => {
    expect(
      polygonDoubleArea(
        polygonCoords(
          poly([
            [0, 0],
            [4, 0],
            [4, 3],
          ]),
        ),
      ),
    ).toBe(12);
    expect(
      polygonDoubleArea(
        polygonCoords(
          poly([
            [0, 0],
            [4, 3],
            [4, 0],
          ]),
        ),
      ),
    ).toBe(-12);
  });

  it('finds repeated consecutive vertices, including the closing pair', () => {
    expect(
      repeatedVertex(
        poly([
          [0, 0],
          [1, 0],
          [0, 1],
        ]),
      ),
    ).toBe(-1);
    expect(
      repeatedVertex(
        poly([
          [0, 0],
          [1, 0],
          [1, 0],
          [0, 1],
        ]),
      ),
    ).toBe(1);
    expect(
      repeatedVertex(
        poly([
          [0, 0],
          [1, 0],
          [0, 1],
          [0, 0],
        ]),
      ),
    ).toBe(3);
  });

  it('accepts simple polygons, convex and concave', () => {
    expect(
      findSelfIntersection(
        poly([
          [0, 0],
          [10, 0],
          [10, 10],
          [0, 10],
        ]),
      ),
    ).toBeNull();
    expect(
      findSelfIntersection(
        poly([
          [0, 0],
          [10, 0],
          [5, 2],
          [10, 10],
          [0, 10],
        ]),
      ),
    ).toBeNull();
  });

  it('finds crossing edges (a bow tie)', () => {
    expect(
      findSelfIntersection(
        poly([
          [0, 0],
          [10, 10],
          [10, 0],
          [0, 10],
        ]),
      ),
    ).toEqual([0, 2]);
  });

  it('finds a vertex touching a non-adjacent edge', () => {
    expect(
      findSelfIntersection(
        poly([
          [0, 0],
          [10, 0],
          [10, 10],
          [5, 0],
          [0, 10],
        ]),
      ),
    ).not.toBeNull();
  });

  it('finds an edge folding back along its neighbour', () => {
    expect(
      findSelfIntersection(
        poly([
          [0, 0],
          [10, 0],
          [5, 0],
          [5, 5],
        ]),
      ),
    ).not.toBeNull();
  });

  it('segment intersection is inclusive of endpoints and collinear overlap', () => {
    const [a, b, c, d] = poly([
      [0, 0],
      [2, 0],
      [2, 0],
      [3, 0],
    ]);
    expect(segmentsIntersect(a!, b!, c!, d!)).toBe(true);
    const [e, f] = poly([
      [2.5, 0],
      [4, 0],
    ]);
    expect(segmentsIntersect(a!, b!, e!, f!)).toBe(false);
  });

  it('regular polygons are simple; any two of their diagonals as a bow tie are not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 200 }), (n) => {
        const ring = Array.from({ length: n }, (_, k) => ({
          x: Math.cos((2 * Math.PI * k) / n),
          y: Math.sin((2 * Math.PI * k) / n),
        }));
        expect(findSelfIntersection(ring)).toBeNull();
        if (n >= 4) expect(findSelfIntersection([ring[0]!, ring[2]!, ring[1]!, ring[3]!])).not.toBeNull();
      }),
    );
  });

  it('agrees with the brute-force pair test', () => {
    const pt = fc.record({ x: fc.integer({ min: 0, max: 6 }), y: fc.integer({ min: 0, max: 6 }) });
    fc.assert(
      fc.property(fc.array(pt, { minLength: 3, maxLength: 9 }), (points) => {
        fc.pre(repeatedVertex(points) < 0);
        expect(findSelfIntersection(points) !== null).toBe(bruteForce(points));
      }),
      { numRuns: 2000 },
    );
  });

  it('the sweep for large polygons agrees with the brute-force pair test', () => {
    // Star-shaped outlines (simple), optionally with two vertices swapped or one pulled across the centre.
    const arb = fc.record({
      radii: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 33, maxLength: 90 }),
      swap: fc.option(fc.tuple(fc.nat(), fc.nat())),
      pull: fc.option(fc.nat()),
    });
    fc.assert(
      fc.property(arb, ({ radii, swap, pull }) => {
        const n = radii.length;
        const points = radii.map((r, k) => ({
          x: Math.round(r * Math.cos((2 * Math.PI * k) / n) * 64) / 64,
          y: Math.round(r * Math.sin((2 * Math.PI * k) / n) * 64) / 64,
        }));
        if (swap !== null) {
          const [i, j] = [swap[0] % n, swap[1] % n];
          [points[i], points[j]] = [points[j]!, points[i]!];
        }
        if (pull !== null) points[pull % n] = { x: -points[pull % n]!.x, y: -points[pull % n]!.y };
        fc.pre(repeatedVertex(points) < 0);
        expect(findSelfIntersection(points) !== null).toBe(bruteForce(points));
      }),
      { numRuns: 500 },
    );
  });
});

function bruteForce(points: readonly Vec2[]): boolean {
  const n = points.length;
  const at = (k: number) => points[k % n]!;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const adjacent = j === i + 1 || (i === 0 && j === n - 1);
      if (!adjacent && segmentsIntersect(at(i), at(i + 1), at(j), at(j + 1))) return true;
      if (adjacent) {
        const [p, s, q] = j === i + 1 ? [at(i), at(j), at(j + 1)] : [at(j), at(0), at(1)];
        const cross = (s.x - p.x) * (q.y - p.y) - (s.y - p.y) * (q.x - p.x);
        if (cross === 0 && (p.x - s.x) * (q.x - s.x) + (p.y - s.y) * (q.y - s.y) > 0) return true;
      }
    }
  }
  return false;
}
