import type { Box, Polygon } from './types';

/**
 * Signed shoelace area. Positive when the ring is counter-clockwise in a y-up frame, which is clockwise as
 * drawn on a y-down image. Summed relative to the first vertex, so large coordinates keep their precision.
 * Fewer than 3 vertices → 0.
 */
export function polygonSignedArea(p: Polygon): number {
  const first = p[0];
  if (first === undefined || p.length < 3) return 0;
  let twice = 0;
  for (let i = 1; i + 1 < p.length; i++) {
    const a = p[i]!;
    const b = p[i + 1]!;
    twice += (a.x - first.x) * (b.y - first.y) - (b.x - first.x) * (a.y - first.y);
  }
  return twice / 2;
}

/** Absolute shoelace area of a simple polygon (either orientation). Fewer than 3 vertices → 0. */
export function polygonArea(p: Polygon): number {
  return Math.abs(polygonSignedArea(p));
}

/**
 * Axis-aligned bounding box of the vertices as `{x, y, w, h}`. Choice: an empty polygon gives the zero box
 * `{0, 0, 0, 0}` rather than undefined, so callers always get a Box (check `p.length` first if it matters).
 */
export function polygonBounds(p: Polygon): Box {
  if (p.length === 0) return { x: 0, y: 0, w: 0, h: 0 };
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const v of p) {
    minX = Math.min(minX, v.x);
    minY = Math.min(minY, v.y);
    maxX = Math.max(maxX, v.x);
    maxY = Math.max(maxY, v.y);
  }
  return { x: minX, y: minY, w: maxX - minX, h: maxY - minY };
}

/**
 * True when every vertex is finite and within the image [0, width] × [0, height] (the border counts as
 * inside). The image is convex, so this is the same as the whole polygon being inside. An empty polygon is
 * vacuously inside (vertex count and simplicity are separate checks). `tolerance` is in pixels (default 0).
 */
export function polygonInside(p: Polygon, width: number, height: number, tolerance = 0): boolean {
  return p.every(
    (v) =>
      Number.isFinite(v.x) &&
      Number.isFinite(v.y) &&
      v.x >= -tolerance &&
      v.y >= -tolerance &&
      v.x <= width + tolerance &&
      v.y <= height + tolerance,
  );
}
