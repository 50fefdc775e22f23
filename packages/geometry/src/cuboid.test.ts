import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cuboidBevCorners, cuboidBevIou, cuboidCorners, cuboidIou3d } from './cuboid';
import { cuboidArb, finite } from './test-arbitraries';
import type { Cuboid } from './types';

const cube = (x: number, y: number, z: number, size = 1, yaw = 0): Cuboid => ({
  x,
  y,
  z,
  l: size,
  w: size,
  h: size,
  yaw,
});

// quality-math.md §9 hand cases: [name, a, b, 3D IoU, BEV IoU].
const cases: [string, Cuboid, Cuboid, number, number][] = [
  ['identical', cube(0, 0, 0), cube(0, 0, 0), 1, 1],
  ['offset 0.5 in x', cube(0, 0, 0), cube(0.5, 0, 0), 1 / 3, 1 / 3],
  ['yawed 45°', cube(0, 0, 0), cube(0, 0, 0, 1, Math.PI / 4), Math.SQRT1_2, Math.SQRT1_2],
  [
    'yaw + π',
    { ...cube(0, 0, 0), l: 4, w: 2, yaw: 0.3 },
    { ...cube(0, 0, 0), l: 4, w: 2, yaw: 0.3 + Math.PI },
    1,
    1,
  ],
  ['stacked, touching (dz = 1)', cube(0, 0, 0), cube(0, 0, 1), 0, 1],
  ['offset 0.5 in z', cube(0, 0, 0), cube(0, 0, 0.5), 1 / 3, 1],
  ['(0,0,0,2,2,2) vs (1,1,1,2,2,2)', cube(0, 0, 0, 2), cube(1, 1, 1, 2), 1 / 15, 1 / 7],
];

const shift = (c: Cuboid, [dx, dy, dz]: readonly [number, number, number]): Cuboid => ({
  ...c,
  x: c.x + dx,
  y: c.y + dy,
  z: c.z + dz,
});

describe('cuboidCorners / cuboidBevCorners', () => {
  it('orders corners front-left, rear-left, rear-right, front-right; bottom then top', () => {
    const c: Cuboid = { x: 10, y: 20, z: 1, l: 4, w: 2, h: 2, yaw: 0 };
    expect(cuboidBevCorners(c)).toEqual([
      { x: 12, y: 21 },
      { x: 8, y: 21 },
      { x: 8, y: 19 },
      { x: 12, y: 19 },
    ]);
    const corners = cuboidCorners(c);
    expect(corners).toHaveLength(8);
    expect(corners[0]).toEqual({ x: 12, y: 21, z: 0 });
    expect(corners[4]).toEqual({ x: 12, y: 21, z: 2 });
  });

  it('rotates by yaw counter-clockwise (l along the heading)', () => {
    const [front] = cuboidBevCorners({ x: 0, y: 0, z: 0, l: 4, w: 0, h: 1, yaw: Math.PI / 2 });
    expect(front!.x).toBeCloseTo(0, 15);
    expect(front!.y).toBeCloseTo(2, 15);
  });
});

describe('cuboidIou3d / cuboidBevIou (quality-math §9)', () => {
  const offsets: [string, [number, number, number]][] = [
    ['at the origin', [0, 0, 0]],
    ['translated by (5000, −3000, 100)', [5000, -3000, 100]],
    ['translated by (1e6, 1e6, 0)', [1e6, 1e6, 0]],
  ];
  for (const [where, offset] of offsets) {
    for (const [name, a, b, iou3d, bev] of cases) {
      it(`${name}, ${where}`, () => {
        const ta = shift(a, offset);
        const tb = shift(b, offset);
        expect(Math.abs(cuboidIou3d(ta, tb) - iou3d)).toBeLessThan(1e-9);
        expect(Math.abs(cuboidBevIou(ta, tb) - bev)).toBeLessThan(1e-9);
      });
    }
  }

  it('gives the octagon area 2√2 − 2 for the 45° case', () => {
    const iou = cuboidBevIou(cube(0, 0, 0), cube(0, 0, 0, 1, Math.PI / 4));
    expect(iou).toBeCloseTo((2 * Math.SQRT2 - 2) / (2 - (2 * Math.SQRT2 - 2)), 12);
  });

  it('is 0 for far-apart boxes and for zero volume', () => {
    expect(cuboidIou3d(cube(0, 0, 0), cube(10, 0, 0))).toBe(0);
    expect(cuboidBevIou(cube(0, 0, 0), cube(0, 1, 0))).toBe(0); // touching side
    const flat = { ...cube(0, 0, 0), h: 0 };
    expect(cuboidIou3d(flat, flat)).toBe(0);
    expect(cuboidBevIou(flat, flat)).toBe(1);
  });

  it('properties: in [0,1], symmetric, IoU(a,a) = 1, yaw + π invariant', () => {
    fc.assert(
      fc.property(cuboidArb, cuboidArb, (a, b) => {
        const iou = cuboidIou3d(a, b);
        const bev = cuboidBevIou(a, b);
        expect(iou).toBeGreaterThanOrEqual(0);
        expect(iou).toBeLessThanOrEqual(bev + 1e-12);
        expect(bev).toBeLessThanOrEqual(1);
        expect(cuboidIou3d(b, a)).toBeCloseTo(iou, 9);
        expect(cuboidBevIou(b, a)).toBeCloseTo(bev, 9);
        expect(cuboidIou3d(a, a)).toBeCloseTo(1, 12);
        expect(cuboidIou3d(a, { ...b, yaw: b.yaw + Math.PI })).toBeCloseTo(iou, 9);
      }),
    );
  });

  it('property: translation invariant, including kilometres and 10⁶ m from the origin', () => {
    const offset = fc.oneof(
      fc.tuple(finite(-5000, 5000), finite(-5000, 5000), finite(-100, 100)),
      fc.tuple(finite(-1e6, 1e6), finite(-1e6, 1e6), finite(-1e3, 1e3)),
    );
    fc.assert(
      fc.property(cuboidArb, cuboidArb, offset, (a, b, t) => {
        // The only rounding left is in representing x + t itself (≤ 1.2e-10 m at 10⁶ m).
        expect(Math.abs(cuboidIou3d(shift(a, t), shift(b, t)) - cuboidIou3d(a, b))).toBeLessThan(1e-8);
        expect(Math.abs(cuboidBevIou(shift(a, t), shift(b, t)) - cuboidBevIou(a, b))).toBeLessThan(1e-8);
      }),
    );
  });
});
