import { clipByConvexRing } from './convex-clip';
import { polygonSignedArea } from './polygon';
import { dedupeRing, extentsOverlap, isConvexRing, positiveRing, ringExtent, translateRing } from './ring';
import { triangulateRing } from './triangulate';
import type { Point, Polygon } from './types';

/** Both rings deduplicated, positively oriented and translated so a's bounding-box corner is the origin. */
function prepare(a: Polygon, b: Polygon): [Point[], Point[]] {
  const ra = dedupeRing(a);
  const rb = dedupeRing(b);
  const [ox, oy] = ringExtent(ra);
  return [positiveRing(translateRing(ra, ox, oy)), positiveRing(translateRing(rb, ox, oy))];
}

/**
 * Area of the intersection of two simple polygons, convex or concave, either orientation. Exact up to
 * floating point, no rasterisation: if either polygon is convex the other is clipped by it with
 * Sutherland–Hodgman; otherwise `b` is triangulated by ear clipping and `a` is clipped by each (convex)
 * triangle, summing the signed areas of the clipped rings (a concave subject clipped by a convex polygon keeps
 * its exact area). Both are first translated near the origin for precision. Cost O(|a|·|b|) plus the
 * triangulation. Self-intersecting inputs give an unspecified value (check with `polygonIsSimple`).
 */
export function polygonIntersectionArea(a: Polygon, b: Polygon): number {
  return intersectionAndAreas(a, b)[0];
}

/** [intersection area, area(a), area(b)], all computed in the same translated frame. */
function intersectionAndAreas(a: Polygon, b: Polygon): [number, number, number] {
  const [pa, pb] = prepare(a, b);
  const areaA = Math.max(0, polygonSignedArea(pa));
  const areaB = Math.max(0, polygonSignedArea(pb));
  if (!(areaA > 0 && areaB > 0)) return [0, areaA, areaB];
  const extentA = ringExtent(pa);
  if (!extentsOverlap(extentA, ringExtent(pb))) return [0, areaA, areaB];
  let total = 0;
  if (isConvexRing(pb)) total = polygonSignedArea(clipByConvexRing(pa, pb));
  else if (isConvexRing(pa)) total = polygonSignedArea(clipByConvexRing(pb, pa));
  else {
    for (const triangle of triangulateRing(pb)) {
      if (!extentsOverlap(extentA, ringExtent(triangle))) continue;
      total += polygonSignedArea(clipByConvexRing(pa, triangle));
    }
  }
  return [Math.min(Math.max(0, total), areaA, areaB), areaA, areaB];
}

/**
 * Intersection over union of two simple polygons (convex or concave, either orientation), from the exact
 * intersection area of `polygonIntersectionArea`: I / (area(a) + area(b) − I), clamped to [0, 1]; 0 when
 * the union is 0 (degenerate polygons).
 */
export function polygonIou(a: Polygon, b: Polygon): number {
  const [inter, areaA, areaB] = intersectionAndAreas(a, b);
  if (inter === 0) return 0;
  const union = areaA + areaB - inter;
  return union > 0 ? Math.min(1, inter / union) : 0;
}
