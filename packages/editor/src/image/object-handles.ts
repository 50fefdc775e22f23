import type { Point } from '@tessera/geometry';
import type { Geometry } from '@tessera/schema';
import { BOX_HANDLES, type BoxHandle, boxHandlePosition } from './box-resize';
import { geometryBounds } from './object-geometry';

/** A handle of the selected object: a box resize handle, a polygon vertex, or an edge midpoint (insert). */
export type HandleHit =
  | { readonly kind: 'box'; readonly handle: BoxHandle }
  | { readonly kind: 'vertex'; readonly index: number }
  /** The midpoint of the edge from vertex `index` to the next one; dragging it inserts a vertex. */
  | { readonly kind: 'edge'; readonly index: number };

export interface ObjectHandle {
  readonly hit: HandleHit;
  readonly point: Point;
}

/** The handles drawn on a selected object (a point object has none: it is moved by dragging it). */
export function objectHandles(g: Geometry): readonly ObjectHandle[] {
  switch (g.type) {
    case 'box':
      return BOX_HANDLES.map((handle) => ({
        hit: { kind: 'box', handle },
        point: boxHandlePosition(g, handle),
      }));
    case 'polygon': {
      const n = g.points.length;
      const vertices = g.points.map(
        (point, index): ObjectHandle => ({ hit: { kind: 'vertex', index }, point }),
      );
      const edges = g.points.map((a, index): ObjectHandle => {
        const b = g.points[(index + 1) % n]!;
        return { hit: { kind: 'edge', index }, point: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } };
      });
      return [...vertices, ...edges];
    }
    case 'point':
      return [];
  }
}

/** The handle nearest to `p` within `tolerance` (image pixels); on a tie vertices win over edge midpoints. */
export function hitHandle(g: Geometry, p: Point, tolerance: number): HandleHit | null {
  let best: HandleHit | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const h of objectHandles(g)) {
    const d = Math.hypot(h.point.x - p.x, h.point.y - p.y);
    if (d <= tolerance && d < bestDistance) {
      best = h.hit;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * How near a handle a press must be, in image pixels: `tolerance`, shrunk to a quarter of the object's
 * smaller side (but not below a third of `tolerance`), so the middle of an object that is small on screen
 * still moves it instead of grabbing the handles that crowd it.
 */
export function handleTolerance(g: Geometry, tolerance: number): number {
  const b = geometryBounds(g);
  return Math.min(tolerance, Math.max(tolerance / 3, Math.min(b.w, b.h) / 4));
}
