import type { Box } from './types';

function lerp(a: number, b: number, t: number): number {
  return (1 - t) * a + t * b;
}

/**
 * Linear interpolation between two keyframe boxes of a video track: each of x, y, w, h is (1 − t)·a + t·b,
 * which is the same as interpolating the two corners and returns a and b exactly at t = 0 and t = 1.
 * Choice: t is not clamped, so t outside [0, 1] extrapolates; callers pass (frame − f0) / (f1 − f0).
 */
export function lerpBox(a: Box, b: Box, t: number): Box {
  return { x: lerp(a.x, b.x, t), y: lerp(a.y, b.y, t), w: lerp(a.w, b.w, t), h: lerp(a.h, b.h, t) };
}
