import { describe, expect, it } from 'vitest';
import {
  createLshIndex,
  lshFalseNegativeProbability,
  lshFalsePositiveProbability,
  lshOptimalParams,
} from './lsh';
import { MetricsInputError } from './metrics-input-error';
import { createMinHasher } from './minhash';
import { integrate } from './quadrature';

describe('Gauss–Kronrod quadrature', () => {
  it('integrates polynomials, smooth and steep functions', () => {
    expect(integrate((x) => x ** 31, 0, 1)).toBeCloseTo(1 / 32, 14);
    expect(integrate(Math.sin, 0, Math.PI)).toBeCloseTo(2, 12);
    expect(integrate((x) => x ** 128, 0, 1)).toBeCloseTo(1 / 129, 10);
    expect(integrate(Math.exp, 1, 1)).toBe(0);
  });

  it('LSH error integrals (closed forms for b = 1: FP = t^{r+1}/(r+1), FN = (1 − t) − (1 − t^{r+1})/(r+1))', () => {
    expect(lshFalsePositiveProbability(0.5, 1, 3)).toBeCloseTo(0.5 ** 4 / 4, 12);
    expect(lshFalseNegativeProbability(0.5, 1, 3)).toBeCloseTo(0.5 - (1 - 0.5 ** 4) / 4, 12);
  });
});

describe('lshOptimalParams = datasketch _optimal_param (quality-math.md §12)', () => {
  it.each([
    [0.5, 128, 25, 5],
    [0.7, 128, 14, 9],
    [0.8, 128, 9, 13],
    [0.9, 128, 5, 25],
    [0.8, 256, 17, 15],
  ])('t = %f, P = %i → (%i, %i)', (threshold, numPerm, bands, rows) => {
    expect(lshOptimalParams(threshold, numPerm)).toEqual({ bands, rows });
  });

  it('rejects a threshold outside [0, 1]', () => {
    expect(() => lshOptimalParams(1.5, 128)).toThrow(MetricsInputError);
  });
});

describe('LshIndex', () => {
  const hasher = createMinHasher({ numPerm: 128, seed: 1 });
  const words = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `w${from + i}`);

  it('buckets identical bands and returns candidate pairs', () => {
    const index = createLshIndex(lshOptimalParams(0.5, 128));
    index.insert('a', hasher.signature(words(0, 100)));
    index.insert('b', hasher.signature(words(5, 105))); // J ≈ 0.90
    index.insert('c', hasher.signature(words(1000, 1100))); // disjoint
    index.insert('d', hasher.signature(words(0, 100))); // identical to a
    expect(index.query(hasher.signature(words(0, 100)))).toEqual(['a', 'b', 'd']);
    expect(index.candidatePairs()).toEqual([
      ['a', 'b'],
      ['a', 'd'],
      ['b', 'd'],
    ]);
    expect(() => index.insert('a', hasher.signature([]))).toThrow(/already/);
  });

  it('explicit params: slots past b·r are ignored; too-short signatures are rejected', () => {
    const index = createLshIndex({ bands: 2, rows: 2 });
    index.insert('x', [1, 2, 3, 4, 99]);
    expect(index.query([1, 2, 7, 7, 0])).toEqual(['x']);
    expect(index.query([1, 7, 3, 7, 99])).toEqual([]);
    expect(() => index.query([1, 2, 3])).toThrow(MetricsInputError);
  });
});
