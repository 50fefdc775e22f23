import type { LabelValue } from './label-order';
import { codeReliabilityData, pairableUnits, type ReliabilityData } from './reliability-data';

export interface CoincidenceMatrix {
  /** Row/column values, sorted (`compareLabelValues`) or the explicit domain. */
  readonly values: readonly LabelValue[];
  /** o_ck = Σ_u (ordered pairs (c, k) of values from different coders in u)/(m_u − 1), pairable units only. */
  readonly matrix: readonly (readonly number[])[];
  /** n_c = Σ_k o_ck. */
  readonly marginals: readonly number[];
  /** n = Σ_c n_c, the number of pairable values. */
  readonly n: number;
}

/**
 * Krippendorff's coincidence matrix (Krippendorff 2011, step 2) of a coders × units matrix. Dense K×K: meant
 * for inspection and reports; `krippendorffAlpha` never builds it.
 */
export function coincidenceMatrix(data: ReliabilityData, domain?: readonly LabelValue[]): CoincidenceMatrix {
  const coded = codeReliabilityData(data, domain);
  const units = pairableUnits(coded);
  const k = coded.domain.length;
  const matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const counts = new Int32Array(k);
  const distinct: number[] = [];
  for (let p = 0; p + 1 < units.start.length; p += 1) {
    const from = units.start[p]!;
    const to = units.start[p + 1]!;
    distinct.length = 0;
    for (let i = from; i < to; i += 1) {
      const v = units.values[i]!;
      if (counts[v] === 0) distinct.push(v);
      counts[v]! += 1;
    }
    for (const c of distinct) {
      for (const d of distinct) {
        const pairs = c === d ? counts[c]! * (counts[c]! - 1) : counts[c]! * counts[d]!;
        matrix[c]![d]! += pairs / (to - from - 1);
      }
    }
    for (const v of distinct) counts[v] = 0;
  }
  return { values: coded.domain, matrix, marginals: [...units.marginals], n: units.n };
}
