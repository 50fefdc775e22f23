import { cross } from './orientation';
import { polygonSignedArea } from './polygon';
import { dedupeRing, positiveRing } from './ring';
import type { Point, Polygon } from './types';

/** Keeps the part of `subject` on the left of (or on) the directed line a → b. One Sutherland–Hodgman pass. */
function clipByHalfPlane(subject: readonly Point[], a: Point, b: Point): Point[] {
  const out: Point[] = [];
  const n = subject.length;
  for (let i = 0; i < n; i++) {
    const s = subject[(i + n - 1) % n]!;
    const e = subject[i]!;
    const ds = cross(a, b, s);
    const de = cross(a, b, e);
    if (de >= 0) {
      if (ds < 0) out.push(crossing(s, e, ds, de));
      out.push(e);
    } else if (ds >= 0) {
      out.push(crossing(s, e, ds, de));
    }
  }
  return out;
}

/** Point where segment s → e meets the clip line, from the signed distances (which differ in sign). */
function crossing(s: Point, e: Point, ds: number, de: number): Point {
  const t = ds / (ds - de);
  return { x: s.x + t * (e.x - s.x), y: s.y + t * (e.y - s.y) };
}

/**
 * Clips any polygon (convex or not) by a convex polygon with Sutherland–Hodgman (CACM 1974). For a concave
 * subject the output may contain zero-width bridges, but its signed area is still exactly the area of the
 * intersection (each pass keeps the winding number inside the half-plane). Internal; the clip ring must have
 * positive orientation.
 */
export function clipByConvexRing(subject: readonly Point[], positiveConvexClip: readonly Point[]): Point[] {
  let out = [...subject];
  const m = positiveConvexClip.length;
  for (let i = 0; i < m && out.length > 0; i++) {
    out = clipByHalfPlane(out, positiveConvexClip[i]!, positiveConvexClip[(i + 1) % m]!);
  }
  return out;
}

/**
 * Intersection of two convex polygons (either orientation) by Sutherland–Hodgman clipping of `a` by `b`, as
 * used for rotated BEV boxes (quality-math.md §9). Returns the intersection ring (orientation of `a`, exact
 * consecutive duplicates removed), or `[]` when they do not overlap with positive area or either polygon is
 * degenerate (fewer than 3 vertices or zero area). Both inputs must be convex: for a concave `b` use
 * `polygonIou`/`polygonIntersectionArea`.
 */
export function convexPolygonIntersection(a: Polygon, b: Polygon): Point[] {
  const clip = positiveRing(dedupeRing(b));
  const subject = dedupeRing(a);
  if (clip.length < 3 || subject.length < 3 || polygonSignedArea(clip) === 0) return [];
  const ring = dedupeRing(clipByConvexRing(subject, clip));
  return ring.length < 3 || polygonSignedArea(ring) === 0 ? [] : ring;
}
