import { type Rle, rleFromString, rleIsValid, rleToString } from '@tessera/geometry';
import { FormatError } from '../format-error';
import type { Position } from '../issue';
import { isJsonArray, isJsonObject, type JsonValue } from '../json/json-value';

/** Largest mask accepted (h·w); the counts must sum to it, so a tiny string cannot claim a huge decode. */
export const MAX_RLE_PIXELS = 1 << 28;

/** How a COCO RLE was (or will be) written: `counts` as an int list, or pycocotools' compressed string. */
export type RleEncoding = 'uncompressed' | 'compressed';

/**
 * A COCO RLE segmentation `{size: [h, w], counts}` → the geometry package's `Rle`, with `counts` either an
 * int list (uncompressed) or a compressed string. Anything else — wrong types, negative or fractional
 * counts, counts not covering h·w, a mask larger than MAX_RLE_PIXELS, bad characters — is a FormatError
 * (`format_invalid`); nothing else is thrown.
 */
export function decodeCocoRle(value: JsonValue, position?: Position): { rle: Rle; encoding: RleEncoding } {
  const bad = (why: string): never => {
    throw new FormatError('format_invalid', `invalid RLE segmentation: ${why}`, position);
  };
  if (!isJsonObject(value)) return bad('expected {size, counts}');
  const size = value.size;
  if (!isJsonArray(size) || size.length !== 2) return bad('size must be [height, width]');
  const [h, w] = size;
  if (typeof h !== 'number' || typeof w !== 'number' || !Number.isSafeInteger(h) || !Number.isSafeInteger(w))
    return bad('size must be two integers');
  if (h < 0 || w < 0 || h * w > MAX_RLE_PIXELS) return bad(`size ${h}×${w} is out of range`);
  const counts = value.counts;
  if (typeof counts === 'string') {
    try {
      return { rle: rleFromString(counts, h, w), encoding: 'compressed' };
    } catch (cause) {
      if (cause instanceof RangeError) return bad(cause.message);
      throw cause;
    }
  }
  if (!isJsonArray(counts)) return bad('counts must be a string or a list of integers');
  const list: number[] = [];
  for (const c of counts) {
    if (typeof c !== 'number' || !Number.isSafeInteger(c) || c < 0)
      return bad('counts must be non-negative integers');
    list.push(c);
  }
  const rle: Rle = { size: [h, w], counts: list };
  if (!rleIsValid(rle)) return bad(`counts do not sum to ${h}×${w}`);
  return { rle, encoding: 'uncompressed' };
}

/** The COCO JSON form of an RLE. */
export function encodeCocoRle(rle: Rle, encoding: RleEncoding): JsonValue {
  return {
    size: [rle.size[0], rle.size[1]],
    counts: encoding === 'compressed' ? rleToString(rle) : [...rle.counts],
  };
}
