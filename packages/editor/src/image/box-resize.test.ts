import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BOX_HANDLES, type BoxHandle, boxHandlePosition, normalizeBox, resizeBox } from './box-resize';
import { finite } from './test-fixtures';

const b = { x: 10, y: 20, w: 30, h: 40 };

/** The handle diagonally (or straight) across: it must not move while `handle` is dragged. */
const OPPOSITE: Record<BoxHandle, BoxHandle> = {
  nw: 'se',
  n: 's',
  ne: 'sw',
  e: 'w',
  se: 'nw',
  s: 'n',
  sw: 'ne',
  w: 'e',
};

describe('box resize', () => {
  it('places the eight handles on corners and edge midpoints', () => {
    expect(BOX_HANDLES.map((h) => boxHandlePosition(b, h))).toEqual([
      { x: 10, y: 20 },
      { x: 25, y: 20 },
      { x: 40, y: 20 },
      { x: 40, y: 40 },
      { x: 40, y: 60 },
      { x: 25, y: 60 },
      { x: 10, y: 60 },
      { x: 10, y: 40 },
    ]);
  });

  it('moves only the edges under the handle', () => {
    expect(resizeBox(b, 'se', { x: 50, y: 70 })).toEqual({ x: 10, y: 20, w: 40, h: 50 });
    expect(resizeBox(b, 'n', { x: 999, y: 0 })).toEqual({ x: 10, y: 0, w: 30, h: 60 });
    expect(resizeBox(b, 'w', { x: 15, y: -999 })).toEqual({ x: 15, y: 20, w: 25, h: 40 });
  });

  it('flips a box dragged past its opposite edge, keeping the size non-negative', () => {
    expect(resizeBox(b, 'e', { x: 0, y: 0 })).toEqual({ x: 0, y: 20, w: 10, h: 40 });
    expect(resizeBox(b, 'nw', { x: 50, y: 70 })).toEqual({ x: 40, y: 60, w: 10, h: 10 });
  });

  it('normalises two corners in any order', () => {
    expect(normalizeBox(5, 9, 1, 2)).toEqual({ x: 1, y: 2, w: 4, h: 7 });
  });

  it('keeps the opposite handle fixed, the size non-negative, and a corner at the pointer (property)', () => {
    const arb = fc.record({
      box: fc.record({ x: finite(-50, 50), y: finite(-50, 50), w: finite(0, 40), h: finite(0, 40) }),
      handle: fc.constantFrom(...BOX_HANDLES),
      to: fc.record({ x: finite(-100, 100), y: finite(-100, 100) }),
    });
    fc.assert(
      fc.property(arb, ({ box, handle, to }) => {
        const r = resizeBox(box, handle, to);
        expect(r.w).toBeGreaterThanOrEqual(0);
        expect(r.h).toBeGreaterThanOrEqual(0);
        const fixed = boxHandlePosition(box, OPPOSITE[handle]);
        const xs = [r.x, r.x + r.w];
        const ys = [r.y, r.y + r.h];
        if (handle !== 'n' && handle !== 's') {
          expect(xs.some((x) => Math.abs(x - fixed.x) < 1e-9)).toBe(true);
          expect(xs.some((x) => Math.abs(x - to.x) < 1e-9)).toBe(true);
        } else {
          expect(r.x).toBe(box.x);
          expect(r.w).toBeCloseTo(box.w, 9);
        }
        if (handle !== 'e' && handle !== 'w') {
          expect(ys.some((y) => Math.abs(y - fixed.y) < 1e-9)).toBe(true);
          expect(ys.some((y) => Math.abs(y - to.y) < 1e-9)).toBe(true);
        } else {
          expect(r.y).toBe(box.y);
          expect(r.h).toBeCloseTo(box.h, 9);
        }
      }),
    );
  });

  it('dragging a handle back to where it started gives the original box (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BOX_HANDLES), (handle) => {
        const back = resizeBox(b, handle, boxHandlePosition(b, handle));
        expect(back).toEqual(b);
      }),
    );
  });
});
