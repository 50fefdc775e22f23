import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rleFromString, rleToString } from './rle-string';

// Expected strings produced by pycocotools maskApi.c `rleToString` compiled from source (cocodataset/cocoapi).
const fixtures: [number[], string][] = [
  [[0, 1, 2, 3, 100000, 100], '0122ndQ3Q3'],
  [[5, 5, 5, 5, 5], '55500'],
  [[123456789, 1, 7, 2000000000], 'eXcge317ooT[ck1'],
  [[3, 40, 2, 1, 100, 17, 1000], '3X12iNR3`0Tl0'],
  [[11, 4, 6, 4, 6, 4, 6, 4, 6, 4, 45], ';460000000W1'],
];

describe('rleToString / rleFromString (COCO compressed counts)', () => {
  it('matches pycocotools on fixtures, including deltas from the 4th count and counts > 2³¹', () => {
    for (const [counts, text] of fixtures) {
      const total = counts.reduce((s, c) => s + c, 0);
      expect(rleToString({ size: [total, 1], counts })).toBe(text);
      expect(rleFromString(text, total, 1).counts).toEqual(counts);
    }
  });

  it('encodes the empty count list as the empty string', () => {
    expect(rleToString({ size: [0, 0], counts: [] })).toBe('');
    expect(rleFromString('', 0, 0).counts).toEqual([]);
  });

  it('rejects hostile strings with RangeError', () => {
    expect(() => rleFromString('5 5', 1, 10)).toThrow(RangeError); // character outside '0'..'o'
    expect(() => rleFromString('5p', 1, 10)).toThrow(RangeError);
    expect(() => rleFromString('h', 1, 10)).toThrow(RangeError); // truncated: continuation bit set
    expect(() => rleFromString('55', 1, 11)).toThrow(RangeError); // counts sum 10 ≠ 11
    expect(() => rleFromString('O', 1, 1)).toThrow(RangeError); // negative count
    expect(() => rleFromString('h'.repeat(40), 1, 1)).toThrow(RangeError); // too long a value
  });

  it('property: round trip of arbitrary counts', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 40 }), { maxLength: 40 }), (counts) => {
        const total = counts.reduce((s, c) => s + c, 0);
        const text = rleToString({ size: [1, total], counts });
        expect(text).toMatch(/^[0-o]*$/);
        expect(rleFromString(text, 1, total).counts).toEqual(counts);
      }),
    );
  });
});
