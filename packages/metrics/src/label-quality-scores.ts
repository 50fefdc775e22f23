import type { PredProbs } from './confident-joint';
import { stableArgsort } from './numpy-semantics';

/** cleanlab `rank.get_label_quality_scores` methods ported here (lower score = more likely mislabelled). */
export type LabelQualityMethod = 'self_confidence' | 'normalized_margin';

/** cleanlab `rank.get_self_confidence_for_each_label`: p_label (quality-math.md §10 step 8). */
export function selfConfidenceScores(labels: readonly number[], predProbs: PredProbs): number[] {
  return labels.map((label, i) => predProbs[i]?.[label] as number);
}

/**
 * cleanlab `rank.get_normalized_margin_for_each_label`: (p_label − max_{k≠label} p_k + 1) / 2
 * (quality-math.md §10 step 8). With a single class the max over the empty set is taken as −∞ → +∞ score;
 * cleanlab raises there instead (inputs with < 2 columns are rejected upstream).
 */
export function normalizedMarginScores(labels: readonly number[], predProbs: PredProbs): number[] {
  return labels.map((label, i) => {
    const row = predProbs[i] ?? [];
    let maxOther = Number.NEGATIVE_INFINITY;
    row.forEach((p, k) => {
      if (k !== label && p > maxOther) maxOther = p;
    });
    return ((row[label] as number) - maxOther + 1) / 2;
  });
}

/** Scores of every example for `method`. */
export function labelQualityScores(
  labels: readonly number[],
  predProbs: PredProbs,
  method: LabelQualityMethod = 'self_confidence',
): number[] {
  return method === 'self_confidence'
    ? selfConfidenceScores(labels, predProbs)
    : normalizedMarginScores(labels, predProbs);
}

/**
 * cleanlab `rank.order_label_issues`: the flagged indices sorted by ascending label-quality score.
 * Ties keep ascending index order (cleanlab's `np.argsort` default is unstable; see `stableArgsort`).
 */
export function orderLabelIssues(
  issueMask: readonly boolean[],
  labels: readonly number[],
  predProbs: PredProbs,
  rankBy: LabelQualityMethod = 'self_confidence',
): number[] {
  const scores = labelQualityScores(labels, predProbs, rankBy);
  const flagged: number[] = [];
  issueMask.forEach((isIssue, i) => {
    if (isIssue) flagged.push(i);
  });
  const order = stableArgsort(flagged.map((i) => scores[i] as number));
  return order.map((j) => flagged[j] as number);
}
