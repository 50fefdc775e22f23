import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import { MetricsInputError } from './metrics-input-error';

export interface ChiSquareResult {
  readonly statistic: number;
  readonly dof: number;
  /** Upper-tail probability 1 − F(statistic; dof); 1 when dof = 0. */
  readonly pValue: number;
}

export interface ChiSquareContingencyOptions {
  /**
   * Yates' continuity correction, applied only when dof = 1 (scipy's rule). Default **false** — scipy
   * `chi2_contingency` defaults to true; Tessera's drift test is specified without it.
   */
  readonly yatesCorrection?: boolean;
}

/**
 * Pearson's χ² test of independence on an r × K table of counts, as scipy `chi2_contingency`: expected =
 * row total × column total / N, statistic Σ (O − E)²/E, dof = (r − 1)(K − 1), p-value from
 * `@stdlib/stats-base-dists-chisquare-cdf`. Choices: columns that are all zero are dropped first (scipy raises);
 * with one remaining column the statistic is 0 and p = 1 (scipy's dof = 0 result); an all-zero row throws.
 */
export function chiSquareContingency(
  table: readonly (readonly number[])[],
  options: ChiSquareContingencyOptions = {},
): ChiSquareResult {
  const width = table[0]?.length ?? 0;
  if (table.length === 0 || table.some((row) => row.length !== width)) {
    throw new MetricsInputError('a contingency table needs rows of equal length');
  }
  const keep = [...Array(width).keys()].filter((j) => table.some((row) => row[j]! !== 0));
  const rows = table.map((row) => keep.map((j) => row[j]!));
  const rowTotals = rows.map((row) => row.reduce((a, b) => a + b, 0));
  if (rowTotals.some((t) => t === 0))
    throw new MetricsInputError('every row of a contingency table needs counts');
  const colTotals = keep.map((_, j) => rows.reduce((s, row) => s + row[j]!, 0));
  const total = rowTotals.reduce((a, b) => a + b, 0);
  const dof = (rows.length - 1) * (keep.length - 1);
  let statistic = 0;
  rows.forEach((row, i) => {
    row.forEach((observed, j) => {
      const expected = (rowTotals[i]! * colTotals[j]!) / total;
      let diff = Math.abs(observed - expected);
      if (options.yatesCorrection && dof === 1) diff = Math.max(0, diff - Math.min(0.5, diff));
      statistic += (diff * diff) / expected;
    });
  });
  return { statistic, dof, pValue: upperTail(statistic, dof) };
}

/**
 * Pearson's χ² goodness-of-fit test as scipy `chisquare(f_obs, f_exp)`: expected defaults to uniform;
 * dof = K − 1.
 */
export function chiSquareGoodnessOfFit(
  observed: readonly number[],
  expected?: readonly number[],
): ChiSquareResult {
  if (observed.length === 0) throw new MetricsInputError('goodness of fit needs at least one category');
  const total = observed.reduce((a, b) => a + b, 0);
  const exp = expected ?? observed.map(() => total / observed.length);
  if (exp.length !== observed.length) throw new MetricsInputError('observed and expected lengths differ');
  const statistic = observed.reduce((s, o, i) => s + (o - exp[i]!) ** 2 / exp[i]!, 0);
  const dof = observed.length - 1;
  return { statistic, dof, pValue: upperTail(statistic, dof) };
}

function upperTail(statistic: number, dof: number): number {
  return dof === 0 ? 1 : 1 - chisquareCdf(statistic, dof);
}
