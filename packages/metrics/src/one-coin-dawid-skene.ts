import type { DawidSkeneOptions, DawidSkeneResult } from './dawid-skene';
import {
  DAWID_SKENE_EPS,
  type EmProblem,
  emProblem,
  emResult,
  iterationOptions,
  runEm,
} from './dawid-skene-em';
import { type AnnotatorRating, type EncodedRatings, encodeRatings } from './label-encoding';

export interface OneCoinDawidSkeneResult extends DawidSkeneResult {
  /** s_w per annotator: mean posterior of the label they gave, from the last M-step. */
  readonly skills: readonly number[];
}

/**
 * One-coin Dawid–Skene exactly as crowd-kit `OneCoinDawidSkene` (same EM loop, ELBO and stop rule as
 * `dawidSkene`): M-step s_w = mean over w's answers of T_j[y_jw]; e_w[k, c] = s_w when k = c, else
 * (1 − s_w)/(K − 1), clipped to [1e-10, 1 − 1e-10], for the observed (w, k) rows.
 */
export function oneCoinDawidSkene(
  ratings: readonly AnnotatorRating[],
  options: DawidSkeneOptions = {},
): OneCoinDawidSkeneResult {
  return oneCoinDawidSkeneCoded(encodeRatings(ratings), options);
}

/** `oneCoinDawidSkene` on integer-coded ratings. */
export function oneCoinDawidSkeneCoded(
  ratings: EncodedRatings,
  options: DawidSkeneOptions = {},
): OneCoinDawidSkeneResult {
  const problem = emProblem(ratings);
  const answers = new Float64Array(ratings.annotators.length);
  for (const w of ratings.annotator) answers[w]! += 1;
  let skills: Float64Array = new Float64Array(ratings.annotators.length);
  const state = runEm(
    problem,
    (p, sums, errors) => {
      skills = annotatorSkills(p, sums, answers);
      assignSkills(p, skills, errors);
    },
    ...iterationOptions(options),
  );
  return { ...emResult(problem, state), skills: Array.from(skills) };
}

/** s_w = Σ_{w's answers} T_j[y] / #answers, summed per (w, label) pair from `sums`. */
function annotatorSkills(problem: EmProblem, sums: Float64Array, answers: Float64Array): Float64Array {
  const { k, pairAnnotator, pairLabel } = problem;
  const total = new Float64Array(answers.length);
  for (let p = 0; p < pairLabel.length; p += 1) total[pairAnnotator[p]!]! += sums[p * k + pairLabel[p]!]!;
  return total.map((s, w) => s / answers[w]!);
}

function assignSkills(problem: EmProblem, skills: Float64Array, errors: Float64Array): void {
  const { k, pairAnnotator, pairLabel } = problem;
  for (let p = 0; p < pairLabel.length; p += 1) {
    const s = skills[pairAnnotator[p]!]!;
    for (let c = 0; c < k; c += 1) {
      const v = c === pairLabel[p] ? s : (1 - s) / (k - 1);
      errors[p * k + c] = Math.min(Math.max(v, DAWID_SKENE_EPS), 1 - DAWID_SKENE_EPS);
    }
  }
}
