import type { Geometry } from '@tessera/schema';
import type { IssueSink } from './issue-sink';
import { pointer } from './json-pointer';
import {
  findRepeatedVertex,
  findSelfIntersection,
  polygonCoords,
  polygonDoubleArea,
  type Vec2,
} from './polygon-simple';

/** Image size in pixels; a null (or non-finite) side is unknown and its axis is not bounds-checked. */
export interface ImageBounds {
  readonly width: number | null;
  readonly height: number | null;
}

/**
 * Checks one geometry at `base` (the `/objects/i/geometry` pointer).
 *
 * - `invalid_geometry`: a non-finite coordinate or extent; a box with zero width or height (a zero-area box has
 *   no IoU and is almost always a mis-click, so it is rejected like a zero-area polygon); a polygon with a
 *   repeated consecutive vertex, zero area, or crossing/touching edges.
 * - `outside_image`: a box, polygon vertex or point outside [0, width] × [0, height]; coordinates are
 *   continuous and the edges are inclusive (a box may end exactly at `width`).
 */
export function checkGeometry(geometry: Geometry, base: string, bounds: ImageBounds, sink: IssueSink): void {
  switch (geometry.type) {
    case 'box':
      checkBox(geometry, base, bounds, sink);
      return;
    case 'point':
      if (!isFiniteVec(geometry)) sink.add(base, 'invalid_geometry', 'coordinates must be finite numbers');
      else if (!inside(geometry, bounds)) sink.add(base, 'outside_image', 'point lies outside the image');
      return;
    case 'polygon':
      checkPolygon(geometry.points, base, bounds, sink);
      return;
  }
}

interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

function checkBox(box: Box, base: string, bounds: ImageBounds, sink: IssueSink): void {
  const right = box.x + box.w;
  const bottom = box.y + box.h;
  if (
    !(Number.isFinite(right) && Number.isFinite(bottom) && Number.isFinite(box.w) && Number.isFinite(box.h))
  ) {
    sink.add(base, 'invalid_geometry', 'box coordinates and extent must be finite numbers');
    return;
  }
  if (!(box.w > 0)) sink.add(pointer(base, 'w'), 'invalid_geometry', 'box width must be greater than 0');
  if (!(box.h > 0)) sink.add(pointer(base, 'h'), 'invalid_geometry', 'box height must be greater than 0');
  if (!inside({ x: box.x, y: box.y }, bounds) || !inside({ x: right, y: bottom }, bounds)) {
    sink.add(base, 'outside_image', 'box extends outside the image');
  }
}

function checkPolygon(points: readonly Vec2[], base: string, bounds: ImageBounds, sink: IssueSink): void {
  let finite = true;
  for (let k = 0; k < points.length && !sink.full; k++) {
    const p = points[k]!;
    if (!isFiniteVec(p)) {
      finite = false;
      sink.add(pointer(base, 'points', k), 'invalid_geometry', 'coordinates must be finite numbers');
    } else if (!inside(p, bounds))
      sink.add(pointer(base, 'points', k), 'outside_image', 'vertex lies outside the image');
  }
  if (finite) checkPolygonShape(polygonCoords(points), base, sink);
}

function checkPolygonShape(coords: Float64Array, base: string, sink: IssueSink): void {
  const repeated = findRepeatedVertex(coords);
  if (repeated >= 0) {
    const next = (repeated + 1) % (coords.length >> 1);
    sink.add(pointer(base, 'points', next), 'invalid_geometry', `vertex ${next} repeats vertex ${repeated}`);
    return;
  }
  if (!(Math.abs(polygonDoubleArea(coords)) > 0)) {
    sink.add(pointer(base, 'points'), 'invalid_geometry', 'polygon has zero area');
    return;
  }
  const crossing = findSelfIntersection(coords);
  if (crossing !== null) {
    const [i, j] = crossing;
    sink.add(pointer(base, 'points'), 'invalid_geometry', `polygon edges ${i} and ${j} intersect`);
  }
}

function isFiniteVec(p: Vec2): boolean {
  return Number.isFinite(p.x) && Number.isFinite(p.y);
}

function inside(p: Vec2, bounds: ImageBounds): boolean {
  const { width, height } = bounds;
  if (width !== null && Number.isFinite(width) && !(p.x >= 0 && p.x <= width)) return false;
  if (height !== null && Number.isFinite(height) && !(p.y >= 0 && p.y <= height)) return false;
  return true;
}
