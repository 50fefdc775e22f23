import { MetricsInputError } from './metrics-input-error';
/**
 * Hex encoding and Hamming distance of bit hashes, as imagehash 4.3 `_binary_array_to_hex` and
 * `ImageHash.__sub__` (quality-math.md §11): bits flattened row-major, the first bit is the most
 * significant, rendered in ⌈bits/4⌉ lowercase hex digits, zero-padded on the left.
 */

/** Hex string of `bits` (row-major, first bit = MSB). */
export function bitsToHex(bits: readonly boolean[]): string {
  const width = Math.ceil(bits.length / 4);
  if (width === 0) return '';
  let value = 0n;
  for (const bit of bits) value = (value << 1n) | (bit ? 1n : 0n);
  return value.toString(16).padStart(width, '0');
}

/** Inverse of `bitsToHex` for a hash of `bitCount` bits (default 4 × hex length). */
export function hexToBits(hex: string, bitCount = hex.length * 4): boolean[] {
  if (!/^[0-9a-fA-F]*$/.test(hex)) throw new MetricsInputError(`not a hex string: ${hex}`);
  if (bitCount > hex.length * 4 || bitCount < (hex.length - 1) * 4 + 1) {
    throw new MetricsInputError(`hex of ${hex.length} digits cannot hold exactly ${bitCount} bits`);
  }
  const value = hex.length === 0 ? 0n : BigInt(`0x${hex}`);
  const bits: boolean[] = [];
  for (let i = bitCount - 1; i >= 0; i -= 1) bits.push(((value >> BigInt(i)) & 1n) === 1n);
  return bits;
}

/** Number of differing bits of two equally long bit arrays. */
export function hammingDistanceBits(a: readonly boolean[], b: readonly boolean[]): number {
  if (a.length !== b.length) throw new MetricsInputError('hashes must have the same number of bits');
  let distance = 0;
  a.forEach((bit, i) => {
    if (bit !== b[i]) distance += 1;
  });
  return distance;
}

/** Popcount of a non-negative bigint. */
export function popcountBigInt(value: bigint): number {
  let count = 0;
  let rest = value;
  while (rest > 0n) {
    rest &= rest - 1n;
    count += 1;
  }
  return count;
}

/** Hamming distance of two hex hashes of the same length (imagehash `h1 - h2`). */
export function hammingDistance(hexA: string, hexB: string): number {
  if (hexA.length !== hexB.length) throw new MetricsInputError('hashes must have the same length');
  if (!/^[0-9a-fA-F]*$/.test(hexA + hexB)) throw new MetricsInputError('hashes must be hex strings');
  if (hexA.length === 0) return 0;
  return popcountBigInt(BigInt(`0x${hexA}`) ^ BigInt(`0x${hexB}`));
}
