import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dct2 } from './dct';
import { bitsToHex, hammingDistance, hammingDistanceBits, hexToBits } from './hash-bits';
import {
  type GreyImage,
  type ImageHashAlgorithm,
  imageHash,
  imageHashBits,
  imageHashInputSize,
} from './image-hash';
import { MetricsInputError } from './metrics-input-error';

// quality-math.md §11 hand images (x = column, y = row), at native size so no resampling is involved.
const f = (x: number, y: number) => (37 * x + 11 * y) % 256;
const g = (x: number, y: number) => (3 * x * x + 29 * y + ((x * y) % 17)) % 256;

function render(fn: (x: number, y: number) => number, width: number, height: number): GreyImage {
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) pixels[y * width + x] = fn(x, y);
  return { width, height, pixels };
}

function hashOf(fn: (x: number, y: number) => number, algorithm: ImageHashAlgorithm, hashSize = 8): string {
  const { width, height } = imageHashInputSize(algorithm, hashSize);
  return imageHash(render(fn, width, height), algorithm, hashSize);
}

describe('imagehash 4.3 hand cases (quality-math.md §11)', () => {
  it('aHash 8×8', () => {
    expect(hashOf(f, 'ahash')).toBe('0e1e1e1e3c3c3c38');
    expect(hashOf(g, 'ahash')).toBe('0103071f7efcf8f0');
    expect(hammingDistance('0e1e1e1e3c3c3c38', '0103071f7efcf8f0')).toBe(22);
  });

  it('dHash 9×8 and dhash_vertical 8×9', () => {
    expect(hashOf(f, 'dhash')).toBe('fdfdfdfdfbfbfbf7');
    expect(hashOf(g, 'dhash')).toBe('fffffefefdfbf7ef');
    expect(hashOf(f, 'dhash_vertical')).toBe('fffffffdfffffbff');
  });

  it('pHash 32×32 (DCT including DC, median threshold)', () => {
    expect(hashOf(f, 'phash')).toBe('80ea0055ff28bf4f');
    expect(hashOf(g, 'phash')).toBe('d10f44ff82ff8007');
    expect(hammingDistance('80ea0055ff28bf4f', 'd10f44ff82ff8007')).toBe(34);
  });

  it('working sizes as imagehash resizes (width, height)', () => {
    expect(imageHashInputSize('ahash')).toEqual({ width: 8, height: 8 });
    expect(imageHashInputSize('dhash')).toEqual({ width: 9, height: 8 });
    expect(imageHashInputSize('dhash_vertical')).toEqual({ width: 8, height: 9 });
    expect(imageHashInputSize('phash', 16)).toEqual({ width: 64, height: 64 });
    expect(() => imageHashInputSize('ahash', 1)).toThrow(MetricsInputError);
  });

  it('rejects an image that is not at the working size', () => {
    expect(() => imageHash(render(f, 9, 9), 'ahash')).toThrow(/8×8/);
  });
});

describe('DCT-II (scipy.fftpack, unnormalised)', () => {
  it('matches the definition on small vectors (hand)', () => {
    expect(Array.from(dct2([1, 1, 1, 1]))).toEqual([
      8,
      expect.closeTo(0, 12),
      expect.closeTo(0, 12),
      expect.closeTo(0, 12),
    ]);
    const y = dct2([1, 2]);
    expect(y[0]).toBeCloseTo(6, 12); // 2·(1 + 2)
    expect(y[1]).toBeCloseTo(2 * (Math.cos(Math.PI / 4) - 2 * Math.cos(Math.PI / 4)), 12);
  });
});

describe('hex encoding and Hamming distance', () => {
  it('row-major, first bit = MSB, ⌈bits/4⌉ digits zero-padded', () => {
    expect(bitsToHex([true, false, false, false, false, false, false, false, false])).toBe('100');
    expect(bitsToHex([false, false, false, false, false, false, false, true])).toBe('01');
    expect(hexToBits('100', 9)).toEqual([true, false, false, false, false, false, false, false, false]);
  });

  const image = fc
    .constantFrom<ImageHashAlgorithm>('ahash', 'dhash', 'dhash_vertical', 'phash')
    .chain((algorithm) => {
      const { width, height } = imageHashInputSize(algorithm);
      return fc.record({
        algorithm: fc.constant(algorithm),
        pixels: fc.uint8Array({ minLength: width * height, maxLength: width * height }),
        width: fc.constant(width),
        height: fc.constant(height),
      });
    });

  it('property: hashes are deterministic, 64 bits, Hamming(a, a) = 0 and hex round-trips', () => {
    fc.assert(
      fc.property(image, ({ algorithm, pixels, width, height }) => {
        const img = { width, height, pixels };
        const a = imageHash(img, algorithm);
        const b = imageHash({ width, height, pixels: Uint8Array.from(pixels) }, algorithm);
        expect(a).toBe(b);
        expect(a).toMatch(/^[0-9a-f]{16}$/);
        expect(hammingDistance(a, a)).toBe(0);
        const bits = imageHashBits(img, algorithm);
        expect(hexToBits(a, 64)).toEqual(bits);
        expect(hammingDistanceBits(bits, bits)).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('property: Hamming distance is symmetric and equals the differing bit count', () => {
    const bits = fc.array(fc.boolean(), { minLength: 64, maxLength: 64 });
    fc.assert(
      fc.property(bits, bits, (a, b) => {
        expect(hammingDistance(bitsToHex(a), bitsToHex(b))).toBe(hammingDistanceBits(a, b));
        expect(hammingDistance(bitsToHex(a), bitsToHex(b))).toBe(hammingDistance(bitsToHex(b), bitsToHex(a)));
      }),
    );
  });
});
