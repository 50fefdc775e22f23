import type { Point, Polygon } from '@tessera/geometry';
import type { Geometry, LabeledObject } from '@tessera/schema';
import { geometryArea } from './object-geometry';

/** Euclidean distance from `p` to the segment a–b. */
export function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** Even-odd point-in-polygon test (points exactly on an edge may go either way; callers add a tolerance). */
export function pointInPolygon(p: Point, ring: Polygon): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** Distance from `p` to the nearest edge of the closed ring. */
export function distanceToRing(p: Point, ring: Polygon): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    best = Math.min(best, distanceToSegment(p, ring[j]!, ring[i]!));
  }
  return best;
}

/**
 * Does a click at `p` land on the geometry? Boxes and polygons are filled, so their inside counts, plus
 * `tolerance` pixels around the outline; a point counts within `tolerance`.
 */
export function geometryHit(g: Geometry, p: Point, tolerance: number): boolean {
  switch (g.type) {
    case 'box':
      return (
        p.x >= g.x - tolerance &&
        p.x <= g.x + g.w + tolerance &&
        p.y >= g.y - tolerance &&
        p.y <= g.y + g.h + tolerance
      );
    case 'polygon':
      return pointInPolygon(p, g.points) || distanceToRing(p, g.points) <= tolerance;
    case 'point':
      return Math.hypot(p.x - g.x, p.y - g.y) <= tolerance;
  }
}

/** What decides between overlapping hits. */
export interface HitRank {
  readonly index: number;
  readonly isPoint: boolean;
  readonly area: number;
}

/**
 * True when `a` should win over `b`: points before shapes (they are small and drawn on top), then the smaller
 * area (so a box inside a larger one stays reachable), then the one drawn later (higher index).
 */
export function outranks(a: HitRank, b: HitRank): boolean {
  if (a.isPoint !== b.isPoint) return a.isPoint;
  if (a.area !== b.area) return a.area < b.area;
  return a.index > b.index;
}

export function hitRankOf(o: LabeledObject, index: number): HitRank {
  return { index, isPoint: o.geometry.type === 'point', area: geometryArea(o.geometry) };
}

/** The index of the object hit at `p` by checking every object (the reference for `HitIndex`); −1 for none. */
export function hitTestAll(objects: readonly LabeledObject[], p: Point, tolerance: number): number {
  let best: HitRank | null = null;
  for (let index = 0; index < objects.length; index++) {
    const o = objects[index]!;
    if (!geometryHit(o.geometry, p, tolerance)) continue;
    const rank = hitRankOf(o, index);
    if (best === null || outranks(rank, best)) best = rank;
  }
  return best === null ? -1 : best.index;
}
