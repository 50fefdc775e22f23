import { describe, expect, it } from 'vitest';
import { numpyMean, numpyPairwiseSum } from './numpy-pairwise-sum';

// Expected values printed by numpy 2.4 (`repr(np.sum(...))`, `repr(np.mean(...))`); a left-to-right sum differs.
describe('numpy pairwise summation', () => {
  it('sums 1000 × 0.1 like np.sum (100.00000000000001, not 99.9999999999986)', () => {
    expect(numpyPairwiseSum(new Float64Array(1000).fill(0.1))).toBe(100.00000000000001);
  });

  it('matches np.mean on a mixed 138-element array', () => {
    const values = [...Array.from({ length: 101 }, (_, i) => i * 0.01), ...Array<number>(37).fill(1 / 3)];
    expect(numpyMean(values)).toBe(0.4553140096618357);
  });

  it('matches np.sum past the 128-element block size (recursive split)', () => {
    const values = Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 1000) / 997);
    expect(numpyPairwiseSum(values)).toBe(2505.015045135406);
  });

  it('handles short and empty ranges', () => {
    expect(numpyPairwiseSum([1, 2, 3])).toBe(6);
    expect(numpyPairwiseSum([5, 1, 2, 3], 1, 2)).toBe(3);
    expect(numpyMean([])).toBeNaN();
  });
});
