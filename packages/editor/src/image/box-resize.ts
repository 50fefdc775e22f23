import type { Box, Point } from '@tessera/geometry';

/** The eight resize handles of a box: corners and edge midpoints, named by compass direction (y down). */
export type BoxHandle = 'nw' | 'n' | 'ne' | 'e' | 'se' | 's' | 'sw' | 'w';
export const BOX_HANDLES: readonly BoxHandle[] = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'];

/** Which edges a handle drags: −1 the left/top edge, 1 the right/bottom edge, 0 neither. */
function edgesOf(handle: BoxHandle): { readonly h: -1 | 0 | 1; readonly v: -1 | 0 | 1 } {
  const h = handle.includes('w') ? -1 : handle.includes('e') ? 1 : 0;
  const v = handle.includes('n') ? -1 : handle.includes('s') ? 1 : 0;
  return { h, v };
}

export function boxHandlePosition(box: Box, handle: BoxHandle): Point {
  const { h, v } = edgesOf(handle);
  return { x: box.x + ((h + 1) / 2) * box.w, y: box.y + ((v + 1) / 2) * box.h };
}

/**
 * The box `origin` with the edges under `handle` moved to `to` (a corner moves two edges, an edge handle one).
 * Dragging past the opposite edge flips the box: the size stays non-negative and the fixed edges stay put.
 * Always computed from the box at the start of the drag, so a drag that flips and comes back is exact.
 */
export function resizeBox(origin: Box, handle: BoxHandle, to: Point): Box {
  const { h, v } = edgesOf(handle);
  let x0 = origin.x;
  let x1 = origin.x + origin.w;
  let y0 = origin.y;
  let y1 = origin.y + origin.h;
  if (h === -1) x0 = to.x;
  if (h === 1) x1 = to.x;
  if (v === -1) y0 = to.y;
  if (v === 1) y1 = to.y;
  return normalizeBox(x0, y0, x1, y1);
}

/** The box spanned by two opposite corners, in any order. */
export function normalizeBox(x0: number, y0: number, x1: number, y1: number): Box {
  return { x: Math.min(x0, x1), y: Math.min(y0, y1), w: Math.abs(x1 - x0), h: Math.abs(y1 - y0) };
}
