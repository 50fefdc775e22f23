// Internal: ear-clipping triangulation used by polygon IoU for concave polygons (not part of the public API).
import { cross, samePoint } from './orientation';
import type { Point } from './types';

export type Triangle = readonly [Point, Point, Point];

/** A doubly linked ring of vertex indices that supports O(1) removal. */
interface LinkedRing {
  readonly prev: Int32Array;
  readonly next: Int32Array;
  size: number;
}

function linkedRing(n: number): LinkedRing {
  const prev = new Int32Array(n);
  const next = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    prev[i] = (i + n - 1) % n;
    next[i] = (i + 1) % n;
  }
  return { prev, next, size: n };
}

function unlink(ring: LinkedRing, i: number): void {
  const p = ring.prev[i]!;
  const n = ring.next[i]!;
  ring.next[p] = n;
  ring.prev[n] = p;
  ring.size -= 1;
}

/** True when no other remaining vertex lies in the closed triangle (a, b, c) (positive orientation). */
function isEmptyTriangle(
  pts: readonly Point[],
  ring: LinkedRing,
  ia: number,
  ib: number,
  ic: number,
): boolean {
  const a = pts[ia]!;
  const b = pts[ib]!;
  const c = pts[ic]!;
  const minX = Math.min(a.x, b.x, c.x);
  const maxX = Math.max(a.x, b.x, c.x);
  const minY = Math.min(a.y, b.y, c.y);
  const maxY = Math.max(a.y, b.y, c.y);
  for (let i = ring.next[ic]!; i !== ia; i = ring.next[i]!) {
    const q = pts[i]!;
    if (q.x < minX || q.x > maxX || q.y < minY || q.y > maxY) continue;
    if (samePoint(q, a) || samePoint(q, b) || samePoint(q, c)) continue;
    if (cross(a, b, q) >= 0 && cross(b, c, q) >= 0 && cross(c, a, q) >= 0) return false;
  }
  return true;
}

/** The remaining vertex with the sharpest convex turn: the fallback ear when rounding hides every real ear. */
function sharpestConvex(pts: readonly Point[], ring: LinkedRing, start: number): number {
  let best = start;
  let bestCross = Number.NEGATIVE_INFINITY;
  let i = start;
  do {
    const c = cross(pts[ring.prev[i]!]!, pts[i]!, pts[ring.next[i]!]!);
    if (c > bestCross) {
      bestCross = c;
      best = i;
    }
    i = ring.next[i]!;
  } while (i !== start);
  return best;
}

/**
 * Triangulates a simple polygon given as a positively oriented ring without consecutive duplicates, by ear
 * clipping (Meisters' two-ears theorem). Collinear vertices are dropped (they add no area). The triangles
 * partition the polygon, so their areas sum to its area. If rounding hides every ear (near-degenerate or
 * non-simple input) the sharpest convex vertex is clipped anyway: best effort, never an infinite loop.
 */
export function triangulateRing(pts: readonly Point[]): Triangle[] {
  const triangles: Triangle[] = [];
  if (pts.length < 3) return triangles;
  const ring = linkedRing(pts.length);
  let cur = 0;
  let misses = 0;
  while (ring.size > 3) {
    const p = ring.prev[cur]!;
    const n = ring.next[cur]!;
    const turn = cross(pts[p]!, pts[cur]!, pts[n]!);
    const forced = misses >= ring.size;
    if (forced) cur = sharpestConvex(pts, ring, cur);
    if (turn === 0 && !forced) {
      unlink(ring, cur);
    } else if (forced || (turn > 0 && isEmptyTriangle(pts, ring, p, cur, n))) {
      const fp = ring.prev[cur]!;
      const fn = ring.next[cur]!;
      if (cross(pts[fp]!, pts[cur]!, pts[fn]!) > 0) triangles.push([pts[fp]!, pts[cur]!, pts[fn]!]);
      unlink(ring, cur);
    } else {
      cur = n;
      misses += 1;
      continue;
    }
    cur = ring.prev[cur]!;
    misses = 0;
  }
  const a = ring.prev[cur]!;
  const c = ring.next[cur]!;
  if (cross(pts[a]!, pts[cur]!, pts[c]!) > 0) triangles.push([pts[a]!, pts[cur]!, pts[c]!]);
  return triangles;
}
