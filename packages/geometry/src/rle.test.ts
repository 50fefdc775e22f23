import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rleArea, rleDecode, rleEncode, rleIsValid } from './rle';

/** Row-major mask from rows of '0'/'1'. */
function mask(rows: string[]): Uint8Array {
  return Uint8Array.from(rows.join('').split(''), Number);
}

describe('rleEncode', () => {
  it('encodes column-major runs starting with background (hand values)', () => {
    // 3×3, column-major reading: col0 = 0,1,1; col1 = 0,1,0; col2 = 0,0,0.
    const m = mask(['000', '110', '100']);
    expect(rleEncode(m, 3, 3)).toEqual({ size: [3, 3], counts: [1, 2, 1, 1, 4] });
  });

  it('starts with an empty run when the first pixel is foreground; all-zero → [h·w]; any nonzero is set', () => {
    expect(rleEncode(mask(['10', '00']), 2, 2).counts).toEqual([0, 1, 3]);
    expect(rleEncode(new Uint8Array(6), 2, 3).counts).toEqual([6]);
    expect(rleEncode(new Uint8Array([255, 7]), 1, 2).counts).toEqual([0, 2]);
    expect(rleEncode(new Uint8Array(0), 0, 5).counts).toEqual([0]);
  });

  it('rejects a mask whose length is not h·w', () => {
    expect(() => rleEncode(new Uint8Array(5), 2, 3)).toThrow(RangeError);
    expect(() => rleEncode(new Uint8Array(6), 2.5, 3)).toThrow(RangeError);
  });
});

describe('rleDecode / rleArea / rleIsValid', () => {
  it('decodes to a row-major 0/1 mask', () => {
    expect(Array.from(rleDecode({ size: [3, 3], counts: [1, 2, 1, 1, 4] }))).toEqual(
      Array.from(mask(['000', '110', '100'])),
    );
  });

  it('accepts zero-length runs inside', () => {
    expect(Array.from(rleDecode({ size: [2, 2], counts: [1, 1, 0, 1, 1] }))).toEqual([0, 1, 1, 0]);
  });

  it('sums the foreground runs', () => {
    expect(rleArea({ size: [3, 3], counts: [1, 2, 1, 1, 4] })).toBe(3);
    expect(rleArea({ size: [3, 3], counts: [9] })).toBe(0);
  });

  it('rejects counts that are negative, fractional or do not sum to h·w', () => {
    expect(rleIsValid({ size: [2, 2], counts: [1, 3] })).toBe(true);
    expect(rleIsValid({ size: [2, 2], counts: [1, 2] })).toBe(false);
    expect(rleIsValid({ size: [2, 2], counts: [5, -1] })).toBe(false);
    expect(rleIsValid({ size: [2, 2], counts: [1.5, 2.5] })).toBe(false);
    expect(rleIsValid({ size: [-2, -2], counts: [4] })).toBe(false);
    expect(() => rleDecode({ size: [2, 2], counts: [1, 2] })).toThrow(RangeError);
  });

  it('property: decode(encode(m)) = m (as 0/1) and area = foreground count', () => {
    const arb = fc
      .record({ h: fc.integer({ min: 1, max: 12 }), w: fc.integer({ min: 1, max: 12 }) })
      .chain(({ h, w }) =>
        fc.record({
          h: fc.constant(h),
          w: fc.constant(w),
          bits: fc.uint8Array({ minLength: h * w, maxLength: h * w, max: 2 }),
        }),
      );
    fc.assert(
      fc.property(arb, ({ h, w, bits }) => {
        const rle = rleEncode(bits, h, w);
        expect(rleIsValid(rle)).toBe(true);
        const binary = Array.from(bits, (v) => (v ? 1 : 0));
        expect(Array.from(rleDecode(rle))).toEqual(binary);
        expect(rleArea(rle)).toBe(binary.reduce((s: number, v) => s + v, 0));
        expect(rleEncode(rleDecode(rle), h, w)).toEqual(rle);
      }),
    );
  });
});
