import { imageToScreen, type Viewport } from '@tessera/editor';
import type { Point } from '@tessera/geometry';
import type { Geometry } from '@tessera/schema';

/** The part of a 2D canvas context the image workspace draws with (tests pass a recording fake). */
export type Paint = Pick<
  CanvasRenderingContext2D,
  | 'beginPath'
  | 'rect'
  | 'moveTo'
  | 'lineTo'
  | 'closePath'
  | 'arc'
  | 'fill'
  | 'stroke'
  | 'save'
  | 'restore'
  | 'setLineDash'
  | 'drawImage'
  | 'fillText'
  | 'fillRect'
  | 'strokeRect'
> & {
  fillStyle: CanvasRenderingContext2D['fillStyle'];
  strokeStyle: CanvasRenderingContext2D['strokeStyle'];
  lineWidth: number;
  globalAlpha: number;
  imageSmoothingEnabled: boolean;
  font: string;
};

/** Radius of a point object on screen, in pixels. */
export const POINT_RADIUS = 4;

/**
 * Adds the outline of a box or polygon to the current path, in screen pixels. Points are not outlines (see
 * `addPointPath`); for them this adds nothing and returns false.
 */
export function addOutlinePath(paint: Paint, g: Geometry, v: Viewport): boolean {
  switch (g.type) {
    case 'box':
      paint.rect(g.x * v.scale + v.offsetX, g.y * v.scale + v.offsetY, g.w * v.scale, g.h * v.scale);
      return true;
    case 'polygon': {
      const [first, ...rest] = g.points;
      if (first === undefined) return false;
      paint.moveTo(first.x * v.scale + v.offsetX, first.y * v.scale + v.offsetY);
      for (const p of rest) paint.lineTo(p.x * v.scale + v.offsetX, p.y * v.scale + v.offsetY);
      paint.closePath();
      return true;
    }
    case 'point':
      return false;
  }
}

/** Adds a circle of `radius` screen pixels around an image point to the current path. */
export function addPointPath(paint: Paint, p: Point, v: Viewport, radius = POINT_RADIUS): void {
  const s = imageToScreen(v, p);
  paint.moveTo(s.x + radius, s.y);
  paint.arc(s.x, s.y, radius, 0, 2 * Math.PI);
}
