import { cross, samePoint } from './orientation';
import type { Point, Polygon } from './types';

/** True when q, known to be collinear with segment [a, b], lies on it (endpoints included). */
function onSegment(a: Point, b: Point, q: Point): boolean {
  return (
    Math.min(a.x, b.x) <= q.x &&
    q.x <= Math.max(a.x, b.x) &&
    Math.min(a.y, b.y) <= q.y &&
    q.y <= Math.max(a.y, b.y)
  );
}

/** True when closed segments [a, b] and [c, d] share at least one point (touching counts). */
export function segmentsIntersect(a: Point, b: Point, c: Point, d: Point): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return (
    (d1 === 0 && onSegment(c, d, a)) ||
    (d2 === 0 && onSegment(c, d, b)) ||
    (d3 === 0 && onSegment(a, b, c)) ||
    (d4 === 0 && onSegment(a, b, d))
  );
}

/** Adjacent edges a→b, b→c overlap beyond their shared vertex when the ring folds straight back at b. */
function foldsBack(a: Point, b: Point, c: Point): boolean {
  if (cross(a, b, c) !== 0) return false;
  return (b.x - a.x) * (c.x - b.x) + (b.y - a.y) * (c.y - b.y) < 0;
}

function edgesDisjointByBounds(a: Point, b: Point, c: Point, d: Point): boolean {
  return (
    Math.max(a.x, b.x) < Math.min(c.x, d.x) ||
    Math.max(c.x, d.x) < Math.min(a.x, b.x) ||
    Math.max(a.y, b.y) < Math.min(c.y, d.y) ||
    Math.max(c.y, d.y) < Math.min(a.y, b.y)
  );
}

/**
 * True when the polygon is simple: at least 3 vertices, all finite, no zero-length edge (so no repeated
 * consecutive vertex and no explicit closing vertex), adjacent edges meet only at their shared vertex (no
 * fold-back spike) and non-adjacent edges share no point at all (touching counts as an intersection).
 * Choice: strict, so a validator rejects "weakly simple" rings whose boundary touches itself. O(n²) edge pairs
 * with a bounding-box reject; exact orientation tests in floating point.
 */
export function polygonIsSimple(p: Polygon): boolean {
  const n = p.length;
  if (n < 3) return false;
  if (!p.every((v) => Number.isFinite(v.x) && Number.isFinite(v.y))) return false;
  for (let i = 0; i < n; i++) {
    const a = p[i]!;
    const b = p[(i + 1) % n]!;
    if (samePoint(a, b) || foldsBack(a, b, p[(i + 2) % n]!)) return false;
  }
  for (let i = 0; i < n; i++) {
    const a = p[i]!;
    const b = p[(i + 1) % n]!;
    // Edge j is non-adjacent to edge i when j ∉ {i − 1, i, i + 1} (mod n); the last edge is adjacent to edge 0.
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      const c = p[j]!;
      const d = p[(j + 1) % n]!;
      if (edgesDisjointByBounds(a, b, c, d)) continue;
      if (segmentsIntersect(a, b, c, d)) return false;
    }
  }
  return true;
}
