import { dct2d } from './dct';
import { bitsToHex } from './hash-bits';
import { MetricsInputError } from './metrics-input-error';

/**
 * Perceptual image hashes exactly as Python imagehash 4.3 (quality-math.md §11), on a grey 'L' image that
 * is *already* at the hash's working size (the caller does `convert('L')` and the Lanczos resize — see
 * `imageHashInputSize`). Pure: no decoding or resampling here.
 */

/** An 8-bit grey image: `pixels[y * width + x]`, row-major, values 0..255. */
export interface GreyImage {
  readonly width: number;
  readonly height: number;
  readonly pixels: ArrayLike<number>;
}

export type ImageHashAlgorithm = 'ahash' | 'dhash' | 'dhash_vertical' | 'phash';

/** imagehash's pHash `highfreq_factor`. */
export const PHASH_HIGHFREQ_FACTOR = 4;

function checkImage(image: GreyImage, width: number, height: number, name: string): void {
  if (image.width !== width || image.height !== height) {
    throw new MetricsInputError(
      `${name} needs a ${width}×${height} image, got ${image.width}×${image.height}`,
    );
  }
  if (image.pixels.length !== width * height)
    throw new MetricsInputError(`${name}: pixels.length must be width × height`);
}

function checkHashSize(hashSize: number): void {
  // imagehash raises ValueError('Hash size must be greater than or equal to 2').
  if (!Number.isInteger(hashSize) || hashSize < 2)
    throw new MetricsInputError('hash size must be an integer ≥ 2');
}

/** The (width, height) imagehash resizes to before hashing (Pillow `resize((w, h))`). */
export function imageHashInputSize(
  algorithm: ImageHashAlgorithm,
  hashSize = 8,
): { readonly width: number; readonly height: number } {
  checkHashSize(hashSize);
  switch (algorithm) {
    case 'ahash':
      return { width: hashSize, height: hashSize };
    case 'dhash':
      return { width: hashSize + 1, height: hashSize };
    case 'dhash_vertical':
      return { width: hashSize, height: hashSize + 1 };
    case 'phash':
      return { width: hashSize * PHASH_HIGHFREQ_FACTOR, height: hashSize * PHASH_HIGHFREQ_FACTOR };
  }
}

/** aHash (`average_hash`): bit = pixel > mean of all pixels (strict), on a hashSize² image. */
export function averageHashBits(image: GreyImage, hashSize = 8): boolean[] {
  checkHashSize(hashSize);
  checkImage(image, hashSize, hashSize, 'aHash');
  const pixels = Array.from(image.pixels);
  const mean = pixels.reduce((a, b) => a + b, 0) / pixels.length;
  return pixels.map((p) => p > mean);
}

/** dHash (`dhash`): on a (hashSize+1) wide × hashSize high image, bit[r][c] = p[r][c+1] > p[r][c]. */
export function differenceHashBits(image: GreyImage, hashSize = 8): boolean[] {
  checkHashSize(hashSize);
  checkImage(image, hashSize + 1, hashSize, 'dHash');
  const bits: boolean[] = [];
  for (let r = 0; r < hashSize; r += 1) {
    for (let c = 0; c < hashSize; c += 1) {
      const at = r * (hashSize + 1) + c;
      bits.push((image.pixels[at + 1] as number) > (image.pixels[at] as number));
    }
  }
  return bits;
}

/** `dhash_vertical`: on a hashSize wide × (hashSize+1) high image, bit[r][c] = p[r+1][c] > p[r][c]. */
export function differenceHashVerticalBits(image: GreyImage, hashSize = 8): boolean[] {
  checkHashSize(hashSize);
  checkImage(image, hashSize, hashSize + 1, 'dHash (vertical)');
  const bits: boolean[] = [];
  for (let r = 0; r < hashSize; r += 1) {
    for (let c = 0; c < hashSize; c += 1) {
      bits.push(
        (image.pixels[(r + 1) * hashSize + c] as number) > (image.pixels[r * hashSize + c] as number),
      );
    }
  }
  return bits;
}

/**
 * pHash (`phash`): unnormalised DCT-II along axis 0 then axis 1 of the (4·hashSize)² image, keep the
 * top-left hashSize × hashSize block **including** the DC term, bit = coefficient > median of the block
 * (numpy median: mean of the two middle values for an even count).
 */
export function perceptualHashBits(image: GreyImage, hashSize = 8): boolean[] {
  checkHashSize(hashSize);
  const side = hashSize * PHASH_HIGHFREQ_FACTOR;
  checkImage(image, side, side, 'pHash');
  const dct = dct2d(image.pixels, side, side);
  let scale = 0;
  for (let i = 0; i < image.pixels.length; i += 1) scale += Math.abs(image.pixels[i] as number);
  // Choice: coefficients that are zero in exact arithmetic come out of the O(N²) sum as ±1e−12-ish noise,
  // while scipy's FFT returns exact 0.0 for them on structured images; snap |c| ≤ 1e−12 · 4·Σ|p| to 0 so
  // that ties at a zero median resolve as in exact arithmetic (bit = 0).
  const snap = 1e-12 * 4 * scale;
  const block: number[] = [];
  for (let r = 0; r < hashSize; r += 1) {
    for (let c = 0; c < hashSize; c += 1) {
      const v = dct[r * side + c] as number;
      block.push(Math.abs(v) <= snap ? 0 : v);
    }
  }
  const sorted = [...block].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median =
    sorted.length % 2 === 1
      ? (sorted[Math.floor(mid)] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return block.map((v) => v > median);
}

/** The hash bits of `algorithm` (image already at `imageHashInputSize(algorithm, hashSize)`). */
export function imageHashBits(image: GreyImage, algorithm: ImageHashAlgorithm, hashSize = 8): boolean[] {
  switch (algorithm) {
    case 'ahash':
      return averageHashBits(image, hashSize);
    case 'dhash':
      return differenceHashBits(image, hashSize);
    case 'dhash_vertical':
      return differenceHashVerticalBits(image, hashSize);
    case 'phash':
      return perceptualHashBits(image, hashSize);
  }
}

/** imagehash `str(hash)`: the hex encoding of `imageHashBits`. */
export function imageHash(image: GreyImage, algorithm: ImageHashAlgorithm, hashSize = 8): string {
  return bitsToHex(imageHashBits(image, algorithm, hashSize));
}
