import { encodeLabelValues } from './label-encoding';
import type { LabelValue } from './label-order';
import { MetricsInputError } from './metrics-input-error';

/** Disagreement weights of weighted κ: `none` (0 on the diagonal, 1 elsewhere), `|i − j|`, or `(i − j)²`. */
export type KappaWeights = 'none' | 'linear' | 'quadratic';

export interface CohenKappaOptions {
  /** Default `none` (unweighted κ). */
  readonly weights?: KappaWeights;
  /**
   * The ordered label list; weights use positions in it (unused labels included). Default: the sorted union of
   * both raters' labels (`compareLabelValues`: numbers numerically, strings by code point).
   */
  readonly labels?: readonly LabelValue[];
}

/**
 * Cohen's κ between two raters, exactly as scikit-learn `cohen_kappa_score`:
 * κ = 1 − Σ w_ij O_ij / Σ w_ij E_ij with O the K×K confusion (rows = rater 1), E = outer(column sums, row sums)/N
 * and i, j **positions in the ordered label list, not label values** (labels {1, 2, 5}: d(2, 5) = d(1, 2) = 1).
 *
 * Choices: when p_e = 1 (both raters use one identical class) the result is **NaN** (0/0), like recent sklearn's
 * default `replace_undefined_by=np.nan`. A label outside an explicit `labels` list throws `MetricsInputError`
 * (sklearn silently drops such samples). Empty or unequal-length input throws.
 */
export function cohenKappa(
  rater1: readonly LabelValue[],
  rater2: readonly LabelValue[],
  options: CohenKappaOptions = {},
): number {
  if (rater1.length !== rater2.length) {
    throw new MetricsInputError(
      `raters have ${rater1.length} and ${rater2.length} labels; need equal lengths`,
    );
  }
  if (rater1.length === 0) throw new MetricsInputError("Cohen's kappa needs at least one rated item");
  const { categories, codes } = encodeLabelValues([...rater1, ...rater2], options.labels);
  const k = categories.length;
  const n = rater1.length;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < n; i += 1) confusion[codes[i]!]![codes[n + i]!]! += 1;
  return cohenKappaFromConfusion(confusion, options.weights ?? 'none');
}

/**
 * Cohen's κ from a K×K confusion matrix of counts (rows = rater 1, columns = rater 2, both in label-list order),
 * with sklearn's weighting (see `cohenKappa`). NaN when the expected weighted disagreement is 0.
 */
export function cohenKappaFromConfusion(
  confusion: readonly (readonly number[])[],
  weights: KappaWeights = 'none',
): number {
  const k = confusion.length;
  const rowSums = new Float64Array(k);
  const colSums = new Float64Array(k);
  confusion.forEach((row, i) => {
    if (row.length !== k) throw new MetricsInputError('the confusion matrix must be square');
    row.forEach((v, j) => {
      rowSums[i]! += v;
      colSums[j]! += v;
    });
  });
  const total = rowSums.reduce((a, b) => a + b, 0);
  if (total === 0) throw new MetricsInputError("Cohen's kappa needs at least one rated item");
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < k; i += 1) {
    for (let j = 0; j < k; j += 1) {
      const w = kappaWeight(i, j, weights);
      observed += w * confusion[i]![j]!;
      expected += (w * colSums[i]! * rowSums[j]!) / total;
    }
  }
  return 1 - observed / expected;
}

function kappaWeight(i: number, j: number, weights: KappaWeights): number {
  if (weights === 'linear') return Math.abs(i - j);
  if (weights === 'quadratic') return (i - j) ** 2;
  return i === j ? 0 : 1;
}
