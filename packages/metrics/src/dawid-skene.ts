import type { AggregationResult } from './aggregation-result';
import { confusionMStep, emProblem, emResult, iterationOptions, runEm } from './dawid-skene-em';
import { type AnnotatorRating, type EncodedRatings, encodeRatings } from './label-encoding';

export interface DawidSkeneOptions {
  /** Maximum EM iterations; default 100 (0 returns the majority-vote initialisation). */
  readonly nIter?: number;
  /** Stop when ELBO − previous ELBO < tol; default 1e-5. */
  readonly tol?: number;
}

export interface DawidSkeneResult extends AggregationResult {
  /** p: prior class probabilities (mean posterior), parallel to `classes`. */
  readonly priors: readonly number[];
  /**
   * errors[a][k][c] = P(annotators[a] answers classes[k] | true class classes[c]); each true-class column sums
   * to 1 over the labels the annotator gave. `undefined` where annotator a never gave classes[k] (crowd-kit
   * keeps only observed (worker, label) rows).
   */
  readonly errors: readonly (readonly (readonly number[] | undefined)[])[];
  /** ELBO per iteration (crowd-kit `loss_history_`); its length is the number of iterations run. */
  readonly elboHistory: readonly number[];
}

/**
 * Dawid–Skene EM exactly as crowd-kit `DawidSkene(n_iter=100, tol=1e-5)` (v1.4.1+): majority-vote soft
 * initialisation; M-step only over observed (annotator, label) rows with counts clipped ≥ 1e-10 before
 * normalising; E-step in log2 with priors clipped ≥ 1e-10; ELBO stop rule (a decrease also stops); returned
 * posteriors clipped ≥ 1e-10 in place by the last ELBO; labels = row argmax, ties → first sorted class.
 *
 * Choice: `priors` are the unclipped mean posteriors (crowd-kit under pandas < 3 may hand back priors clipped
 * at 1e-10 through a shared buffer; the two differ only when a class prior is below 1e-10). Empty input →
 * empty result. Gold labels and `initial_error` are not supported.
 */
export function dawidSkene(
  ratings: readonly AnnotatorRating[],
  options: DawidSkeneOptions = {},
): DawidSkeneResult {
  return dawidSkeneCoded(encodeRatings(ratings), options);
}

/** `dawidSkene` on integer-coded ratings. */
export function dawidSkeneCoded(ratings: EncodedRatings, options: DawidSkeneOptions = {}): DawidSkeneResult {
  const problem = emProblem(ratings);
  return emResult(problem, runEm(problem, confusionMStep, ...iterationOptions(options)));
}
