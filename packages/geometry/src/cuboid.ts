import { convexPolygonIntersection } from './convex-clip';
import { polygonArea } from './polygon';
import type { Cuboid, Point, Point3 } from './types';

/**
 * BEV corners of `c` relative to the origin (ox, oy), counter-clockwise from above: front-left (+l/2, +w/2),
 * rear-left, rear-right, front-right in the box frame, rotated by yaw (quality-math.md §9 step 1).
 */
function bevCorners(c: Cuboid, ox: number, oy: number): Point[] {
  const cos = Math.cos(c.yaw);
  const sin = Math.sin(c.yaw);
  const cx = c.x - ox;
  const cy = c.y - oy;
  const hl = c.l / 2;
  const hw = c.w / 2;
  return [
    [hl, hw],
    [-hl, hw],
    [-hl, -hw],
    [hl, -hw],
  ].map(([dx, dy]) => ({ x: cx + cos * dx! - sin * dy!, y: cy + sin * dx! + cos * dy! }));
}

/** The 4 bird's-eye-view corners (x, y), counter-clockwise seen from above, starting at the front-left. */
export function cuboidBevCorners(c: Cuboid): Point[] {
  return bevCorners(c, 0, 0);
}

/**
 * The 8 corners of a cuboid: the bottom face (z − h/2) then the top face (z + h/2), each in the order of
 * `cuboidBevCorners` (front-left, rear-left, rear-right, front-right; counter-clockwise seen from above).
 */
export function cuboidCorners(c: Cuboid): Point3[] {
  const bev = cuboidBevCorners(c);
  const bottom = bev.map((p) => ({ x: p.x, y: p.y, z: c.z - c.h / 2 }));
  const top = bev.map((p) => ({ x: p.x, y: p.y, z: c.z + c.h / 2 }));
  return [...bottom, ...top];
}

/**
 * BEV intersection area. Both boxes are expressed relative to a's centre before any corner is computed, so
 * boxes kilometres from the origin keep full precision (only the centre difference b − a is rounded).
 */
function bevIntersectionArea(a: Cuboid, b: Cuboid): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const reach = (Math.hypot(a.l, a.w) + Math.hypot(b.l, b.w)) / 2;
  if (dx * dx + dy * dy >= reach * reach) return 0;
  return polygonArea(convexPolygonIntersection(bevCorners(a, a.x, a.y), bevCorners(b, a.x, a.y)));
}

/** Overlap along z of the two boxes, computed relative to a's centre. */
function zOverlap(a: Cuboid, b: Cuboid): number {
  const dz = b.z - a.z;
  return Math.max(0, Math.min(a.h / 2, dz + b.h / 2) - Math.max(-a.h / 2, dz - b.h / 2));
}

function ratio(inter: number, union: number): number {
  if (!(inter > 0) || !(union > 0)) return 0;
  return Math.min(1, inter / union);
}

/**
 * Bird's-eye-view IoU of two cuboids (quality-math.md §9): A∩ / (A1 + A2 − A∩), where A∩ is the area of the
 * rotated footprints' intersection by convex (Sutherland–Hodgman) clipping; z is ignored. Translation
 * invariant and stable far from the origin (see `cuboidIou3d`). 0 when the union is 0; clamped to [0, 1].
 * Sizes are assumed ≥ 0.
 */
export function cuboidBevIou(a: Cuboid, b: Cuboid): number {
  const inter = bevIntersectionArea(a, b);
  return ratio(inter, a.l * a.w + b.l * b.w - inter);
}

/**
 * 3D IoU of two cuboids (quality-math.md §9, after kitti-object-eval-python `d3_box_overlap_kernel`, but in
 * the IR frame: z up, geometric centre): V∩ = A∩ · z-overlap, IoU = V∩ / (V1 + V2 − V∩). Both boxes are
 * translated so a's centre is the origin before corners are computed, so centres kilometres (or 10⁶ m) from
 * the origin give the same value as at the origin. 0 when the union is 0; clamped to [0, 1]. Sizes ≥ 0.
 */
export function cuboidIou3d(a: Cuboid, b: Cuboid): number {
  const dzOverlap = zOverlap(a, b);
  if (dzOverlap === 0) return 0;
  const inter = bevIntersectionArea(a, b) * dzOverlap;
  return ratio(inter, a.l * a.w * a.h + b.l * b.w * b.h - inter);
}
