import { boxIou, polygonIou, spanIou } from '@tessera/geometry';
import type { Geometry, LabeledObject, LabeledSpan } from '@tessera/schema';

/** Points within this distance (pixels) count as the same point, linearly less similar as they part. */
export const POINT_MATCH_RADIUS_PX = 20;

/**
 * Similarity of two geometries in [0, 1]: IoU for boxes and polygons, `1 − d / 20 px` (floored at 0) for
 * points, 0 across different geometry types.
 */
export function geometrySimilarity(a: Geometry, b: Geometry): number {
  if (a.type === 'box' && b.type === 'box') return boxIou(a, b);
  if (a.type === 'polygon' && b.type === 'polygon') return polygonIou(a.points, b.points);
  if (a.type === 'point' && b.type === 'point') {
    return Math.max(0, 1 - Math.hypot(a.x - b.x, a.y - b.y) / POINT_MATCH_RADIUS_PX);
  }
  return 0;
}

/** Same class required; then geometry similarity. */
export function objectSimilarity(a: LabeledObject, b: LabeledObject): number {
  return a.class_id === b.class_id ? geometrySimilarity(a.geometry, b.geometry) : 0;
}

/** Same class required; then span IoU (half-open ranges). */
export function spanSimilarity(a: LabeledSpan, b: LabeledSpan): number {
  return a.class_id === b.class_id ? spanIou(a, b) : 0;
}
