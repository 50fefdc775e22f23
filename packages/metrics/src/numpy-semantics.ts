/**
 * numpy behaviours the cleanlab port (quality-math.md §10) must reproduce: half-to-even rounding,
 * first-max argmax and (our documented choice) a stable argsort. Pairwise summation lives in
 * `numpy-pairwise-sum.ts`. Pure; no I/O.
 */

/**
 * numpy `np.round(x)` / `ndarray.round()` with 0 decimals: round half to even (banker's rounding).
 * `x - floor(x)` is exact for every finite double, so the tie test is exact.
 */
export function roundHalfEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  if (x < 0) return -roundHalfEven(-x);
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** numpy `argmax`: the index of the first maximum. Returns -1 for an empty row. */
export function argmaxFirst(row: ArrayLike<number>): number {
  let best = -1;
  let bestValue = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < row.length; i += 1) {
    const v = row[i] as number;
    if (best === -1 || v > bestValue) {
      best = i;
      bestValue = v;
    }
  }
  return best;
}

/**
 * Ascending argsort with ties kept in index order (numpy `kind='stable'`).
 *
 * Choice: cleanlab calls `np.argsort(x)` with the default `kind='quicksort'`, which is not stable: the
 * order of ties depends on the numpy build and CPU (introsort falls back to a stable insertion sort only
 * for ≤ 16 elements, and x86-simd-sort dispatch on AVX-512/AVX2 machines is unstable even for 16 — seen
 * on numpy 2.4.6, AVX512_ICL). We fix ties deterministically by index; results equal cleanlab's whenever
 * the sorted keys have no ties at the cut-off.
 */
export function stableArgsort(values: ArrayLike<number>): number[] {
  const order = Array.from({ length: values.length }, (_, i) => i);
  order.sort((a, b) => {
    const va = values[a] as number;
    const vb = values[b] as number;
    if (va < vb) return -1;
    if (va > vb) return 1;
    return a - b;
  });
  return order;
}
