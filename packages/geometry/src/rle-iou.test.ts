import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rleEncode } from './rle';
import { rleIou, rleMerge, rleToBbox } from './rle-iou';
import type { Rle } from './types';

const rle = (h: number, w: number, counts: number[]): Rle => ({ size: [h, w], counts });

describe('rleIou', () => {
  it('computes mask IoU (hand values)', () => {
    // 4×4: a = pixels 0..7 (columns 0-1), b = pixels 4..11 (columns 1-2): ∩ 4, ∪ 12.
    expect(rleIou(rle(4, 4, [0, 8, 8]), rle(4, 4, [4, 8, 4]))).toBe(1 / 3);
    expect(rleIou(rle(4, 4, [0, 8, 8]), rle(4, 4, [0, 8, 8]))).toBe(1);
    expect(rleIou(rle(4, 4, [0, 8, 8]), rle(4, 4, [8, 8]))).toBe(0);
    expect(rleIou(rle(4, 4, [16]), rle(4, 4, [16]))).toBe(0); // both empty
  });

  it('uses area(a) as the union for a crowd ground truth', () => {
    expect(rleIou(rle(4, 4, [0, 8, 8]), rle(4, 4, [4, 8, 4]), true)).toBe(4 / 8);
    expect(rleIou(rle(4, 4, [4, 4, 8]), rle(4, 4, [0, 16]), true)).toBe(1);
  });

  it('throws on different sizes (pycocotools returns −1)', () => {
    expect(() => rleIou(rle(4, 4, [16]), rle(2, 8, [16]))).toThrow(RangeError);
  });

  it('properties: matches a pixel count, in [0,1], symmetric without crowd, IoU(a,a) = 1', () => {
    const masks = fc
      .record({ h: fc.integer({ min: 1, max: 10 }), w: fc.integer({ min: 1, max: 10 }) })
      .chain(({ h, w }) =>
        fc.tuple(
          fc.constant(h),
          fc.constant(w),
          fc.uint8Array({ minLength: h * w, maxLength: h * w, max: 1 }),
          fc.uint8Array({ minLength: h * w, maxLength: h * w, max: 1 }),
        ),
      );
    fc.assert(
      fc.property(masks, ([h, w, ma, mb]) => {
        const a = rleEncode(ma, h, w);
        const b = rleEncode(mb, h, w);
        let inter = 0;
        let union = 0;
        ma.forEach((v, i) => {
          if (v && mb[i]) inter += 1;
          if (v || mb[i]) union += 1;
        });
        const iou = rleIou(a, b);
        expect(iou).toBe(inter === 0 ? 0 : inter / union);
        expect(rleIou(b, a)).toBe(iou);
        if (ma.some((v) => v === 1)) expect(rleIou(a, a)).toBe(1);
        const merged = rleMerge([a, b]);
        const both = rleMerge([a, b], true);
        expect(merged).toEqual(
          rleEncode(
            ma.map((v, i) => v | mb[i]!),
            h,
            w,
          ),
        );
        expect(both).toEqual(
          rleEncode(
            ma.map((v, i) => v & mb[i]!),
            h,
            w,
          ),
        );
      }),
    );
  });
});

describe('rleMerge', () => {
  it('matches pycocotools rleMerge (values from the compiled C)', () => {
    const a = rle(4, 4, [2, 3, 11]);
    const b = rle(4, 4, [6, 2, 1, 2, 5]);
    expect(rleMerge([a, b]).counts).toEqual([2, 3, 1, 2, 1, 2, 5]);
    expect(rleMerge([a, b], true).counts).toEqual([16]);
    expect(rleMerge([rle(3, 3, [0, 9]), rle(3, 3, [4, 1, 4])]).counts).toEqual([0, 9]);
    expect(rleMerge([a])).toEqual(a);
  });

  it('throws on an empty list or different sizes', () => {
    expect(() => rleMerge([])).toThrow(RangeError);
    expect(() => rleMerge([rle(4, 4, [16]), rle(2, 8, [16])])).toThrow(RangeError);
  });
});

describe('rleToBbox', () => {
  it('matches pycocotools rleToBbox, including the full-height quirk for wrapping runs', () => {
    expect(rleToBbox(rle(4, 4, [5, 2, 9]))).toEqual({ x: 1, y: 1, w: 1, h: 2 });
    expect(rleToBbox(rle(4, 4, [2, 5, 9]))).toEqual({ x: 0, y: 0, w: 2, h: 4 }); // run wraps col 0 → 1
    expect(rleToBbox(rle(4, 4, [16]))).toEqual({ x: 0, y: 0, w: 0, h: 0 });
    expect(rleToBbox(rle(4, 4, [0, 16]))).toEqual({ x: 0, y: 0, w: 4, h: 4 });
  });
});
