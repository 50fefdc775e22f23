import type { Box, Point } from '@tessera/geometry';

/** Image → screen transform: screen = image · scale + offset (screen relative to the canvas's top-left). */
export interface Viewport {
  readonly scale: number;
  readonly offsetX: number;
  readonly offsetY: number;
}

export interface ViewSize {
  readonly width: number;
  readonly height: number;
}

export const MIN_SCALE = 1 / 64;
export const MAX_SCALE = 64;
/** Free space left around the image by fit-to-screen, in screen pixels. */
export const FIT_PADDING = 16;

export const IDENTITY_VIEWPORT: Viewport = { scale: 1, offsetX: 0, offsetY: 0 };

const clampScale = (s: number): number => Math.min(MAX_SCALE, Math.max(MIN_SCALE, s));

export function imageToScreen(v: Viewport, p: Point): Point {
  return { x: p.x * v.scale + v.offsetX, y: p.y * v.scale + v.offsetY };
}

export function screenToImage(v: Viewport, p: Point): Point {
  return { x: (p.x - v.offsetX) / v.scale, y: (p.y - v.offsetY) / v.scale };
}

/** The whole image, as large as fits in the view with `padding` around it, centred. */
export function fitViewport(image: ViewSize, view: ViewSize, padding = FIT_PADDING): Viewport {
  if (image.width <= 0 || image.height <= 0 || view.width <= 0 || view.height <= 0) return IDENTITY_VIEWPORT;
  const room = (n: number): number => Math.max(1, n - 2 * padding);
  const scale = clampScale(Math.min(room(view.width) / image.width, room(view.height) / image.height));
  return {
    scale,
    offsetX: (view.width - image.width * scale) / 2,
    offsetY: (view.height - image.height * scale) / 2,
  };
}

/** Zooms by `factor` keeping the image point under `anchor` (a screen point, e.g. the cursor) where it is. */
export function zoomAt(v: Viewport, factor: number, anchor: Point): Viewport {
  if (!(factor > 0) || !Number.isFinite(factor)) return v;
  const scale = clampScale(v.scale * factor);
  if (scale === v.scale) return v;
  const fixed = screenToImage(v, anchor);
  return { scale, offsetX: anchor.x - fixed.x * scale, offsetY: anchor.y - fixed.y * scale };
}

export function panBy(v: Viewport, dx: number, dy: number): Viewport {
  if (dx === 0 && dy === 0) return v;
  return { ...v, offsetX: v.offsetX + dx, offsetY: v.offsetY + dy };
}

/** The part of the image plane the view shows, in image coordinates. */
export function visibleImageRect(v: Viewport, view: ViewSize): Box {
  const a = screenToImage(v, { x: 0, y: 0 });
  return { x: a.x, y: a.y, w: view.width / v.scale, h: view.height / v.scale };
}

/** Pans the least needed to bring `box` (image coordinates) into the view with `margin` screen pixels. */
export function panToShow(v: Viewport, view: ViewSize, box: Box, margin = 24): Viewport {
  const axis = (start: number, size: number, offset: number, length: number): number => {
    const lo = start * v.scale + offset;
    const hi = (start + size) * v.scale + offset;
    if (hi - lo > length - 2 * margin) return offset + (length / 2 - (lo + hi) / 2);
    if (lo < margin) return offset + (margin - lo);
    if (hi > length - margin) return offset - (hi - (length - margin));
    return offset;
  };
  const offsetX = axis(box.x, box.w, v.offsetX, view.width);
  const offsetY = axis(box.y, box.h, v.offsetY, view.height);
  return offsetX === v.offsetX && offsetY === v.offsetY ? v : { ...v, offsetX, offsetY };
}
