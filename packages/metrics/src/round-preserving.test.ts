import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numpyPairwiseSum as pairwiseSum } from './numpy-pairwise-sum';
import { argmaxFirst, roundHalfEven, stableArgsort } from './numpy-semantics';
import { roundPreservingRowTotals, roundPreservingSum } from './round-preserving';

describe('numpy semantics', () => {
  it('round half to even', () => {
    expect(
      [0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 2.4999999999999996, 2.5000000000000004].map(roundHalfEven),
    ).toEqual([0, 2, 2, 4, -0, -2, -2, 2, 3]);
  });

  it('pairwise summation as np.sum (values from numpy 2.4)', () => {
    // np.sum([0.1] * 10) == 1.0 while a left-to-right sum gives 0.9999999999999999.
    expect(pairwiseSum(new Array(10).fill(0.1))).toBe(1);
    expect(pairwiseSum([])).toBe(0);
    expect(pairwiseSum([1, 2, 3])).toBe(6);
  });

  it('argmax takes the first maximum; argsort is stable', () => {
    expect(argmaxFirst([0.2, 0.4, 0.4])).toBe(1);
    expect(stableArgsort([2, 1, 2, 1, 0])).toEqual([4, 1, 3, 0, 2]);
  });
});

describe('round_preserving_sum (cleanlab internal/util.py)', () => {
  it('rounds half to even and restores the rounded total', () => {
    expect(roundPreservingSum([0.5, 1.5, 2.5])).toEqual([0, 2, 2]);
    expect(roundPreservingSum([1.2, 2.3, 0.5])).toEqual([1, 2, 1]);
  });

  it('ties in the residual: increments go to the highest index, decrements to the lowest', () => {
    expect(roundPreservingSum([0.4, 0.4, 0.4, 0.4, 0.4])).toEqual([0, 0, 0, 1, 1]);
    expect(roundPreservingSum([0.6, 0.6, 0.6, 0.6, 0.6])).toEqual([0, 0, 1, 1, 1]);
  });

  it('property: integer output whose total is round(Σx), each within 1 of x', () => {
    const row = fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 4 }), (rows) => {
        roundPreservingRowTotals(rows).forEach((ints, r) => {
          const xs = rows[r] as number[];
          expect(ints.reduce((a, b) => a + b, 0)).toBe(roundHalfEven(pairwiseSum(xs)));
          ints.forEach((v, i) => {
            expect(Number.isInteger(v)).toBe(true);
            expect(Math.abs(v - (xs[i] as number))).toBeLessThan(1.5);
          });
        });
      }),
    );
  });
});
