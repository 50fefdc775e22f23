import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createMinHasher,
  MERSENNE_PRIME_61,
  mergeMinhash,
  minhashJaccard,
  minhashPermutations,
  permuteHash,
} from './minhash';

const MASK_64 = (1n << 64n) - 1n;

function tokens(from: number, to: number): string[] {
  return Array.from({ length: to - from }, (_, i) => `token-${from + i}`);
}

describe('MinHash (datasketch scheme, own PRNG)', () => {
  it('slot arithmetic equals ((a·hv + b) mod 2⁶⁴ mod (2⁶¹ − 1)) & (2³² − 1) computed with BigInt', () => {
    const below = (max: bigint) => fc.bigInt({ min: 0n, max: max - 1n });
    fc.assert(
      fc.property(below(MERSENNE_PRIME_61), below(MERSENNE_PRIME_61), below(1n << 32n), (a, b, hv) => {
        const expected = Number((((a * hv + b) & MASK_64) % MERSENNE_PRIME_61) & 0xffffffffn);
        const got = permuteHash(
          Number(a >> 32n),
          Number(a & 0xffffffffn),
          Number(b >> 32n),
          Number(b & 0xffffffffn),
          Number(hv),
        );
        expect(got).toBe(expected);
      }),
      { numRuns: 2000 },
    );
    // Edge values: the largest a, b and hv (the product wraps mod 2⁶⁴), and x mod p landing on p.
    const big = [MERSENNE_PRIME_61 - 1n, MERSENNE_PRIME_61 - 1n, (1n << 32n) - 1n] as const;
    const expected = Number((((big[0] * big[2] + big[1]) & MASK_64) % MERSENNE_PRIME_61) & 0xffffffffn);
    expect(
      permuteHash(
        Number(big[0] >> 32n),
        Number(big[0] & 0xffffffffn),
        Number(big[1] >> 32n),
        Number(big[1] & 0xffffffffn),
        Number(big[2]),
      ),
    ).toBe(expected);
  });

  it('permutations: a ∈ [1, p), b ∈ [0, p), reproducible per seed', () => {
    const perms = minhashPermutations(128, 7);
    for (let i = 0; i < 128; i += 1) {
      const a = (BigInt(perms.aHi[i] as number) << 32n) | BigInt(perms.aLo[i] as number);
      const b = (BigInt(perms.bHi[i] as number) << 32n) | BigInt(perms.bLo[i] as number);
      expect(a >= 1n && a < MERSENNE_PRIME_61).toBe(true);
      expect(b >= 0n && b < MERSENNE_PRIME_61).toBe(true);
    }
    expect(minhashPermutations(128, 7)).toEqual(perms);
    expect(minhashPermutations(128, 8)).not.toEqual(perms);
  });

  it('empty set keeps 2³² − 1 everywhere; identical sets estimate 1; order and repeats do not matter', () => {
    const hasher = createMinHasher();
    expect(hasher.numPerm).toBe(128);
    expect(Array.from(hasher.signature([]))).toEqual(new Array(128).fill(0xffffffff));
    const s = hasher.signature(['a', 'b', 'c']);
    expect(minhashJaccard(s, hasher.signature(['c', 'b', 'a', 'a']))).toBe(1);
    expect(mergeMinhash(hasher.signature(['a']), hasher.signature(['b', 'c']))).toEqual(s);
  });

  it('statistical test: |Ĵ − J| ≤ 3·sqrt(J(1−J)/num_perm) over several fixed seeds', () => {
    const cases = [
      { a: tokens(0, 100), b: tokens(50, 150), jaccard: 50 / 150 },
      { a: tokens(0, 100), b: tokens(20, 120), jaccard: 80 / 120 },
      { a: tokens(0, 200), b: tokens(180, 380), jaccard: 20 / 380 },
      { a: tokens(0, 90), b: tokens(0, 100), jaccard: 0.9 },
    ];
    for (const seed of [1, 2, 3, 42, 2024]) {
      const hasher = createMinHasher({ numPerm: 128, seed });
      for (const { a, b, jaccard } of cases) {
        const estimate = minhashJaccard(hasher.signature(a), hasher.signature(b));
        const bound = 3 * Math.sqrt((jaccard * (1 - jaccard)) / 128);
        expect(Math.abs(estimate - jaccard), `seed ${seed}, J ${jaccard}`).toBeLessThanOrEqual(bound);
      }
    }
  });
});
