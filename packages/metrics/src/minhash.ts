import { MetricsInputError } from './metrics-input-error';
import { sha1Hash32 } from './sha1';

/**
 * MinHash after datasketch `datasketch/minhash.py` (quality-math.md §12): num_perm slots, token hash
 * `sha1_hash32`, slot i keeps min over tokens of h_i = ((a_i·hv + b_i) mod 2⁶⁴ mod (2⁶¹ − 1)) & (2³² − 1),
 * starting from 2³² − 1; the Jaccard estimate is the fraction of equal slots.
 *
 * Choice: a_i ∈ [1, p) and b_i ∈ [0, p) (p = 2⁶¹ − 1) come from our own seeded SplitMix64 with rejection
 * sampling, NOT numpy's `RandomState(seed)` (MT19937 bounded sampling), so signatures are not
 * bit-compatible with datasketch for the same seed; estimates have the same distribution. The arithmetic
 * is exact 32-bit limb math (checked against BigInt in the tests).
 */

export const MERSENNE_PRIME_61 = (1n << 61n) - 1n;
const MASK_64 = (1n << 64n) - 1n;
const TWO_32 = 2 ** 32;

export interface MinHashPermutations {
  /** a_i and b_i split into high and low 32-bit words. */
  readonly aHi: Uint32Array;
  readonly aLo: Uint32Array;
  readonly bHi: Uint32Array;
  readonly bLo: Uint32Array;
}

export interface MinHasher {
  readonly numPerm: number;
  readonly seed: number;
  readonly permutations: MinHashPermutations;
  /** Signature of a token set (strings hashed as UTF-8); repeats do not matter. */
  signature(tokens: Iterable<string | Uint8Array>): Uint32Array;
}

export interface MinHasherOptions {
  readonly numPerm?: number;
  readonly seed?: number;
  /** Token hash to 32 bits; default datasketch's `sha1_hash32`. */
  readonly hashFn?: (token: string | Uint8Array) => number;
}

/** SplitMix64 (Steele, Lea, Flood 2014) over BigInt; returns a generator of 64-bit values. */
function splitMix64(seed: number): () => bigint {
  let state = BigInt.asUintN(64, BigInt(seed));
  return () => {
    state = (state + 0x9e3779b97f4a7c15n) & MASK_64;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK_64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK_64;
    return z ^ (z >> 31n);
  };
}

/** Uniform integer in [low, p) by rejection from 61-bit draws. */
function uniformBelowPrime(next: () => bigint, low: bigint): bigint {
  for (;;) {
    const x = next() >> 3n;
    if (x < MERSENNE_PRIME_61 - low) return x + low;
  }
}

/** The (a_i, b_i) of `numPerm` slots for `seed` (our PRNG; see module comment). */
export function minhashPermutations(numPerm = 128, seed = 1): MinHashPermutations {
  if (!Number.isInteger(numPerm) || numPerm < 1)
    throw new MetricsInputError('numPerm must be a positive integer');
  const next = splitMix64(seed);
  const perms = { aHi: new Uint32Array(numPerm), aLo: new Uint32Array(numPerm) };
  const b = { bHi: new Uint32Array(numPerm), bLo: new Uint32Array(numPerm) };
  for (let i = 0; i < numPerm; i += 1) {
    const a = uniformBelowPrime(next, 1n);
    const bi = uniformBelowPrime(next, 0n);
    perms.aHi[i] = Number(a >> 32n);
    perms.aLo[i] = Number(a & 0xffffffffn);
    b.bHi[i] = Number(bi >> 32n);
    b.bLo[i] = Number(bi & 0xffffffffn);
  }
  return { ...perms, ...b };
}

/**
 * One slot: ((a·hv + b) mod 2⁶⁴ mod (2⁶¹ − 1)) & (2³² − 1) with a = aHi·2³² + aLo, hv < 2³², b likewise,
 * computed exactly with 16-bit partial products (every intermediate < 2⁵³).
 */
export function permuteHash(aHi: number, aLo: number, bHi: number, bLo: number, hv: number): number {
  const a0 = aLo & 0xffff;
  const a1 = aLo >>> 16;
  const h0 = hv & 0xffff;
  const h1 = hv >>> 16;
  const mid = a0 * h1 + a1 * h0;
  const low = a0 * h0 + (mid % 65536) * 65536;
  let lo = low % TWO_32;
  let hi =
    (a1 * h1 + Math.floor(mid / 65536) + Math.floor(low / TWO_32) + (Math.imul(aHi, hv) >>> 0)) % TWO_32;
  // + b, mod 2⁶⁴
  lo += bLo;
  hi = (hi + bHi + (lo >= TWO_32 ? 1 : 0)) % TWO_32;
  lo %= TWO_32;
  // x mod (2⁶¹ − 1) = (x & (2⁶¹ − 1)) + (x >> 61), minus p once if ≥ p; only the low word is needed.
  const top = hi >>> 29;
  let rLo = lo + top;
  const rHi = (hi & 0x1fffffff) + (rLo >= TWO_32 ? 1 : 0);
  rLo %= TWO_32;
  const atLeastPrime = rHi > 0x1fffffff || (rHi === 0x1fffffff && rLo === 0xffffffff);
  return atLeastPrime ? (rLo + 1) % TWO_32 : rLo;
}

/** A MinHasher for `numPerm` slots (default 128) and `seed` (default 1). */
export function createMinHasher(options: MinHasherOptions = {}): MinHasher {
  const numPerm = options.numPerm ?? 128;
  const seed = options.seed ?? 1;
  const hashFn = options.hashFn ?? sha1Hash32;
  const permutations = minhashPermutations(numPerm, seed);
  const { aHi, aLo, bHi, bLo } = permutations;
  return {
    numPerm,
    seed,
    permutations,
    signature(tokens) {
      const sig = new Uint32Array(numPerm).fill(0xffffffff);
      for (const token of tokens) {
        const hv = hashFn(token) >>> 0;
        for (let i = 0; i < numPerm; i += 1) {
          const h = permuteHash(aHi[i] as number, aLo[i] as number, bHi[i] as number, bLo[i] as number, hv);
          if (h < (sig[i] as number)) sig[i] = h;
        }
      }
      return sig;
    },
  };
}

/** Estimated Jaccard similarity: the fraction of equal slots (datasketch `MinHash.jaccard`). */
export function minhashJaccard(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length === 0)
    throw new MetricsInputError('signatures must have the same, non-zero length');
  let equal = 0;
  for (let i = 0; i < a.length; i += 1) if (a[i] === b[i]) equal += 1;
  return equal / a.length;
}

/** Signature of the union of two sets (slot-wise minimum, datasketch `MinHash.merge`). */
export function mergeMinhash(a: ArrayLike<number>, b: ArrayLike<number>): Uint32Array {
  if (a.length !== b.length) throw new MetricsInputError('signatures must have the same length');
  return Uint32Array.from({ length: a.length }, (_, i) => Math.min(a[i] as number, b[i] as number));
}
