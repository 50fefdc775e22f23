import { MetricsInputError } from './metrics-input-error';
import { integrate } from './quadrature';

/**
 * MinHash LSH banding (datasketch `datasketch/lsh.py`; Leskovec, Rajaraman, Ullman, *Mining of Massive
 * Datasets* ch. 3), quality-math.md §12. Band i hashes signature slots [i·r, (i+1)·r); slots past b·r are
 * unused. Two keys are candidates when any band of theirs is identical.
 */

export interface LshParams {
  /** Number of bands b. */
  readonly bands: number;
  /** Rows (slots) per band r. */
  readonly rows: number;
}

/** datasketch `_false_positive_probability`: ∫_0^t 1 − (1 − s^r)^b ds. */
export function lshFalsePositiveProbability(threshold: number, bands: number, rows: number): number {
  return integrate((s) => 1 - (1 - s ** rows) ** bands, 0, threshold);
}

/** datasketch `_false_negative_probability`: ∫_t^1 1 − (1 − (1 − s^r)^b) ds. */
export function lshFalseNegativeProbability(threshold: number, bands: number, rows: number): number {
  return integrate((s) => 1 - (1 - (1 - s ** rows) ** bands), threshold, 1);
}

/**
 * datasketch `_optimal_param`: over b = 1..P and r = 1..⌊P/b⌋ (b-major), minimise
 * fpWeight·FP + fnWeight·FN and keep the first strict minimum. The integrals use adaptive Gauss–Kronrod
 * instead of scipy `quad`; the chosen (b, r) match datasketch for the published cases (P = 128:
 * t .5 → (25, 5), .7 → (14, 9), .8 → (9, 13), .9 → (5, 25); P = 256, t .8 → (17, 15)).
 */
export function lshOptimalParams(
  threshold: number,
  numPerm: number,
  fpWeight = 0.5,
  fnWeight = 0.5,
): LshParams {
  if (!(threshold >= 0 && threshold <= 1)) throw new MetricsInputError('threshold must be in [0, 1]');
  if (!Number.isInteger(numPerm) || numPerm < 1)
    throw new MetricsInputError('numPerm must be a positive integer');
  let minError = Number.POSITIVE_INFINITY;
  let best: LshParams = { bands: 0, rows: 0 };
  for (let b = 1; b <= numPerm; b += 1) {
    const maxR = Math.floor(numPerm / b);
    for (let r = 1; r <= maxR; r += 1) {
      const fp = lshFalsePositiveProbability(threshold, b, r);
      const fn = lshFalseNegativeProbability(threshold, b, r);
      const error = fp * fpWeight + fn * fnWeight;
      if (error < minError) {
        minError = error;
        best = { bands: b, rows: r };
      }
    }
  }
  return best;
}

/** A banded LSH index over MinHash signatures (keys are strings). */
export interface LshIndex {
  readonly params: LshParams;
  /** Adds `key` with its signature; a key may be inserted once. */
  insert(key: string, signature: ArrayLike<number>): void;
  /** Keys sharing at least one band with `signature`, in insertion order. */
  query(signature: ArrayLike<number>): string[];
  /** Every unordered pair of keys sharing at least one band, each as [earlier, later] by insertion order. */
  candidatePairs(): [string, string][];
}

function bandKeys(signature: ArrayLike<number>, { bands, rows }: LshParams): string[] {
  if (signature.length < bands * rows)
    throw new MetricsInputError(`signature needs at least ${bands * rows} slots`);
  return Array.from({ length: bands }, (_, i) =>
    Array.from({ length: rows }, (_, j) => signature[i * rows + j]).join(','),
  );
}

/** Creates an empty index with explicit (b, r). */
export function createLshIndex(params: LshParams): LshIndex {
  if (
    !Number.isInteger(params.bands) ||
    params.bands < 1 ||
    !Number.isInteger(params.rows) ||
    params.rows < 1
  ) {
    throw new MetricsInputError('bands and rows must be positive integers');
  }
  const buckets: Map<string, string[]>[] = Array.from({ length: params.bands }, () => new Map());
  const order = new Map<string, number>();
  const collect = (keys: readonly string[]): string[] => {
    const found = new Set<string>();
    keys.forEach((bandKey, i) => {
      for (const key of buckets[i]?.get(bandKey) ?? []) found.add(key);
    });
    return [...found].sort((a, b) => (order.get(a) as number) - (order.get(b) as number));
  };
  return {
    params,
    insert(key, signature) {
      if (order.has(key)) throw new MetricsInputError(`key already in the index: ${key}`);
      const keys = bandKeys(signature, params);
      order.set(key, order.size);
      keys.forEach((bandKey, i) => {
        const bucket = buckets[i] as Map<string, string[]>;
        const members = bucket.get(bandKey);
        if (members) members.push(key);
        else bucket.set(bandKey, [key]);
      });
    },
    query: (signature) => collect(bandKeys(signature, params)),
    candidatePairs() {
      const pairs = new Map<string, [string, string]>();
      for (const bucket of buckets) {
        for (const keys of bucket.values()) {
          keys.forEach((a, i) => {
            for (const b of keys.slice(i + 1)) pairs.set(`${order.get(a)}|${order.get(b)}`, [a, b]);
          });
        }
      }
      return [...pairs.values()].sort(
        (p, q) =>
          (order.get(p[0]) as number) - (order.get(q[0]) as number) ||
          (order.get(p[1]) as number) - (order.get(q[1]) as number),
      );
    },
  };
}
