/** A 2D point in continuous image coordinates. */
export interface Vec2 {
  readonly x: number;
  readonly y: number;
}

/**
 * A polygon's vertices as interleaved `[x0, y0, x1, y1, …]`. The checks below run on this copy rather than on
 * the payload's objects: typed-array access stays fast whatever shapes the incoming point objects have.
 */
export type PolygonCoords = Float64Array;

export function polygonCoords(points: readonly Vec2[]): PolygonCoords {
  const coords = new Float64Array(points.length * 2);
  points.forEach((p, k) => {
    coords[2 * k] = p.x;
    coords[2 * k + 1] = p.y;
  });
  return coords;
}

/** Twice the signed area by the shoelace formula; positive for counter-clockwise in a y-up frame. */
export function polygonDoubleArea(c: PolygonCoords): number {
  const n = c.length >> 1;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const j = i + 1 === n ? 0 : i + 1;
    sum += c[2 * i]! * c[2 * j + 1]! - c[2 * j]! * c[2 * i + 1]!;
  }
  return sum;
}

/** Index of the first vertex equal to its successor (a zero-length edge, the closing one included), or -1. */
export function findRepeatedVertex(c: PolygonCoords): number {
  const n = c.length >> 1;
  for (let i = 0; i < n; i++) {
    const j = i + 1 === n ? 0 : i + 1;
    if (c[2 * i] === c[2 * j] && c[2 * i + 1] === c[2 * j + 1]) return i;
  }
  return -1;
}

/**
 * Finds two edges of a closed polygon that cross or touch (edge i runs from vertex i to vertex i+1), or
 * returns null when the polygon is simple. Adjacent edges may only share their common vertex: folding back
 * along the previous edge counts as an intersection. Expects no zero-length edges (`findRepeatedVertex`).
 *
 * Exact orientation tests in double precision. Small polygons test every pair of edges; larger ones sweep the
 * edges in order of their left end and test only pairs whose bounding boxes overlap: O(n log n + k) for
 * ordinary outlines, O(n²) in the worst case (many edges spanning the whole width).
 */
export function findSelfIntersection(c: PolygonCoords): readonly [number, number] | null {
  return c.length >> 1 <= SMALL_POLYGON ? allPairs(c) : sweep(c);
}

/** Up to this many vertices every pair of edges is tested: cheaper than sorting, and allocation-free. */
const SMALL_POLYGON = 32;

function allPairs(c: PolygonCoords): readonly [number, number] | null {
  const n = c.length >> 1;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) if (edgesConflict(c, n, i, j)) return [i, j];
  }
  return null;
}

function sweep(c: PolygonCoords): readonly [number, number] | null {
  const n = c.length >> 1;
  // box[4i..4i+3] = minX, maxX, minY, maxY of edge i
  const box = new Float64Array(n * 4);
  for (let i = 0; i < n; i++) {
    const j = i + 1 === n ? 0 : i + 1;
    box[4 * i] = Math.min(c[2 * i]!, c[2 * j]!);
    box[4 * i + 1] = Math.max(c[2 * i]!, c[2 * j]!);
    box[4 * i + 2] = Math.min(c[2 * i + 1]!, c[2 * j + 1]!);
    box[4 * i + 3] = Math.max(c[2 * i + 1]!, c[2 * j + 1]!);
  }
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((i, j) => box[4 * i]! - box[4 * j]!);
  for (let oi = 0; oi < n; oi++) {
    const i = order[oi]!;
    for (let oj = oi + 1; oj < n; oj++) {
      const j = order[oj]!;
      if (box[4 * j]! > box[4 * i + 1]!) break;
      if (box[4 * j + 2]! > box[4 * i + 3]! || box[4 * j + 3]! < box[4 * i + 2]!) continue;
      if (edgesConflict(c, n, i, j)) return i < j ? [i, j] : [j, i];
    }
  }
  return null;
}

function edgesConflict(c: PolygonCoords, n: number, i: number, j: number): boolean {
  const i1 = i + 1 === n ? 0 : i + 1;
  const j1 = j + 1 === n ? 0 : j + 1;
  if (j === i1) return foldsBack(c, i, j, j1);
  if (i === j1) return foldsBack(c, j, i, i1);
  return segmentsIntersect(
    c[2 * i]!,
    c[2 * i + 1]!,
    c[2 * i1]!,
    c[2 * i1 + 1]!,
    c[2 * j]!,
    c[2 * j + 1]!,
    c[2 * j1]!,
    c[2 * j1 + 1]!,
  );
}

/** Edges p→s and s→q (vertex indices) overlap beyond s: collinear, with q on the same side of s as p. */
function foldsBack(c: PolygonCoords, p: number, s: number, q: number): boolean {
  const px = c[2 * p]! - c[2 * s]!;
  const py = c[2 * p + 1]! - c[2 * s + 1]!;
  const qx = c[2 * q]! - c[2 * s]!;
  const qy = c[2 * q + 1]! - c[2 * s + 1]!;
  return px * qy - py * qx === 0 && px * qx + py * qy > 0;
}

/** Sign of the turn a→b→p: > 0 left, < 0 right, 0 collinear. */
function orientation(ax: number, ay: number, bx: number, by: number, px: number, py: number): number {
  return (bx - ax) * (py - ay) - (by - ay) * (px - ax);
}

/** Closed segments ab and cd share at least one point (touching counts). */
export function segmentsIntersect(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): boolean {
  const o1 = orientation(ax, ay, bx, by, cx, cy);
  const o2 = orientation(ax, ay, bx, by, dx, dy);
  const o3 = orientation(cx, cy, dx, dy, ax, ay);
  const o4 = orientation(cx, cy, dx, dy, bx, by);
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) return true;
  return (
    (o1 === 0 && withinBox(ax, ay, bx, by, cx, cy)) ||
    (o2 === 0 && withinBox(ax, ay, bx, by, dx, dy)) ||
    (o3 === 0 && withinBox(cx, cy, dx, dy, ax, ay)) ||
    (o4 === 0 && withinBox(cx, cy, dx, dy, bx, by))
  );
}

function withinBox(ax: number, ay: number, bx: number, by: number, px: number, py: number): boolean {
  return px >= Math.min(ax, bx) && px <= Math.max(ax, bx) && py >= Math.min(ay, by) && py <= Math.max(ay, by);
}
