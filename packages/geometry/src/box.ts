import type { Box } from './types';

/** Area w·h of a box; a negative size counts as 0 (so a malformed box never has a negative area). */
export function boxArea(b: Box): number {
  return Math.max(0, b.w) * Math.max(0, b.h);
}

/**
 * Area of the intersection of two boxes in continuous coordinates (no +1, as pycocotools `bbIou`,
 * quality-math.md §6): an overlap of width ≤ 0 or height ≤ 0 gives 0.
 */
export function boxIntersection(a: Box, b: Box): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  if (!(w > 0)) return 0;
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  if (!(h > 0)) return 0;
  return w * h;
}

/**
 * Intersection over union of two boxes, pycocotools `bbIou` semantics (quality-math.md §6): continuous
 * coordinates, no +1; 0 when they do not overlap or the union is 0. With `iscrowd` (b is a crowd ground
 * truth) the union is area(a), as in pycocotools. The result is clamped to [0, 1] so that rounding in
 * (x + w) − x can never push an identical pair above 1.
 */
export function boxIou(a: Box, b: Box, iscrowd = false): number {
  const inter = boxIntersection(a, b);
  if (inter === 0) return 0;
  const union = iscrowd ? boxArea(a) : boxArea(a) + boxArea(b) - inter;
  return union > 0 ? Math.min(1, inter / union) : 0;
}

/**
 * True when the box has finite values, non-negative size and lies within the image [0, width] × [0, height]
 * (touching the border counts as inside). `tolerance` (pixels, default 0: exact) lets a validator accept
 * rounding such as 0.1 + 639.9 > 640.
 */
export function boxInside(b: Box, width: number, height: number, tolerance = 0): boolean {
  const values = [b.x, b.y, b.w, b.h];
  if (!values.every(Number.isFinite) || b.w < 0 || b.h < 0) return false;
  return (
    b.x >= -tolerance &&
    b.y >= -tolerance &&
    b.x + b.w <= width + tolerance &&
    b.y + b.h <= height + tolerance
  );
}
