import { compareLabelValues, type LabelValue } from './label-order';
import { MetricsInputError } from './metrics-input-error';

/** One answer: `annotator` gave `label` to `item` (crowd-kit's task/worker/label row). */
export interface AnnotatorRating {
  readonly item: string;
  readonly annotator: string;
  readonly label: LabelValue;
}

/** Labels replaced by integer codes: `categories[codes[i]]` is the i-th label. */
export interface EncodedLabels {
  readonly categories: readonly LabelValue[];
  readonly codes: Int32Array;
}

/** Strings replaced by integer codes in first-seen order: `keys[codes[i]]` is the i-th string. */
export interface IndexedStrings {
  readonly keys: readonly string[];
  readonly codes: Int32Array;
}

/** Ratings as parallel integer-coded arrays (the fast form every aggregation and agreement core uses). */
export interface EncodedRatings {
  readonly items: readonly string[];
  readonly annotators: readonly string[];
  /** Label categories: sorted with `compareLabelValues`, or the explicit list given. */
  readonly categories: readonly LabelValue[];
  readonly item: Int32Array;
  readonly annotator: Int32Array;
  readonly label: Int32Array;
}

/** Maps each category to its position; duplicate categories are rejected. */
export function categoryIndex(categories: readonly LabelValue[]): Map<LabelValue, number> {
  const index = new Map<LabelValue, number>();
  categories.forEach((c, i) => {
    if (index.has(c)) throw new MetricsInputError(`duplicate category ${JSON.stringify(c)}`);
    index.set(c, i);
  });
  return index;
}

/**
 * Codes labels against `categories` (kept in the given order, unused ones included) or, without it, against
 * the sorted distinct labels. A label missing from an explicit list is a `MetricsInputError`.
 */
export function encodeLabelValues(
  values: readonly LabelValue[],
  categories?: readonly LabelValue[],
): EncodedLabels {
  const codes = new Int32Array(values.length);
  if (categories !== undefined) {
    const index = categoryIndex(categories);
    values.forEach((v, i) => {
      codes[i] = lookupCategory(index, v);
    });
    return { categories: [...categories], codes };
  }
  const firstSeen = new Map<LabelValue, number>();
  values.forEach((v, i) => {
    codes[i] = codeOf(firstSeen, v);
  });
  return sortCodes([...firstSeen.keys()], codes);
}

/** Codes strings in first-seen order. */
export function indexStrings(values: readonly string[]): IndexedStrings {
  const index = new Map<string, number>();
  const codes = new Int32Array(values.length);
  values.forEach((v, i) => {
    codes[i] = codeOf(index, v);
  });
  return { keys: [...index.keys()], codes };
}

/** Codes items and annotators (first-seen order) and labels (sorted, or the explicit `categories`). */
export function encodeRatings(
  ratings: readonly AnnotatorRating[],
  categories?: readonly LabelValue[],
): EncodedRatings {
  const n = ratings.length;
  const [item, annotator, label] = [new Int32Array(n), new Int32Array(n), new Int32Array(n)];
  const items = new Map<string, number>();
  const annotators = new Map<string, number>();
  const labels = categories === undefined ? new Map<LabelValue, number>() : categoryIndex(categories);
  for (let i = 0; i < n; i += 1) {
    const r = ratings[i]!;
    item[i] = codeOf(items, r.item);
    annotator[i] = codeOf(annotators, r.annotator);
    label[i] = categories === undefined ? codeOf(labels, r.label) : lookupCategory(labels, r.label);
  }
  const coded =
    categories === undefined ? sortCodes([...labels.keys()], label) : { categories: [...categories] };
  return {
    items: [...items.keys()],
    annotators: [...annotators.keys()],
    categories: coded.categories,
    item,
    annotator,
    label,
  };
}

/** The code of `key`, adding it with the next code when new. */
function codeOf<K>(index: Map<K, number>, key: K): number {
  let code = index.get(key);
  if (code === undefined) {
    code = index.size;
    index.set(key, code);
  }
  return code;
}

function lookupCategory(index: ReadonlyMap<LabelValue, number>, value: LabelValue): number {
  const code = index.get(value);
  if (code === undefined)
    throw new MetricsInputError(`label ${JSON.stringify(value)} is not in the categories`);
  return code;
}

/** Renumbers first-seen codes so that code order equals `compareLabelValues` order. */
function sortCodes(firstSeen: LabelValue[], codes: Int32Array): EncodedLabels {
  const order = firstSeen.map((_, i) => i).sort((a, b) => compareLabelValues(firstSeen[a]!, firstSeen[b]!));
  const remap = new Int32Array(order.length);
  order.forEach((oldCode, newCode) => {
    remap[oldCode] = newCode;
  });
  for (let i = 0; i < codes.length; i += 1) codes[i] = remap[codes[i]!]!;
  return { categories: order.map((i) => firstSeen[i]!), codes };
}
