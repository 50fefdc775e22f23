import { classConfusionMatrix } from './class-confusion-matrix';
import { cohenKappaFromConfusion } from './cohen-kappa';
import type { LabelValue } from './label-order';
import { MetricsInputError } from './metrics-input-error';

export interface ClassScores {
  readonly label: LabelValue;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Number of ground-truth samples of this label. */
  readonly support: number;
}

export interface ClassificationReport {
  readonly accuracy: number;
  readonly macroF1: number;
  readonly microF1: number;
  readonly weightedF1: number;
  /** Unweighted Cohen's κ between truth and prediction; NaN when p_e = 1. */
  readonly cohenKappa: number;
  /** Sorted union of truth and predicted labels (numbers numerically, strings by code point). */
  readonly labels: readonly LabelValue[];
  /** Rows = ground truth, columns = prediction, in `labels` order. */
  readonly confusion: readonly (readonly number[])[];
  /** Per-label scores in `labels` order. */
  readonly perClass: readonly ClassScores[];
}

/**
 * Single-label multi-class evaluation as scikit-learn with `zero_division=0`: `accuracy_score`,
 * `precision_recall_fscore_support` (per class; macro = unweighted mean of per-class F1; micro from summed
 * tp/fp/fn, which equals accuracy here; weighted by support), `cohen_kappa_score`, and `confusion_matrix` over
 * `labels` = `unique_labels(y_true, y_pred)`. A 0/0 precision, recall or F1 is 0. Empty input throws.
 */
export function classificationReport(
  truth: readonly LabelValue[],
  predicted: readonly LabelValue[],
): ClassificationReport {
  if (truth.length === 0) throw new MetricsInputError('classification report needs at least one sample');
  const { labels, matrix } = classConfusionMatrix(truth, predicted);
  const k = labels.length;
  let correct = 0;
  let fpTotal = 0;
  let fnTotal = 0;
  const perClass = labels.map((label, i) => {
    const tp = matrix[i]![i]!;
    let predictedCount = 0;
    for (let r = 0; r < k; r += 1) predictedCount += matrix[r]![i]!;
    const support = matrix[i]!.reduce((a, b) => a + b, 0);
    correct += tp;
    fpTotal += predictedCount - tp;
    fnTotal += support - tp;
    return {
      label,
      precision: safeDivide(tp, predictedCount),
      recall: safeDivide(tp, support),
      f1: safeDivide(2 * tp, 2 * tp + (predictedCount - tp) + (support - tp)),
      support,
    };
  });
  const n = truth.length;
  return {
    accuracy: correct / n,
    macroF1: perClass.reduce((s, c) => s + c.f1, 0) / k,
    microF1: safeDivide(2 * correct, 2 * correct + fpTotal + fnTotal),
    weightedF1: safeDivide(
      perClass.reduce((s, c) => s + c.f1 * c.support, 0),
      n,
    ),
    cohenKappa: cohenKappaFromConfusion(matrix),
    labels,
    confusion: matrix,
    perClass,
  };
}

/** a / b, or 0 when b = 0 (sklearn `zero_division=0`). */
function safeDivide(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}
