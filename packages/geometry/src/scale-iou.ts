import type { Cuboid } from './types';

type Sized = Pick<Cuboid, 'l' | 'w' | 'h'>;

/**
 * nuScenes `scale_iou` (nuscenes-devkit `eval/common/utils.py`, quality-math.md §8): the IoU of the two boxes
 * after aligning their centres and orientation, ∏ min(size) / (V_a + V_b − ∏ min(size)). Only l, w, h are read
 * (their order does not matter). Choice: like the devkit's assertion, any size that is not a finite positive
 * number throws RangeError. Example: (2, 4, 1.5) vs (2.2, 3.6, 1.5) → 10.8 / 13.08.
 */
export function scaleIou(a: Sized, b: Sized): number {
  for (const v of [a.l, a.w, a.h, b.l, b.w, b.h]) {
    if (!(Number.isFinite(v) && v > 0)) throw new RangeError(`scaleIou: sizes must be > 0, got ${v}`);
  }
  const inter = Math.min(a.l, b.l) * Math.min(a.w, b.w) * Math.min(a.h, b.h);
  return inter / (a.l * a.w * a.h + b.l * b.w * b.h - inter);
}
