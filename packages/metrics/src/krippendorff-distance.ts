import type { LabelValue } from './label-order';

/** Krippendorff's levels of measurement. */
export type KrippendorffLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/**
 * A custom difference function for Krippendorff's α: it returns the δ² term itself (as fast-krippendorff's
 * callable `level_of_measurement` and nltk's `distance`), must be symmetric, and δ(v, v) is taken as 0.
 */
export type KrippendorffDistance = (a: LabelValue, b: LabelValue) => number;

/** Nominal δ²: 0 when equal, 1 otherwise (nltk `binary_distance`). */
export function nominalDistance(a: LabelValue, b: LabelValue): number {
  return a === b ? 0 : 1;
}

/** Interval δ² = (a − b)². */
export function intervalDistance(a: number, b: number): number {
  return (a - b) ** 2;
}

/** Ratio δ² = ((a − b)/(a + b))², 0 when a + b = 0. */
export function ratioDistance(a: number, b: number): number {
  const sum = a + b;
  return sum === 0 ? 0 : ((a - b) / sum) ** 2;
}

/**
 * MASI distance between two label sets, exactly as nltk `masi_distance`: 1 − J·M with J the Jaccard index and
 * M = 1 (equal sets), 0.67 (one contains the other), 0.33 (other overlap), 0 (disjoint). Two empty sets: 0.
 */
export function masiDistance(a: readonly LabelValue[], b: readonly LabelValue[]): number {
  const setA = new Set(a);
  const setB = new Set(b);
  let intersection = 0;
  for (const v of setA) if (setB.has(v)) intersection += 1;
  const union = setA.size + setB.size - intersection;
  if (union === 0) return 0;
  let m = 0;
  if (setA.size === setB.size && setA.size === intersection) m = 1;
  else if (intersection === Math.min(setA.size, setB.size)) m = 0.67;
  else if (intersection > 0) m = 0.33;
  return 1 - (intersection / union) * m;
}
