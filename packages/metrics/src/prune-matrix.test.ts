import { describe, expect, it } from 'vitest';
import { keepAtLeastNPerClass, reducePruneCounts } from './prune-matrix';

const transposeMatrix = (m: number[][]) => m.map((row, i) => row.map((_, j) => m[j]?.[i] as number));

// cleanlab tests/test_filter_count.py::test_pruning_reduce_prune_counts / test_pruning_keep_at_least_n_per_class
const CJ = [
  [325, 16, 22],
  [47, 178, 10],
  [36, 8, 159],
];

describe('prune matrix (quality-math.md §10 step 4)', () => {
  it('_reduce_prune_counts(cj, 1.0) is the identity', () => {
    expect(reducePruneCounts(CJ, 1)).toEqual(CJ);
  });

  it('_keep_at_least_n_per_class(cjᵀ, 5) is the identity', () => {
    expect(transposeMatrix(keepAtLeastNPerClass(transposeMatrix(CJ), 5))).toEqual(CJ);
  });

  it('raises a diagonal to n, subtracting evenly from the column and flooring at 0 (hand)', () => {
    // Column 0 = [0, 4]: diagonal 0 → 3; the raise 3 is divided by max(1 nonzero − 1, 1) = 1 and taken
    // from the off-diagonal 4 → 1. Column 1 is unchanged (diagonal 5 ≥ 3).
    expect(
      keepAtLeastNPerClass(
        [
          [0, 1],
          [4, 5],
        ],
        3,
      ),
    ).toEqual([
      [3, 1],
      [1, 5],
    ]);
  });

  it('frac_noise scales off-diagonals (truncated) and keeps column totals on the diagonal (hand)', () => {
    expect(
      reducePruneCounts(
        [
          [10, 3],
          [5, 20],
        ],
        0.5,
      ),
    ).toEqual([
      [12, 1],
      [2, 21],
    ]);
  });
});
