import type { Rle } from './types';

function assertSize(h: number, w: number): void {
  if (!Number.isSafeInteger(h) || !Number.isSafeInteger(w) || h < 0 || w < 0) {
    throw new RangeError(`mask size must be non-negative integers, got ${h}×${w}`);
  }
}

/**
 * True when `size` is two non-negative integers and `counts` are non-negative integers summing to h·w
 * (any number of runs; zero-length runs are allowed, as pycocotools accepts them).
 */
export function rleIsValid(rle: Rle): boolean {
  const [h, w] = rle.size;
  if (!Number.isSafeInteger(h) || !Number.isSafeInteger(w) || h < 0 || w < 0) return false;
  let total = 0;
  for (const c of rle.counts) {
    if (!Number.isSafeInteger(c) || c < 0) return false;
    total += c;
  }
  return total === h * w;
}

/**
 * Run-length encodes a binary mask as COCO RLE (pycocotools `rleEncode`, formats.md §1).
 * Choice: `mask` is **row-major** (`mask[y * w + x]`, the layout of canvas ImageData and raw decoders), not
 * the column-major buffer pycocotools takes; the runs are still column-major as COCO requires. Any nonzero
 * byte is foreground (pycocotools expects 0/1). An all-background mask gives `[h·w]`; a leading foreground
 * pixel gives a leading 0 run. Throws RangeError when `mask.length ≠ h·w`.
 */
export function rleEncode(mask: Uint8Array, h: number, w: number): Rle {
  assertSize(h, w);
  if (mask.length !== h * w) throw new RangeError(`mask has ${mask.length} pixels, expected ${h}×${w}`);
  const counts: number[] = [];
  let value = 0;
  let run = 0;
  for (let x = 0; x < w; x++) {
    for (let y = 0; y < h; y++) {
      const v = mask[y * w + x] !== 0 ? 1 : 0;
      if (v !== value) {
        counts.push(run);
        run = 0;
        value = v;
      }
      run += 1;
    }
  }
  counts.push(run);
  return { size: [h, w], counts };
}

/**
 * Decodes COCO RLE into a row-major 0/1 mask (`mask[y * w + x]`), the inverse of `rleEncode`.
 * Throws RangeError for an invalid RLE (see `rleIsValid`), where pycocotools would overrun its buffer.
 */
export function rleDecode(rle: Rle): Uint8Array {
  if (!rleIsValid(rle))
    throw new RangeError('invalid RLE: counts must be non-negative integers summing to h·w');
  const [h, w] = rle.size;
  const mask = new Uint8Array(h * w);
  let pos = 0;
  rle.counts.forEach((c, i) => {
    if (i % 2 === 1) {
      for (let k = pos; k < pos + c; k++) {
        const x = Math.floor(k / h);
        mask[(k - x * h) * w + x] = 1;
      }
    }
    pos += c;
  });
  return mask;
}

/** Foreground pixel count: the sum of the odd-indexed runs (pycocotools `rleArea`). */
export function rleArea(rle: Rle): number {
  let area = 0;
  for (let i = 1; i < rle.counts.length; i += 2) area += rle.counts[i]!;
  return area;
}
