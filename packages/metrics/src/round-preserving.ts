import { numpyPairwiseSum as pairwiseSum } from './numpy-pairwise-sum';
import { roundHalfEven, stableArgsort } from './numpy-semantics';

/**
 * cleanlab `internal/util.py` `round_preserving_sum` (v2.9.0, quality-math.md §10 step 3): round every
 * value half-to-even, then while Σ ints ≠ round(Σ x), add ±1 to the entries with the largest (when
 * incrementing) or smallest (when decrementing) residual x − int.
 *
 * Sums use numpy's pairwise summation. Ties in the residual: cleanlab takes
 * `np.argsort(x - ints)[::-increment]`, i.e. an ascending argsort reversed when incrementing; we use a
 * stable argsort (see `stableArgsort`), so among equal residuals the highest index is incremented first
 * and the lowest index is decremented first.
 */
export function roundPreservingSum(values: readonly number[]): number[] {
  const ints = values.map(roundHalfEven);
  const origSum = roundHalfEven(pairwiseSum(values));
  let intSum = roundHalfEven(pairwiseSum(ints));
  while (Math.abs(intSum - origSum) > 1e-6) {
    const diff = roundHalfEven(origSum - intSum);
    const increment = diff < 0 ? -1 : 1;
    const changes = Math.min(Math.trunc(Math.abs(diff)), values.length);
    const ascending = stableArgsort(values.map((x, i) => x - (ints[i] as number)));
    const ordered = increment === 1 ? ascending.reverse() : ascending;
    for (const i of ordered.slice(0, changes)) ints[i] = (ints[i] as number) + increment;
    intSum = roundHalfEven(pairwiseSum(ints));
  }
  return ints;
}

/** cleanlab `round_preserving_row_totals`: `round_preserving_sum` applied to every row. */
export function roundPreservingRowTotals(matrix: readonly (readonly number[])[]): number[][] {
  return matrix.map((row) => roundPreservingSum(row));
}
