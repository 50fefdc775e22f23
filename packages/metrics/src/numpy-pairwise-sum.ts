/**
 * Floating-point sums in numpy's order, so means computed here match `np.mean` / `np.sum` bit for bit rather than
 * only to rounding. numpy adds float64 arrays with pairwise summation (`pairwise_sum_DOUBLE` in
 * `numpy/_core/src/umath/loops_utils.h.src`): blocks of at most 128 elements are summed with 8 interleaved
 * accumulators, larger ranges are split in two at a multiple of 8. Verified against numpy 2.4 `np.mean` on random
 * arrays of 1–90,000 elements.
 */
export function numpyPairwiseSum(
  values: ArrayLike<number>,
  start = 0,
  length = values.length - start,
): number {
  if (length < 8) {
    let sum = 0;
    for (let i = 0; i < length; i++) sum += values[start + i] as number;
    return sum;
  }
  if (length <= 128) return blockSum(values, start, length);
  let half = Math.floor(length / 2);
  half -= half % 8;
  return numpyPairwiseSum(values, start, half) + numpyPairwiseSum(values, start + half, length - half);
}

function blockSum(v: ArrayLike<number>, start: number, length: number): number {
  let r0 = v[start] as number;
  let r1 = v[start + 1] as number;
  let r2 = v[start + 2] as number;
  let r3 = v[start + 3] as number;
  let r4 = v[start + 4] as number;
  let r5 = v[start + 5] as number;
  let r6 = v[start + 6] as number;
  let r7 = v[start + 7] as number;
  const end = length - (length % 8);
  let i = 8;
  for (; i < end; i += 8) {
    const o = start + i;
    r0 += v[o] as number;
    r1 += v[o + 1] as number;
    r2 += v[o + 2] as number;
    r3 += v[o + 3] as number;
    r4 += v[o + 4] as number;
    r5 += v[o + 5] as number;
    r6 += v[o + 6] as number;
    r7 += v[o + 7] as number;
  }
  let sum = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
  for (; i < length; i++) sum += v[start + i] as number;
  return sum;
}

/** `np.mean(values[:length])`: the pairwise sum divided by the count; NaN for an empty range (as numpy). */
export function numpyMean(values: ArrayLike<number>, length = values.length): number {
  return numpyPairwiseSum(values, 0, length) / length;
}
