import { type Box, type Point, polygonArea, polygonBounds } from '@tessera/geometry';
import type { Geometry } from '@tessera/schema';

/** Axis-aligned bounds of an object's geometry (a point is a zero-size box). */
export function geometryBounds(g: Geometry): Box {
  switch (g.type) {
    case 'box':
      return { x: g.x, y: g.y, w: g.w, h: g.h };
    case 'polygon':
      return polygonBounds(g.points);
    case 'point':
      return { x: g.x, y: g.y, w: 0, h: 0 };
  }
}

/** Area used to rank overlapping hits (smaller wins): box w·h, polygon shoelace area, point 0. */
export function geometryArea(g: Geometry): number {
  switch (g.type) {
    case 'box':
      return g.w * g.h;
    case 'polygon':
      return polygonArea(g.points);
    case 'point':
      return 0;
  }
}

export function translateGeometry(g: Geometry, dx: number, dy: number): Geometry {
  if (dx === 0 && dy === 0) return g;
  switch (g.type) {
    case 'box':
      return { ...g, x: g.x + dx, y: g.y + dy };
    case 'polygon':
      return { ...g, points: g.points.map((p) => ({ x: p.x + dx, y: p.y + dy })) };
    case 'point':
      return { ...g, x: g.x + dx, y: g.y + dy };
  }
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** The point moved into the image [0, width] × [0, height]. */
export function clampPoint(p: Point, width: number, height: number): Point {
  const x = clamp(p.x, 0, width);
  const y = clamp(p.y, 0, height);
  return x === p.x && y === p.y ? p : { x, y };
}

/**
 * The geometry cut to the image: a box is intersected with it (its size may become 0), polygon vertices and
 * points are clamped into it. Returns `g` itself when it is already inside.
 */
export function clipGeometry(g: Geometry, width: number, height: number): Geometry {
  switch (g.type) {
    case 'box': {
      if (g.x >= 0 && g.y >= 0 && g.x + g.w <= width && g.y + g.h <= height) return g;
      const x0 = clamp(g.x, 0, width);
      const y0 = clamp(g.y, 0, height);
      const x1 = clamp(g.x + g.w, 0, width);
      const y1 = clamp(g.y + g.h, 0, height);
      return { type: 'box', x: x0, y: y0, w: Math.max(0, x1 - x0), h: Math.max(0, y1 - y0) };
    }
    case 'polygon': {
      const points = g.points.map((p) => clampPoint(p, width, height));
      return points.every((p, i) => p === g.points[i]) ? g : { type: 'polygon', points };
    }
    case 'point': {
      const p = clampPoint(g, width, height);
      return p === g ? g : { type: 'point', x: p.x, y: p.y };
    }
  }
}

/** True for a geometry nothing can be seen of: an empty box, a polygon without area, a non-finite value. */
export function isDegenerate(g: Geometry): boolean {
  switch (g.type) {
    case 'box':
      return ![g.x, g.y, g.w, g.h].every(Number.isFinite) || !(g.w > 0) || !(g.h > 0);
    case 'polygon':
      return (
        g.points.length < 3 ||
        !g.points.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y)) ||
        !(polygonArea(g.points) > 0)
      );
    case 'point':
      return !Number.isFinite(g.x) || !Number.isFinite(g.y);
  }
}

/**
 * The translation (dx, dy) shortened so that `bounds` stays inside the image. A bounds already outside on
 * one side is not forced further out; one larger than the image does not move on that axis.
 */
export function clampTranslation(
  bounds: Box,
  dx: number,
  dy: number,
  width: number,
  height: number,
): { readonly dx: number; readonly dy: number } {
  const axis = (d: number, start: number, size: number, limit: number): number => {
    const lo = Math.min(0, -start);
    const hi = Math.max(0, limit - (start + size));
    return clamp(d, lo, hi);
  };
  return { dx: axis(dx, bounds.x, bounds.w, width), dy: axis(dy, bounds.y, bounds.h, height) };
}

/** Union of boxes; the zero box for none. */
export function unionBounds(boxes: readonly Box[]): Box {
  if (boxes.length === 0) return { x: 0, y: 0, w: 0, h: 0 };
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const b of boxes) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.w);
    y1 = Math.max(y1, b.y + b.h);
  }
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}
