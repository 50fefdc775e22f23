// Internal ring helpers shared by clipping, triangulation and polygon IoU (not part of the public API).
import { cross, samePoint } from './orientation';
import { polygonSignedArea } from './polygon';
import type { Point, Polygon } from './types';

/** Drops consecutive duplicate vertices, including a last vertex that repeats the first. */
export function dedupeRing(p: Polygon): Point[] {
  const out: Point[] = [];
  for (const v of p) {
    const last = out[out.length - 1];
    if (last === undefined || !samePoint(last, v)) out.push(v);
  }
  while (out.length > 1 && samePoint(out[0]!, out[out.length - 1]!)) out.pop();
  return out;
}

/** The ring with positive signed area (reversed if needed); a zero-area ring is returned as is. */
export function positiveRing(p: Polygon): Point[] {
  const ring = [...p];
  return polygonSignedArea(ring) < 0 ? ring.reverse() : ring;
}

/** The ring translated by (−ox, −oy). */
export function translateRing(p: Polygon, ox: number, oy: number): Point[] {
  return p.map((v) => ({ x: v.x - ox, y: v.y - oy }));
}

/** True when no two turns of the ring have opposite signs (collinear vertices allowed). Assumes simple. */
export function isConvexRing(p: Polygon): boolean {
  const n = p.length;
  let sign = 0;
  for (let i = 0; i < n; i++) {
    const c = cross(p[i]!, p[(i + 1) % n]!, p[(i + 2) % n]!);
    if (c === 0) continue;
    const s = Math.sign(c);
    if (sign === 0) sign = s;
    else if (s !== sign) return false;
  }
  return true;
}

/** Bounds as [minX, minY, maxX, maxY]. */
export function ringExtent(p: Polygon): [number, number, number, number] {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const v of p) {
    if (v.x < minX) minX = v.x;
    if (v.y < minY) minY = v.y;
    if (v.x > maxX) maxX = v.x;
    if (v.y > maxY) maxY = v.y;
  }
  return [minX, minY, maxX, maxY];
}

/** True when two extents overlap with positive area. */
export function extentsOverlap(
  a: readonly [number, number, number, number],
  b: readonly [number, number, number, number],
): boolean {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}
