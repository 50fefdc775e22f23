import { type AnnotatorRating, encodeRatings } from './label-encoding';
import type { LabelValue } from './label-order';
import { MetricsInputError } from './metrics-input-error';

/** `fleiss`: P̄_e = Σ_j p_j²; `randolph` (free-marginal, statsmodels `uniform`): P̄_e = 1/K. */
export type FleissMethod = 'fleiss' | 'randolph';

/** An items × categories table of rating counts (statsmodels `aggregate_raters` output). */
export interface FleissCountTable {
  readonly items: readonly string[];
  readonly categories: readonly LabelValue[];
  /** counts[i][j] = number of raters who put item i in category j. */
  readonly counts: readonly (readonly number[])[];
  readonly ratersPerItem: number;
}

/**
 * Fleiss' κ exactly as statsmodels `fleiss_kappa(table, method)`: n_ij = raters putting item i in category j,
 * P_i = (Σ_j n_ij² − n)/(n(n − 1)), P̄ = mean P_i, p_j = Σ_i n_ij/(N·n), κ = (P̄ − P̄_e)/(1 − P̄_e).
 * Randolph's K is the number of table columns (unused categories count).
 *
 * Choices: every item must have the same number n of ratings (statsmodels asserts it) and n ≥ 2 (statsmodels
 * would divide by zero); both throw `MetricsInputError`. All ratings in one category gives 0/0 = **NaN**.
 */
export function fleissKappa(table: readonly (readonly number[])[], method: FleissMethod = 'fleiss'): number {
  const nItems = table.length;
  if (nItems === 0) throw new MetricsInputError("Fleiss' kappa needs at least one item");
  const nCategories = table[0]!.length;
  const n = table[0]!.reduce((a, b) => a + b, 0);
  if (n < 2) throw new MetricsInputError("Fleiss' kappa needs at least 2 ratings per item");
  const categoryTotals = new Float64Array(nCategories);
  let pSum = 0;
  table.forEach((row, i) => {
    if (row.length !== nCategories) throw new MetricsInputError('every table row needs the same categories');
    let ratings = 0;
    let squares = 0;
    row.forEach((v, j) => {
      ratings += v;
      squares += v * v;
      categoryTotals[j]! += v;
    });
    if (ratings !== n) {
      throw new MetricsInputError(
        `Fleiss' kappa needs the same number of ratings per item: item ${i + 1} has ${ratings}, expected ${n}`,
      );
    }
    pSum += (squares - n) / (n * (n - 1));
  });
  const pMean = pSum / nItems;
  let pExpected = 1 / nCategories;
  if (method === 'fleiss') {
    pExpected = 0;
    for (const total of categoryTotals) pExpected += (total / (nItems * n)) ** 2;
  }
  return (pMean - pExpected) / (1 - pExpected);
}

/**
 * Builds the items × categories count table from ratings (statsmodels `aggregate_raters`), items in first-seen
 * order, categories sorted (`compareLabelValues`) or as given. Unequal ratings per item throw.
 */
export function fleissCountTable(
  ratings: readonly AnnotatorRating[],
  categories?: readonly LabelValue[],
): FleissCountTable {
  if (ratings.length === 0) throw new MetricsInputError("Fleiss' kappa needs at least one rating");
  const encoded = encodeRatings(ratings, categories);
  const k = encoded.categories.length;
  const counts = Array.from({ length: encoded.items.length }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < ratings.length; i += 1) counts[encoded.item[i]!]![encoded.label[i]!]! += 1;
  const perItem = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const n = perItem[0]!;
  const bad = perItem.findIndex((m) => m !== n);
  if (bad >= 0) {
    throw new MetricsInputError(
      `Fleiss' kappa needs the same number of ratings per item: item ${JSON.stringify(encoded.items[bad])} has ` +
        `${perItem[bad]}, item ${JSON.stringify(encoded.items[0])} has ${n}`,
    );
  }
  return { items: encoded.items, categories: encoded.categories, counts, ratersPerItem: n };
}
