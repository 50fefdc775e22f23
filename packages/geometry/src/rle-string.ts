import { rleIsValid } from './rle';
import type { Rle } from './types';

const MAX_DIGITS = 10; // 10 six-bit digits carry 50 bits: beyond that a JS number loses integer precision.

/**
 * COCO compressed counts string, as `rleToString` in pycocotools `maskApi.c` (formats.md §1): each count
 * from the fourth on is stored as the difference to the count two places earlier (`i > 2`, so the third is
 * stored raw), then written as a LEB128-like little-endian sequence of 5-bit groups with a continuation bit
 * (0x20) and sign extension (0x10), each group offset by 48 ('0'..'o'). Arithmetic instead of bit shifts, so
 * counts above 2³¹ stay exact.
 */
export function rleToString(rle: Rle): string {
  const chars: string[] = [];
  const { counts } = rle;
  for (let i = 0; i < counts.length; i++) {
    let x = counts[i]!;
    if (i > 2) x -= counts[i - 2]!;
    let more = true;
    while (more) {
      let c = ((x % 32) + 32) % 32;
      x = (x - c) / 32;
      more = c & 0x10 ? x !== -1 : x !== 0;
      if (more) c |= 0x20;
      chars.push(String.fromCharCode(c + 48));
    }
  }
  return chars.join('');
}

/** Reads one variable-length value starting at `p`; returns [value, next position]. */
function readValue(s: string, p: number): [number, number] {
  let x = 0;
  let scale = 1;
  for (let k = 0; k < MAX_DIGITS; k++) {
    if (p >= s.length) throw new RangeError('invalid RLE string: truncated value');
    const c = s.charCodeAt(p) - 48;
    if (c < 0 || c > 63) throw new RangeError(`invalid RLE string: character ${JSON.stringify(s[p])}`);
    x += (c & 0x1f) * scale;
    scale *= 32;
    p += 1;
    if (!(c & 0x20)) return [c & 0x10 ? x - scale : x, p];
  }
  throw new RangeError('invalid RLE string: value too long');
}

/**
 * Parses a COCO compressed counts string (pycocotools `rleFrString`) into an RLE of size [h, w].
 * Choice: hostile input is rejected instead of wrapped or overrun as in C: a character outside '0'..'o', a
 * truncated value, a count < 0, or counts not summing to h·w throw RangeError.
 */
export function rleFromString(s: string, h: number, w: number): Rle {
  const counts: number[] = [];
  let p = 0;
  while (p < s.length) {
    const [delta, next] = readValue(s, p);
    p = next;
    const m = counts.length;
    const value = m > 2 ? delta + counts[m - 2]! : delta;
    if (value < 0) throw new RangeError(`invalid RLE string: negative count at run ${m}`);
    counts.push(value);
  }
  const rle: Rle = { size: [h, w], counts };
  if (!rleIsValid(rle)) throw new RangeError(`invalid RLE string: counts do not cover a ${h}×${w} mask`);
  return rle;
}
