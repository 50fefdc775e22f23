import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lerpBox } from './interpolate';
import { boxArb, finite } from './test-arbitraries';

describe('lerpBox', () => {
  const a = { x: 0, y: 10, w: 20, h: 40 };
  const b = { x: 10, y: 30, w: 40, h: 20 };

  it('interpolates each field linearly (hand values)', () => {
    expect(lerpBox(a, b, 0.5)).toEqual({ x: 5, y: 20, w: 30, h: 30 });
    expect(lerpBox(a, b, 0.25)).toEqual({ x: 2.5, y: 15, w: 25, h: 35 });
  });

  it('does not clamp t (extrapolates)', () => {
    expect(lerpBox(a, b, 2)).toEqual({ x: 20, y: 50, w: 60, h: 0 });
  });

  it('property: exact at the keyframes, corners interpolate linearly too', () => {
    fc.assert(
      fc.property(boxArb, boxArb, finite(0, 1), (p, q, t) => {
        expect(lerpBox(p, q, 0)).toEqual(p);
        expect(lerpBox(p, q, 1)).toEqual(q);
        const m = lerpBox(p, q, t);
        const right = (1 - t) * (p.x + p.w) + t * (q.x + q.w);
        expect(m.x + m.w).toBeCloseTo(right, 9);
      }),
    );
  });
});
