import { popcountBigInt } from './hash-bits';
import { sha1 } from './sha1';
import { type ShingleOptions, shingles } from './shingles';

/**
 * SimHash (Charikar, STOC 2002; f = 64 as Manku, Jain, Das Sarma, WWW 2007 — near-duplicate if Hamming ≤ 3),
 * quality-math.md §12.
 *
 * Choices (the references leave them open):
 * - Feature hash: the first 8 bytes of SHA-1 of the feature's UTF-8 bytes, read big-endian, as an unsigned
 *   64-bit integer (`featureHash64`). Bit i is `(h >> i) & 1`, i = 0 the least significant.
 * - v[i] += w when bit i of the feature hash is set, else v[i] −= w; weights default to 1 per occurrence.
 * - v = 0 rule: bit i = 1 only when v[i] > 0 strictly, so a tie (v[i] = 0) gives 0 and no features give 0n.
 * - Text is shingled by `shingles` (word 3-grams by default).
 */
export interface WeightedFeature {
  readonly feature: string;
  readonly weight: number;
}

const MASK_32 = 0xffffffffn;

/** First 8 bytes of SHA-1(UTF-8(feature)), big-endian, as a 64-bit unsigned bigint. */
export function featureHash64(feature: string): bigint {
  const view = new DataView(sha1(feature).buffer);
  return (BigInt(view.getUint32(0)) << 32n) | BigInt(view.getUint32(4));
}

/** 64-bit SimHash of weighted features (a plain string counts with weight 1). */
export function simhash64(
  features: Iterable<string | WeightedFeature>,
  hashFn: (feature: string) => bigint = featureHash64,
): bigint {
  const v = new Float64Array(64);
  for (const item of features) {
    const { feature, weight } = typeof item === 'string' ? { feature: item, weight: 1 } : item;
    const h = BigInt.asUintN(64, hashFn(feature));
    const halves = [Number(h & MASK_32), Number(h >> 32n)];
    for (let i = 0; i < 64; i += 1) {
      const half = halves[i >> 5] as number;
      v[i] = (v[i] as number) + ((half >>> (i & 31)) & 1 ? weight : -weight);
    }
  }
  let out = 0n;
  for (let i = 63; i >= 0; i -= 1) out = (out << 1n) | ((v[i] as number) > 0 ? 1n : 0n);
  return out;
}

/** SimHash of a text's shingles (each occurrence weight 1). */
export function textSimhash(text: string, options: ShingleOptions = {}): bigint {
  return simhash64(shingles(text, options));
}

/** 16 lowercase hex digits of a 64-bit hash. */
export function simhashHex(hash: bigint): string {
  return BigInt.asUintN(64, hash).toString(16).padStart(16, '0');
}

/** Hamming distance of two 64-bit hashes. */
export function simhashDistance(a: bigint, b: bigint): number {
  return popcountBigInt(BigInt.asUintN(64, a ^ b));
}
