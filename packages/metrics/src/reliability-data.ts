import { type AnnotatorRating, encodeLabelValues, indexStrings } from './label-encoding';
import type { LabelValue } from './label-order';

/**
 * Krippendorff reliability data: one row per coder, one column per unit (fast-krippendorff's
 * `reliability_data` orientation); `null`/`undefined` (or a short row) is a missing value.
 */
export type ReliabilityData = readonly (readonly (LabelValue | null | undefined)[])[];

/** Reliability data as parallel integer-coded arrays: value i is `domain[value[i]]` in unit `unit[i]`. */
export interface CodedReliabilityData {
  readonly unit: Int32Array;
  readonly value: Int32Array;
  readonly nUnits: number;
  /** Value domain: the sorted distinct values (`compareLabelValues`) or an explicit ordered list. */
  readonly domain: readonly LabelValue[];
}

/** The pairable units (≥ 2 values), grouped: unit p holds `values[start[p] .. start[p + 1])`. */
export interface PairableUnits {
  readonly start: Int32Array;
  readonly values: Int32Array;
  /** n_c: pairable values per domain entry. */
  readonly marginals: Float64Array;
  /** n: number of pairable values. */
  readonly n: number;
  /** Units with exactly one value (dropped; their values do not count in n). */
  readonly singleValueUnits: number;
}

/** Codes a coders × units matrix; missing cells are skipped. */
export function codeReliabilityData(
  data: ReliabilityData,
  domain?: readonly LabelValue[],
): CodedReliabilityData {
  const units: number[] = [];
  const values: LabelValue[] = [];
  let nUnits = 0;
  for (const row of data) {
    nUnits = Math.max(nUnits, row.length);
    row.forEach((v, u) => {
      if (v === null || v === undefined) return;
      units.push(u);
      values.push(v);
    });
  }
  const encoded = encodeLabelValues(values, domain);
  return { unit: Int32Array.from(units), value: encoded.codes, nUnits, domain: encoded.categories };
}

/** Codes ratings with items as units (annotator identity is not needed: each rating is one value). */
export function codeRatingReliability(
  ratings: readonly AnnotatorRating[],
  domain?: readonly LabelValue[],
): CodedReliabilityData {
  const items = indexStrings(ratings.map((r) => r.item));
  const encoded = encodeLabelValues(
    ratings.map((r) => r.label),
    domain,
  );
  return { unit: items.codes, value: encoded.codes, nUnits: items.keys.length, domain: encoded.categories };
}

/** Drops units with fewer than 2 values and groups the rest (O(n) counting sort). */
export function pairableUnits(data: CodedReliabilityData): PairableUnits {
  const { unit, value, nUnits } = data;
  const m = new Int32Array(nUnits);
  for (let i = 0; i < unit.length; i += 1) m[unit[i]!]! += 1;
  const fill = new Int32Array(nUnits).fill(-1);
  const starts: number[] = [0];
  let position = 0;
  let singleValueUnits = 0;
  for (let u = 0; u < nUnits; u += 1) {
    if (m[u]! === 1) singleValueUnits += 1;
    if (m[u]! < 2) continue;
    fill[u] = position;
    position += m[u]!;
    starts.push(position);
  }
  const grouped = new Int32Array(position);
  const marginals = new Float64Array(data.domain.length);
  for (let i = 0; i < unit.length; i += 1) {
    const at = fill[unit[i]!]!;
    if (at < 0) continue;
    grouped[at] = value[i]!;
    fill[unit[i]!] = at + 1;
    marginals[value[i]!]! += 1;
  }
  return { start: Int32Array.from(starts), values: grouped, marginals, n: position, singleValueUnits };
}
