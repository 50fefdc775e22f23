import type { Point } from './types';

/**
 * Twice the signed area of triangle (o, a, b): > 0 when o → a → b turns counter-clockwise in a y-up frame
 * (clockwise on a y-down screen), < 0 for the other turn, 0 when collinear. Internal helper.
 */
export function cross(o: Point, a: Point, b: Point): number {
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

/** True when the two points are exactly equal. Internal helper. */
export function samePoint(a: Point, b: Point): boolean {
  return a.x === b.x && a.y === b.y;
}
