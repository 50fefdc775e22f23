import type { LabelValue } from './label-order';

/** What every truth-inference method returns: one label and one posterior row per item. */
export interface AggregationResult {
  /** Label columns, sorted with `compareLabelValues` (crowd-kit's `unstack('label')` order). */
  readonly classes: readonly LabelValue[];
  /** Items, in first-seen order of the input. */
  readonly items: readonly string[];
  /** Annotators, in first-seen order of the input. */
  readonly annotators: readonly string[];
  /** labels[i]: the aggregated label of items[i] (row argmax, ties → first class in sorted order). */
  readonly labels: readonly LabelValue[];
  /** posteriors[i][k]: probability that items[i] has classes[k]. */
  readonly posteriors: readonly (readonly number[])[];
}

/** Row-wise argmax of a flat rows × k matrix; ties go to the lowest column (pandas `idxmax`). */
export function rowArgmax(matrix: Float64Array, k: number): Int32Array {
  const rows = k === 0 ? 0 : matrix.length / k;
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r += 1) {
    let best = 0;
    for (let c = 1; c < k; c += 1) if (matrix[r * k + c]! > matrix[r * k + best]!) best = c;
    out[r] = best;
  }
  return out;
}

/** Splits a flat rows × k matrix into plain rows. */
export function toRows(matrix: Float64Array, k: number): number[][] {
  const rows: number[][] = new Array(k === 0 ? 0 : matrix.length / k);
  for (let r = 0; r < rows.length; r += 1) {
    const row = new Array<number>(k);
    for (let c = 0; c < k; c += 1) row[c] = matrix[r * k + c]!;
    rows[r] = row;
  }
  return rows;
}
