import type { Box, Point } from '@tessera/geometry';
import { coord } from '../number-text';
import { percentOf, pxOf } from './ls-percent';

/**
 * Label Studio keeps image regions in percent (0–100) of `original_width/height`, and rotates a rectangle
 * about its top-left corner; the IR rotates about the centre (formats.md §0, §7). Rotation is clockwise on
 * screen in both, i.e. (x, y) ↦ (x cos θ − y sin θ, x sin θ + y cos θ) in y-down pixel coordinates.
 */
export interface LsRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly rotation: number;
}

function turn(dx: number, dy: number, degrees: number): Point {
  const t = (degrees * Math.PI) / 180;
  const c = Math.cos(t);
  const s = Math.sin(t);
  return { x: dx * c - dy * s, y: dx * s + dy * c };
}

/** A Label Studio rectangle (percent, rotated about its top-left corner) → an IR box and rotation. */
export function rectFromLs(v: LsRect, width: number, height: number): { box: Box; rotation: number } {
  const w = pxOf(v.width, width);
  const h = pxOf(v.height, height);
  const x0 = pxOf(v.x, width);
  const y0 = pxOf(v.y, height);
  if (v.rotation === 0) return { box: { x: x0, y: y0, w, h }, rotation: 0 };
  const d = turn(w / 2, h / 2, v.rotation);
  return { box: { x: x0 + d.x - w / 2, y: y0 + d.y - h / 2, w, h }, rotation: v.rotation };
}

/** The inverse of `rectFromLs`. */
export function rectToLs(box: Box, rotation: number, width: number, height: number): LsRect {
  const size = { width: percentOf(box.w, width), height: percentOf(box.h, height) };
  if (rotation === 0) return { x: percentOf(box.x, width), y: percentOf(box.y, height), ...size, rotation };
  // The corner comes out of a rotation: 12 significant digits drop its float noise (≤ 5e-13 relative).
  const d = turn(box.w / 2, box.h / 2, rotation);
  return {
    x: coord(((box.x + box.w / 2 - d.x) / width) * 100),
    y: coord(((box.y + box.h / 2 - d.y) / height) * 100),
    ...size,
    rotation,
  };
}
