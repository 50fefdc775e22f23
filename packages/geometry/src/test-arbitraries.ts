// Shared fast-check arbitraries and raster helpers for the geometry tests (not part of the public API).
import fc from 'fast-check';
import type { Box, Cuboid, Point, Polygon } from './types';

/** A finite double in [min, max] (no NaN, no infinities; −0 is mapped to 0). */
export function finite(min: number, max: number): fc.Arbitrary<number> {
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((v) => v + 0);
}

/** A box with strictly positive size. */
export const boxArb: fc.Arbitrary<Box> = fc.record({
  x: finite(-50, 50),
  y: finite(-50, 50),
  w: finite(0.5, 40),
  h: finite(0.5, 40),
});

/**
 * A star-shaped polygon around a centre (strictly increasing angles, radii in [0.25, 1]·r): always simple,
 * usually concave. Optionally reversed so both orientations are exercised.
 */
export const starArb: fc.Arbitrary<Point[]> = fc
  .record({
    cx: finite(-5, 5),
    cy: finite(-5, 5),
    r: finite(1, 6),
    radii: fc.array(finite(0.25, 1), { minLength: 3, maxLength: 12 }),
    jitter: finite(0, 0.6),
    reverse: fc.boolean(),
  })
  .map(({ cx, cy, r, radii, jitter, reverse }) => {
    const n = radii.length;
    const pts = radii.map((k, i) => {
      const angle = ((i + jitter * ((i * 7919) % 3) * 0.3) / n) * 2 * Math.PI;
      return { x: cx + r * k * Math.cos(angle), y: cy + r * k * Math.sin(angle) };
    });
    return reverse ? pts.reverse() : pts;
  });

/** A cuboid with sizes in [0.5, 8] near the origin and any yaw. */
export const cuboidArb: fc.Arbitrary<Cuboid> = fc.record({
  x: finite(-4, 4),
  y: finite(-4, 4),
  z: finite(-2, 2),
  l: finite(0.5, 8),
  w: finite(0.5, 8),
  h: finite(0.5, 8),
  yaw: finite(-Math.PI, Math.PI),
});

/** Even-odd point-in-polygon test (raster reference only). */
export function pointInPolygon(p: Polygon, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = p.length - 1; i < p.length; j = i++) {
    const a = p[i]!;
    const b = p[j]!;
    if (a.y > y !== b.y > y && x < ((b.x - a.x) * (y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** Raster estimate [intersection area, IoU] of two polygons on an n×n grid of cell centres over their bounds. */
export function rasterOverlap(a: Polygon, b: Polygon, n: number): [number, number] {
  const all = [...a, ...b];
  const minX = Math.min(...all.map((v) => v.x));
  const maxX = Math.max(...all.map((v) => v.x));
  const minY = Math.min(...all.map((v) => v.y));
  const maxY = Math.max(...all.map((v) => v.y));
  const dx = (maxX - minX) / n;
  const dy = (maxY - minY) / n;
  let both = 0;
  let either = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = minX + (i + 0.5) * dx;
      const y = minY + (j + 0.5) * dy;
      const inA = pointInPolygon(a, x, y);
      const inB = pointInPolygon(b, x, y);
      if (inA && inB) both += 1;
      if (inA || inB) either += 1;
    }
  }
  return [both * dx * dy, either === 0 ? 0 : both / either];
}

/** The four corners of a box as a polygon. */
export function boxPolygon(b: Box): Point[] {
  return [
    { x: b.x, y: b.y },
    { x: b.x + b.w, y: b.y },
    { x: b.x + b.w, y: b.y + b.h },
    { x: b.x, y: b.y + b.h },
  ];
}

/** An integer "histogram" polygon: columns of unit cells (concave, many collinear and shared edges). */
export interface Histogram {
  readonly heights: number[];
  readonly ox: number;
  readonly oy: number;
  readonly transpose: boolean;
  readonly reverse: boolean;
}

export const histogramArb: fc.Arbitrary<Histogram> = fc.record({
  heights: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 7 }),
  ox: fc.integer({ min: -3, max: 3 }),
  oy: fc.integer({ min: -3, max: 3 }),
  transpose: fc.boolean(),
  reverse: fc.boolean(),
});

/** The histogram's outline (equal neighbouring heights give repeated vertices, which IoU must tolerate). */
export function histogramPolygon(g: Histogram): Point[] {
  const n = g.heights.length;
  const pts: Point[] = [
    { x: 0, y: 0 },
    { x: n, y: 0 },
  ];
  for (let i = n - 1; i >= 0; i--) pts.push({ x: i + 1, y: g.heights[i]! }, { x: i, y: g.heights[i]! });
  const placed = pts
    .map((p) => (g.transpose ? { x: p.y, y: p.x } : p))
    .map((p) => ({ x: p.x + g.ox, y: p.y + g.oy }));
  return g.reverse ? placed.reverse() : placed;
}

/** The histogram's unit cells as "x,y" keys of their lower corners. */
export function histogramCells(g: Histogram): Set<string> {
  const cells = new Set<string>();
  g.heights.forEach((h, i) => {
    for (let j = 0; j < h; j++)
      cells.add(g.transpose ? `${j + g.ox},${i + g.oy}` : `${i + g.ox},${j + g.oy}`);
  });
  return cells;
}
