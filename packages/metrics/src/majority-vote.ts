import { type AggregationResult, rowArgmax, toRows } from './aggregation-result';
import { annotatorAccuracyCoded } from './annotator-accuracy';
import { type AnnotatorRating, type EncodedRatings, encodeRatings } from './label-encoding';
import { MetricsInputError } from './metrics-input-error';

export interface MajorityVoteOptions {
  /** Annotator weights (crowd-kit `skills`): scores become summed weights. A missing annotator throws. */
  readonly weights?: ReadonlyMap<string, number>;
}

export interface MajorityVoteResult extends AggregationResult {
  /** accuracies[a]: share of annotators[a]'s answers equal to the MV label (crowd-kit `skills_`). */
  readonly accuracies: readonly number[];
}

/**
 * Majority vote exactly as crowd-kit `MajorityVote`: scores per (item, label) = answer counts (or summed
 * weights), label columns sorted (`compareLabelValues`), posteriors = rows normalised (vote fractions, 0 for
 * labels nobody gave the item), label = row argmax with **ties → first label in sorted order** ("no" beats
 * "yes"); accuracies = crowd-kit `get_accuracy` against the MV labels. Empty input → empty result.
 */
export function majorityVote(
  ratings: readonly AnnotatorRating[],
  options: MajorityVoteOptions = {},
): MajorityVoteResult {
  return majorityVoteCoded(encodeRatings(ratings), options);
}

/** `majorityVote` on integer-coded ratings. */
export function majorityVoteCoded(
  ratings: EncodedRatings,
  options: MajorityVoteOptions = {},
): MajorityVoteResult {
  const k = ratings.categories.length;
  const probabilities = majorityVoteProbabilities(ratings, annotatorWeights(ratings, options.weights));
  const best = rowArgmax(probabilities, k);
  return {
    classes: ratings.categories,
    items: ratings.items,
    annotators: ratings.annotators,
    labels: Array.from(best, (c) => ratings.categories[c]!),
    posteriors: toRows(probabilities, k),
    accuracies: Array.from(annotatorAccuracyCoded(ratings, best)),
  };
}

/** Vote fractions as a flat items × classes matrix (the soft MV that Dawid–Skene starts from). */
export function majorityVoteProbabilities(ratings: EncodedRatings, weights?: Float64Array): Float64Array {
  const k = ratings.categories.length;
  const scores = new Float64Array(ratings.items.length * k);
  for (let i = 0; i < ratings.item.length; i += 1) {
    scores[ratings.item[i]! * k + ratings.label[i]!]! += weights ? weights[ratings.annotator[i]!]! : 1;
  }
  for (let row = 0; row < ratings.items.length; row += 1) {
    let sum = 0;
    for (let c = 0; c < k; c += 1) sum += scores[row * k + c]!;
    for (let c = 0; c < k; c += 1) scores[row * k + c]! /= sum;
  }
  return scores;
}

function annotatorWeights(
  ratings: EncodedRatings,
  weights: ReadonlyMap<string, number> | undefined,
): Float64Array | undefined {
  if (weights === undefined) return undefined;
  return Float64Array.from(ratings.annotators, (a) => {
    const w = weights.get(a);
    if (w === undefined) throw new MetricsInputError(`no weight for annotator ${JSON.stringify(a)}`);
    return w;
  });
}
