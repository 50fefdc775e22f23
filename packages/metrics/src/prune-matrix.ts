import { roundPreservingRowTotals } from './round-preserving';

type Matrix = readonly (readonly number[])[];

/**
 * cleanlab `filter._reduce_prune_counts` (quality-math.md §10 step 4): multiply the off-diagonal counts by
 * `fracNoise`, add what was removed from each column to that column's diagonal, then truncate every entry
 * toward zero (`astype(int)`). Column sums of the removed amount run top to bottom, as numpy's axis-0 sum.
 */
export function reducePruneCounts(pruneCountMatrix: Matrix, fracNoise = 1): number[][] {
  const k = pruneCountMatrix.length;
  const scaled = pruneCountMatrix.map((row, i) => row.map((v, j) => (i === j ? v : v * fracNoise)));
  const removed = new Array<number>(k).fill(0);
  pruneCountMatrix.forEach((row, i) => {
    row.forEach((v, j) => {
      removed[j] = (removed[j] as number) + (v - (scaled[i]?.[j] as number));
    });
  });
  return scaled.map((row, i) =>
    row.map((v, j) =>
      Math.trunc(i === j ? (pruneCountMatrix[i]?.[i] as number) + (removed[i] as number) : v),
    ),
  );
}

/**
 * cleanlab `filter._keep_at_least_n_per_class` (quality-math.md §10 step 4). `pruneCountMatrix` is the
 * confident joint transposed (M = CJᵀ). Each diagonal entry is raised to ≥ n; the raise of column j is
 * divided by max(nonzeros in column j − 1, 1) and subtracted from every off-diagonal entry of that column
 * (entries that go negative — including ones that were zero — are reset to 0), then `reducePruneCounts`
 * and `round_preserving_row_totals`. Returns integer counts.
 */
export function keepAtLeastNPerClass(pruneCountMatrix: Matrix, n: number, fracNoise = 1): number[][] {
  const k = pruneCountMatrix.length;
  const diagonal = pruneCountMatrix.map((row, i) => row[i] as number);
  const newDiagonal = diagonal.map((d) => Math.max(d, n));
  const perColumn = Array.from({ length: k }, (_, j) => {
    let nonzero = 0;
    for (const row of pruneCountMatrix) if ((row[j] as number) !== 0) nonzero += 1;
    const raise = (newDiagonal[j] as number) - (diagonal[j] as number);
    return raise / Math.max(nonzero - 1, 1);
  });
  const lowered = pruneCountMatrix.map((row, i) =>
    row.map((v, j) => {
      if (i === j) return newDiagonal[i] as number;
      const x = v - (perColumn[j] as number);
      return Math.max(x, 0);
    }),
  );
  return roundPreservingRowTotals(reducePruneCounts(lowered, fracNoise));
}
