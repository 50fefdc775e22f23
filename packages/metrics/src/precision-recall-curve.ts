import { MetricsInputError } from './metrics-input-error';

export interface PrecisionRecallCurve {
  /** precision[i] at thresholds[i]; one extra final value 1 (no prediction). */
  readonly precision: readonly number[];
  /** recall[i] at thresholds[i], non-increasing; one extra final value 0. */
  readonly recall: readonly number[];
  /** The distinct scores in increasing order; a sample is predicted positive when score ≥ threshold. */
  readonly thresholds: readonly number[];
}

/**
 * Precision and recall at every distinct score threshold, exactly as scikit-learn
 * `precision_recall_curve(y_true, y_score)` (default `drop_intermediate=False`): thresholds ascending; precision
 * and recall have one more entry than thresholds, ending with (1, 0); when there is no positive sample recall
 * is 1 at every threshold (sklearn's convention). Scores are sorted once: O(n log n).
 */
export function precisionRecallCurve(
  isPositive: readonly boolean[],
  scores: readonly number[],
): PrecisionRecallCurve {
  if (isPositive.length !== scores.length) {
    throw new MetricsInputError(`${isPositive.length} labels but ${scores.length} scores`);
  }
  if (scores.length === 0) throw new MetricsInputError('a precision-recall curve needs at least one sample');
  if (scores.some((s) => !Number.isFinite(s))) throw new MetricsInputError('scores must be finite numbers');
  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const tps: number[] = [];
  const fps: number[] = [];
  const thresholds: number[] = [];
  let tp = 0;
  order.forEach((index, rank) => {
    if (isPositive[index]) tp += 1;
    const next = order[rank + 1];
    if (next !== undefined && scores[next] === scores[index]) return;
    tps.push(tp);
    fps.push(rank + 1 - tp);
    thresholds.push(scores[index]!);
  });
  const positives = tp;
  const precision = tps.map((t, i) => t / (t + fps[i]!));
  const recall = tps.map((t) => (positives === 0 ? 1 : t / positives));
  return {
    precision: [...precision.reverse(), 1],
    recall: [...recall.reverse(), 0],
    thresholds: thresholds.reverse(),
  };
}
