import { chiSquareContingency } from './chi-square';
import { encodeLabelValues } from './label-encoding';
import type { LabelValue } from './label-order';
import { MetricsInputError } from './metrics-input-error';

/** Default proportion floor ε for PSI and KL (stored with every result). */
export const DRIFT_EPSILON = 1e-4;

export interface DriftOptions {
  /** Proportions are clipped at ε and renormalised before PSI and KL; default `DRIFT_EPSILON` (1e-4). */
  readonly epsilon?: number;
}

export interface LabelDistributionDrift {
  /** Sorted union of both samples' labels (`compareLabelValues`); the bins of every statistic. */
  readonly categories: readonly LabelValue[];
  readonly referenceCounts: readonly number[];
  readonly currentCounts: readonly number[];
  /** Σ (a − e) ln(a/e), a = current, e = reference, smoothed proportions. */
  readonly psi: number;
  /** KL(current ‖ reference) in nats, smoothed proportions. */
  readonly klDivergence: number;
  /** scipy `jensenshannon` distance (√JS, natural log), unsmoothed proportions. */
  readonly jsDistance: number;
  /** Pearson χ² on the 2 × K count table, no Yates correction. */
  readonly chiSquare: number;
  readonly dof: number;
  readonly pValue: number;
  readonly epsilon: number;
}

/**
 * Proportions of `counts` (any non-negative weights), clipped at ε and renormalised to sum to 1. Choice (the
 * reference allows +0.5 counts or an ε floor): the ε floor on proportions.
 */
export function smoothedProportions(counts: readonly number[], epsilon = DRIFT_EPSILON): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new MetricsInputError('a distribution needs a positive total');
  const clipped = counts.map((c) => Math.max(c / total, epsilon));
  const sum = clipped.reduce((a, b) => a + b, 0);
  return clipped.map((p) => p / sum);
}

/**
 * Population stability index Σ (a_i − e_i) ln(a_i/e_i) = KL(a‖e) + KL(e‖a) between `current` (a) and
 * `reference` (e) counts or proportions over the same bins, after `smoothedProportions` (Yurdakul 2018).
 */
export function populationStabilityIndex(
  reference: readonly number[],
  current: readonly number[],
  options: DriftOptions = {},
): number {
  const [e, a] = smoothedPair(reference, current, options);
  return a.reduce((s, ai, i) => s + (ai - e[i]!) * Math.log(ai / e[i]!), 0);
}

/**
 * KL(p ‖ q) = Σ p ln(p/q) in nats over the same bins, both smoothed with `smoothedProportions` (scipy
 * `entropy(pk, qk)` on the smoothed vectors). Tessera's drift uses KL(current ‖ reference).
 */
export function klDivergence(p: readonly number[], q: readonly number[], options: DriftOptions = {}): number {
  const [ps, qs] = smoothedPair(p, q, options);
  return ps.reduce((s, pi, i) => s + pi * Math.log(pi / qs[i]!), 0);
}

/**
 * Jensen–Shannon **distance** exactly as scipy `jensenshannon(p, q)` (natural log): both normalised, m = (p + q)/2,
 * √(½ KL(p‖m) + ½ KL(q‖m)), with 0·ln 0 = 0; no smoothing.
 */
export function jensenShannonDistance(p: readonly number[], q: readonly number[]): number {
  if (p.length !== q.length) throw new MetricsInputError('distributions need the same bins');
  const pt = p.reduce((a, b) => a + b, 0);
  const qt = q.reduce((a, b) => a + b, 0);
  if (!(pt > 0 && qt > 0)) throw new MetricsInputError('a distribution needs a positive total');
  let js = 0;
  p.forEach((pv, i) => {
    const pi = pv / pt;
    const qi = q[i]! / qt;
    const m = (pi + qi) / 2;
    if (pi > 0) js += pi * Math.log(pi / m);
    if (qi > 0) js += qi * Math.log(qi / m);
  });
  return Math.sqrt(Math.max(js / 2, 0));
}

/**
 * Label-distribution drift between a reference and a current sample of labels (§13): PSI and KL on
 * ε-smoothed proportions, JS distance on raw proportions, and χ² without Yates correction on the 2 × K count
 * table (one category → statistic 0, p = 1). Both samples must be non-empty.
 */
export function labelDistributionDrift(
  reference: readonly LabelValue[],
  current: readonly LabelValue[],
  options: DriftOptions = {},
): LabelDistributionDrift {
  if (reference.length === 0 || current.length === 0) {
    throw new MetricsInputError('drift needs at least one reference and one current label');
  }
  const { categories, codes } = encodeLabelValues([...reference, ...current]);
  const referenceCounts = new Array<number>(categories.length).fill(0);
  const currentCounts = new Array<number>(categories.length).fill(0);
  codes.forEach((c, i) => {
    if (i < reference.length) referenceCounts[c]! += 1;
    else currentCounts[c]! += 1;
  });
  const chi = chiSquareContingency([referenceCounts, currentCounts]);
  return {
    categories,
    referenceCounts,
    currentCounts,
    psi: populationStabilityIndex(referenceCounts, currentCounts, options),
    klDivergence: klDivergence(currentCounts, referenceCounts, options),
    jsDistance: jensenShannonDistance(currentCounts, referenceCounts),
    chiSquare: chi.statistic,
    dof: chi.dof,
    pValue: chi.pValue,
    epsilon: options.epsilon ?? DRIFT_EPSILON,
  };
}

function smoothedPair(
  a: readonly number[],
  b: readonly number[],
  options: DriftOptions,
): [number[], number[]] {
  if (a.length !== b.length) throw new MetricsInputError('distributions need the same bins');
  const epsilon = options.epsilon ?? DRIFT_EPSILON;
  if (!(epsilon >= 0 && epsilon < 1)) throw new MetricsInputError('epsilon must be in [0, 1)');
  return [smoothedProportions(a, epsilon), smoothedProportions(b, epsilon)];
}
