import {
  CLEANLAB_EPSILON,
  calibrateConfidentJoint,
  computeConfidentJoint,
  confidentThresholds,
  type PredProbs,
} from './confident-joint';
import { checkLabelIssuesInput } from './label-issues-input';
import { labelQualityScores } from './label-quality-scores';
import { MetricsInputError } from './metrics-input-error';
import { argmaxFirst, stableArgsort } from './numpy-semantics';
import { pruneByClass, pruneByNoiseRate } from './prune-filters';
import { keepAtLeastNPerClass } from './prune-matrix';

/** cleanlab `filter.find_label_issues` `filter_by` values. */
export type LabelIssueFilter =
  | 'prune_by_noise_rate'
  | 'prune_by_class'
  | 'both'
  | 'confident_learning'
  | 'predicted_neq_given'
  | 'low_self_confidence'
  | 'low_normalized_margin';

export const LABEL_ISSUE_FILTERS: readonly LabelIssueFilter[] = [
  'prune_by_noise_rate',
  'prune_by_class',
  'both',
  'confident_learning',
  'predicted_neq_given',
  'low_self_confidence',
  'low_normalized_margin',
];

export interface FindLabelIssuesOptions {
  /** Default 'prune_by_noise_rate' (cleanlab's default). */
  readonly filterBy?: LabelIssueFilter;
  /** Fraction of the prune counts to keep (prune_by_* and both only). Default 1. */
  readonly fracNoise?: number;
  /** Classes with at most this many examples are never pruned. Default 1. */
  readonly minExamplesPerClass?: number;
}

export interface LabelIssuesResult {
  /** mask[i] = example i has a label issue. */
  readonly mask: boolean[];
  /** Indices of the flagged examples, ascending. */
  readonly issues: number[];
  /** Per-class confident thresholds t_k. */
  readonly thresholds: number[];
  /** The uncalibrated confident joint CJ[given][guess]. */
  readonly rawConfidentJoint: number[][];
  /** The calibrated confident joint that the prune filters use (rows sum to n_k, total N). */
  readonly confidentJoint: number[][];
}

/**
 * cleanlab `count._reduce_issues` (quality-math.md §10 step 6): true where the argmax, after adding 1e−6
 * to the given label's probability, is the given label (ties resolved by first maximum).
 */
export function predictionMatchesGiven(labels: readonly number[], predProbs: PredProbs): boolean[] {
  return labels.map((label, i) => {
    const row = [...(predProbs[i] ?? [])];
    row[label] = (row[label] as number) + CLEANLAB_EPSILON;
    return argmaxFirst(row) === label;
  });
}

/** cleanlab `filter.find_predicted_neq_given`: argmax p (first maximum) ≠ given label. */
export function findPredictedNeqGiven(labels: readonly number[], predProbs: PredProbs): boolean[] {
  return labels.map((label, i) => argmaxFirst(predProbs[i] ?? []) !== label);
}

/**
 * cleanlab `count.num_label_issues` with estimation_method='off_diagonal' (quality-math.md §10 step 7):
 * the uncalibrated off-diagonal examples that survive rule 6.
 */
export function numLabelIssues(labels: readonly number[], predProbs: PredProbs): number {
  const { offDiagonalIndices } = computeConfidentJoint(labels, predProbs);
  const matches = predictionMatchesGiven(labels, predProbs);
  return offDiagonalIndices.filter((i) => !matches[i]).length;
}

function maskOf(n: number, indices: readonly number[]): boolean[] {
  const mask = new Array<boolean>(n).fill(false);
  for (const i of indices) mask[i] = true;
  return mask;
}

interface FilterContext {
  readonly labels: readonly number[];
  readonly predProbs: PredProbs;
  readonly calibrated: number[][];
  readonly offDiagonalIndices: number[];
  readonly fracNoise: number;
  readonly minExamplesPerClass: number;
}

function applyFilter(filterBy: LabelIssueFilter, ctx: FilterContext): boolean[] {
  const { labels, predProbs } = ctx;
  switch (filterBy) {
    case 'confident_learning':
      return maskOf(labels.length, ctx.offDiagonalIndices);
    case 'predicted_neq_given':
      return findPredictedNeqGiven(labels, predProbs);
    case 'low_self_confidence':
    case 'low_normalized_margin': {
      const scores = labelQualityScores(
        labels,
        predProbs,
        filterBy === 'low_self_confidence' ? 'self_confidence' : 'normalized_margin',
      );
      return maskOf(labels.length, stableArgsort(scores).slice(0, numLabelIssues(labels, predProbs)));
    }
    default: {
      // M = CJᵀ (calibrated), prune counts per (true j, given k).
      const transposed = ctx.calibrated.map((row, i) => row.map((_, j) => ctx.calibrated[j]?.[i] as number));
      const pcm = keepAtLeastNPerClass(transposed, ctx.minExamplesPerClass, ctx.fracNoise);
      const byNoise = () => pruneByNoiseRate(labels, predProbs, pcm, ctx.minExamplesPerClass);
      const byClass = () => pruneByClass(labels, predProbs, pcm, ctx.minExamplesPerClass);
      if (filterBy === 'prune_by_noise_rate') return byNoise();
      if (filterBy === 'prune_by_class') return byClass();
      const a = byNoise();
      const b = byClass();
      return a.map((flag, i) => flag && (b[i] as boolean));
    }
  }
}

/**
 * cleanlab `filter.find_label_issues` (v2.9.0, single-label; quality-math.md §10): thresholds, confident
 * joint (raw, then calibrated), prune matrix, the chosen filter, then — for every filter except the two
 * `low_*` ones — rule 6: un-flag examples whose argmax after adding 1e−6 to the given label's probability is
 * the given label. Ties in every sort are broken by index (see `stableArgsort`); cleanlab's are
 * numpy-build dependent. Throws MetricsInputError on inputs cleanlab rejects (see `checkLabelIssuesInput`).
 */
export function findLabelIssues(
  labels: readonly number[],
  predProbs: PredProbs,
  options: FindLabelIssuesOptions = {},
): LabelIssuesResult {
  const check = checkLabelIssuesInput(labels, predProbs);
  if (!check.ok) throw new MetricsInputError(check.problem);
  const filterBy = options.filterBy ?? 'prune_by_noise_rate';
  if (!LABEL_ISSUE_FILTERS.includes(filterBy))
    throw new MetricsInputError(`unknown filter_by: ${String(filterBy)}`);
  const thresholds = confidentThresholds(labels, predProbs);
  const raw = computeConfidentJoint(labels, predProbs, thresholds);
  const calibrated = calibrateConfidentJoint(raw.confidentJoint, labels);
  const mask = applyFilter(filterBy, {
    labels,
    predProbs,
    calibrated,
    offDiagonalIndices: raw.offDiagonalIndices,
    fracNoise: options.fracNoise ?? 1,
    minExamplesPerClass: options.minExamplesPerClass ?? 1,
  });
  if (filterBy !== 'low_self_confidence' && filterBy !== 'low_normalized_margin') {
    predictionMatchesGiven(labels, predProbs).forEach((matches, i) => {
      if (matches) mask[i] = false;
    });
  }
  const issues: number[] = [];
  mask.forEach((flag, i) => {
    if (flag) issues.push(i);
  });
  return { mask, issues, thresholds, rawConfidentJoint: raw.confidentJoint, confidentJoint: calibrated };
}
