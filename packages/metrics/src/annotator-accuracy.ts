import { type AnnotatorRating, type EncodedRatings, encodeRatings } from './label-encoding';
import type { LabelValue } from './label-order';

/** One annotator's agreement with reference labels. */
export interface AnnotatorAccuracy {
  readonly annotator: string;
  /** Distinct (item, label) answers on items that have a reference label. */
  readonly answers: number;
  readonly correct: number;
  /** correct / answers; NaN when the annotator answered no referenced item. */
  readonly accuracy: number;
}

/**
 * Share of each annotator's answers equal to the reference label, exactly as crowd-kit `get_accuracy(data,
 * true_labels, by='worker')`: answers on items without a reference are ignored and identical (item, annotator,
 * label) triples count once. `truth[item]` is a class code, or −1 for none. Returns one value per annotator.
 */
export function annotatorAccuracyCoded(ratings: EncodedRatings, truth: Int32Array): Float64Array {
  const [answers, correct] = countAgreement(ratings, truth);
  return answers.map((a, w) => (a === 0 ? Number.NaN : correct[w]! / a));
}

/**
 * Per-annotator accuracy against gold labels (crowd-kit `get_accuracy` semantics, see
 * `annotatorAccuracyCoded`). Annotators are listed in first-seen order; gold items nobody rated are ignored.
 */
export function goldAccuracy(
  ratings: readonly AnnotatorRating[],
  gold: ReadonlyMap<string, LabelValue>,
): AnnotatorAccuracy[] {
  const encoded = encodeRatings(ratings);
  const classIndex = new Map(encoded.categories.map((c, i) => [c, i]));
  const truth = Int32Array.from(encoded.items, (item) => {
    const label = gold.get(item);
    if (label === undefined) return -1;
    // A gold label nobody gave still marks every answer on that item as wrong.
    return classIndex.get(label) ?? encoded.categories.length;
  });
  const [answers, correct] = countAgreement(encoded, truth);
  return encoded.annotators.map((annotator, w) => ({
    annotator,
    answers: answers[w]!,
    correct: correct[w]!,
    accuracy: answers[w] === 0 ? Number.NaN : correct[w]! / answers[w]!,
  }));
}

function countAgreement(ratings: EncodedRatings, truth: Int32Array): [Float64Array, Float64Array] {
  const answers = new Float64Array(ratings.annotators.length);
  const correct = new Float64Array(ratings.annotators.length);
  const { start, order } = answersByItem(ratings);
  const seen = new Set<number>();
  for (let j = 0; j + 1 < start.length; j += 1) {
    const expected = truth[j]!;
    if (expected < 0) continue;
    seen.clear();
    for (let a = start[j]!; a < start[j + 1]!; a += 1) {
      const i = order[a]!;
      const w = ratings.annotator[i]!;
      const key = w * ratings.categories.length + ratings.label[i]!;
      if (seen.has(key)) continue;
      seen.add(key);
      answers[w]! += 1;
      if (ratings.label[i] === expected) correct[w]! += 1;
    }
  }
  return [answers, correct];
}

/** Answer indices grouped by item (counting sort): item j's answers are order[start[j] .. start[j + 1]). */
function answersByItem(ratings: EncodedRatings): { start: Int32Array; order: Int32Array } {
  const start = new Int32Array(ratings.items.length + 1);
  for (const j of ratings.item) start[j + 1]! += 1;
  for (let j = 0; j < ratings.items.length; j += 1) start[j + 1]! += start[j]!;
  const fill = start.slice(0, ratings.items.length);
  const order = new Int32Array(ratings.item.length);
  ratings.item.forEach((j, i) => {
    order[fill[j]!] = i;
    fill[j]! += 1;
  });
  return { start, order };
}
