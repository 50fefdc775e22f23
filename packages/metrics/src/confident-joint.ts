import { numpyPairwiseSum as pairwiseSum } from './numpy-pairwise-sum';
import { argmaxFirst } from './numpy-semantics';
import { roundPreservingRowTotals } from './round-preserving';

/** Row i = the model's predicted class probabilities for example i (N × K). */
export type PredProbs = readonly (readonly number[])[];

/** cleanlab `internal/constants.py` FLOATING_POINT_COMPARISON (1e−6). */
export const CLEANLAB_EPSILON = 1e-6;
/** cleanlab CONFIDENT_THRESHOLDS_LOWER_BOUND = 2 × FLOATING_POINT_COMPARISON. */
const THRESHOLD_LOWER_BOUND = 2 * CLEANLAB_EPSILON;
/** cleanlab TINY_VALUE, the clip that guards divisions. */
const TINY_VALUE = 1e-100;
/** Threshold of a class absent from the labels: no probability ≤ 1 reaches it. */
const MISSING_CLASS_THRESHOLD = 2;

/** Number of examples labelled k, for k = 0..K−1 (cleanlab `value_counts_fill_missing_classes`). */
export function countLabelsPerClass(labels: readonly number[], numClasses: number): number[] {
  const counts = new Array<number>(numClasses).fill(0);
  for (const label of labels) counts[label] = (counts[label] as number) + 1;
  return counts;
}

/**
 * cleanlab `count.get_confident_thresholds` (quality-math.md §10 step 1): t_k = mean of p_k over the
 * examples labelled k (numpy pairwise mean), clipped ≥ 2e−6; a class absent from the labels gets 2.
 */
export function confidentThresholds(labels: readonly number[], predProbs: PredProbs): number[] {
  const numClasses = predProbs[0]?.length ?? 0;
  const byClass: number[][] = Array.from({ length: numClasses }, () => []);
  labels.forEach((label, i) => {
    byClass[label]?.push(predProbs[i]?.[label] as number);
  });
  return byClass.map((values) => {
    if (values.length === 0) return MISSING_CLASS_THRESHOLD;
    return Math.max(pairwiseSum(values) / values.length, THRESHOLD_LOWER_BOUND);
  });
}

/** The raw (uncalibrated) confident joint and the examples counted off its diagonal. */
export interface RawConfidentJoint {
  /** CJ[given][guess], diagonal clipped ≥ 1. */
  readonly confidentJoint: number[][];
  /** Indices (ascending) of confident examples whose guessed class ≠ given label. */
  readonly offDiagonalIndices: number[];
}

/**
 * cleanlab `count.compute_confident_joint(calibrate=False, return_indices_of_off_diagonals=True)`
 * (quality-math.md §10 step 2): class j is confident for an example iff p_j ≥ t_j − 1e−6; exactly one
 * confident class → it; two or more → argmax p (first maximum); none → the example is skipped. The
 * diagonal is then clipped to ≥ 1.
 */
export function computeConfidentJoint(
  labels: readonly number[],
  predProbs: PredProbs,
  thresholds: readonly number[] = confidentThresholds(labels, predProbs),
): RawConfidentJoint {
  const numClasses = thresholds.length;
  const cj = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  const offDiagonalIndices: number[] = [];
  predProbs.forEach((row, i) => {
    let firstConfident = -1;
    let confidentCount = 0;
    row.forEach((p, j) => {
      if (p >= (thresholds[j] as number) - CLEANLAB_EPSILON) {
        confidentCount += 1;
        if (firstConfident === -1) firstConfident = j;
      }
    });
    if (confidentCount === 0) return;
    const guess = confidentCount > 1 ? argmaxFirst(row) : firstConfident;
    const given = labels[i] as number;
    const cjRow = cj[given] as number[];
    cjRow[guess] = (cjRow[guess] as number) + 1;
    if (guess !== given) offDiagonalIndices.push(i);
  });
  cj.forEach((row, k) => {
    row[k] = Math.max(row[k] as number, 1);
  });
  return { confidentJoint: cj, offDiagonalIndices };
}

/**
 * cleanlab `count.calibrate_confident_joint` (quality-math.md §10 step 3): each row scaled to n_k
 * (`(cj / max(Σrow, 1e−100)) · n_k`, in that order), the matrix scaled to N (`(x / max(Σx, 1e−100)) · N`,
 * Σx pairwise in row-major order as numpy sums it), then `round_preserving_row_totals`.
 */
export function calibrateConfidentJoint(
  confidentJoint: readonly (readonly number[])[],
  labels: readonly number[],
): number[][] {
  const counts = countLabelsPerClass(labels, confidentJoint.length);
  const rowScaled = confidentJoint.map((row, i) => {
    const rowSum = Math.max(
      row.reduce((a, b) => a + b, 0),
      TINY_VALUE,
    );
    return row.map((c) => (c / rowSum) * (counts[i] as number));
  });
  const total = Math.max(pairwiseSum(rowScaled.flat()), TINY_VALUE);
  const n = counts.reduce((a, b) => a + b, 0);
  return roundPreservingRowTotals(rowScaled.map((row) => row.map((x) => (x / total) * n)));
}
