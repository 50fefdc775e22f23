import { encodeLabelValues } from './label-encoding';
import type { LabelValue } from './label-order';
import { MetricsInputError } from './metrics-input-error';

export interface ClassConfusionMatrix {
  /** Row and column labels: the sorted union of both lists (`compareLabelValues`) or the explicit list. */
  readonly labels: readonly LabelValue[];
  /** matrix[i][j] = number of samples with ground truth labels[i] predicted as labels[j] (rows = truth). */
  readonly matrix: readonly (readonly number[])[];
}

/**
 * Multi-class confusion matrix as scikit-learn `confusion_matrix(y_true, y_pred, labels=...)`: rows = ground
 * truth, columns = prediction. Choice: a label outside an explicit `labels` list throws `MetricsInputError`
 * (sklearn silently drops such samples). Lengths must match.
 */
export function classConfusionMatrix(
  truth: readonly LabelValue[],
  predicted: readonly LabelValue[],
  labels?: readonly LabelValue[],
): ClassConfusionMatrix {
  if (truth.length !== predicted.length) {
    throw new MetricsInputError(`${truth.length} ground-truth labels but ${predicted.length} predictions`);
  }
  const { categories, codes } = encodeLabelValues([...truth, ...predicted], labels);
  const k = categories.length;
  const n = truth.length;
  const matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < n; i += 1) matrix[codes[i]!]![codes[n + i]!]! += 1;
  return { labels: categories, matrix };
}
