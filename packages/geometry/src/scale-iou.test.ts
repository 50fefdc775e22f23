import { describe, expect, it } from 'vitest';
import { scaleIou } from './scale-iou';
import type { Cuboid } from './types';

describe('scaleIou (nuScenes)', () => {
  it('matches quality-math §8: (2,4,1.5) vs (2.2,3.6,1.5) → 10.8/13.08', () => {
    const a = { l: 4, w: 2, h: 1.5 };
    const b = { l: 3.6, w: 2.2, h: 1.5 };
    expect(scaleIou(a, b)).toBeCloseTo(10.8 / 13.08, 12);
    expect(scaleIou(a, b)).toBeCloseTo(0.825688, 6);
    expect(scaleIou(b, a)).toBeCloseTo(10.8 / 13.08, 12);
  });

  it('ignores centre and yaw, and is 1 for identical sizes', () => {
    const a: Cuboid = { x: 1e6, y: 5, z: 0, l: 4, w: 2, h: 1.5, yaw: 1 };
    const b: Cuboid = { ...a, x: 0, yaw: -2 };
    expect(scaleIou(a, b)).toBe(1);
  });

  it('throws on non-positive sizes like the devkit assertion', () => {
    expect(() => scaleIou({ l: 0, w: 1, h: 1 }, { l: 1, w: 1, h: 1 })).toThrow(RangeError);
    expect(() => scaleIou({ l: 1, w: 1, h: 1 }, { l: 1, w: Number.NaN, h: 1 })).toThrow(RangeError);
  });
});
