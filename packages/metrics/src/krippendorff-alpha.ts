import { type KrippendorffDistance, type KrippendorffLevel, ratioDistance } from './krippendorff-distance';
import type { AnnotatorRating } from './label-encoding';
import type { LabelValue } from './label-order';
import { MetricsInputError } from './metrics-input-error';
import {
  type CodedReliabilityData,
  codeRatingReliability,
  codeReliabilityData,
  type PairableUnits,
  pairableUnits,
  type ReliabilityData,
} from './reliability-data';

export interface KrippendorffAlphaOptions {
  /** Default `nominal`. Ignored when `distance` is given. */
  readonly level?: KrippendorffLevel;
  /** Custom δ² (see `KrippendorffDistance`); overrides `level`. */
  readonly distance?: KrippendorffDistance;
  /**
   * The ordered value domain (values outside it throw). Ordinal uses its order; default: the sorted distinct
   * values (`compareLabelValues`), so ordinal string labels normally need it.
   */
  readonly domain?: readonly LabelValue[];
}

export interface KrippendorffAlphaResult {
  /** α = 1 − D_o/D_e; NaN when D_e = 0 (one distinct pairable value). */
  readonly alpha: number;
  /** D_o = Σ o_ck δ²_ck / n. */
  readonly observedDisagreement: number;
  /** D_e = Σ n_c n_k δ²_ck / (n(n − 1)). */
  readonly expectedDisagreement: number;
  readonly pairableUnits: number;
  /** n: values in pairable units. */
  readonly pairableValues: number;
  /** Units with a single value, dropped. */
  readonly droppedUnits: number;
  readonly domain: readonly LabelValue[];
}

/**
 * Krippendorff's α on a coders × units matrix (missing = null/undefined), following Krippendorff (2011)
 * "Computing Krippendorff's Alpha-Reliability" and fast-krippendorff: α = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck
 * over pairable units (≥ 2 values; other units are dropped and their values do not count in n).
 *
 * Computed in O(n) for nominal, ordinal and interval (closed forms; ordinal δ² equals the interval δ² between
 * mid-ranks M_g = Σ_{h<g} n_h + n_g/2), and O(Σ_u d_u² + K²) for ratio and custom distances (d_u distinct values
 * in unit u, K distinct values).
 *
 * Choices: **no pairable unit throws** `MetricsInputError` (as fast-krippendorff raises); **one distinct
 * pairable value gives α = NaN** (D_e = 0, α undefined, like κ at p_e = 1; nltk returns 1 and fast-krippendorff
 * raises). Interval and ratio need numeric values (a string throws).
 */
export function krippendorffAlpha(
  data: ReliabilityData,
  options: KrippendorffAlphaOptions = {},
): KrippendorffAlphaResult {
  return alphaOfCoded(codeReliabilityData(data, options.domain), options);
}

/** Krippendorff's α with items as units, one value per rating (see `krippendorffAlpha`). */
export function krippendorffAlphaFromRatings(
  ratings: readonly AnnotatorRating[],
  options: KrippendorffAlphaOptions = {},
): KrippendorffAlphaResult {
  return alphaOfCoded(codeRatingReliability(ratings, options.domain), options);
}

/** Krippendorff's α on already coded data (the fast path the other entry points use). */
export function alphaOfCoded(
  data: CodedReliabilityData,
  options: KrippendorffAlphaOptions = {},
): KrippendorffAlphaResult {
  const level = options.level ?? 'nominal';
  const numeric = options.distance === undefined && (level === 'interval' || level === 'ratio');
  if (numeric) {
    const bad = data.domain.find((v) => typeof v !== 'number');
    if (bad !== undefined) {
      throw new MetricsInputError(`${level} alpha needs numeric values; got ${JSON.stringify(bad)}`);
    }
  }
  const units = pairableUnits(data);
  if (units.n === 0) {
    throw new MetricsInputError("Krippendorff's alpha needs at least one unit with two or more values");
  }
  const [observed, expected] = disagreementSums(units, data.domain, level, options.distance);
  const n = units.n;
  return {
    alpha: expected === 0 ? Number.NaN : 1 - ((n - 1) * observed) / expected,
    observedDisagreement: observed / n,
    expectedDisagreement: expected / (n * (n - 1)),
    pairableUnits: units.start.length - 1,
    pairableValues: n,
    droppedUnits: units.singleValueUnits,
    domain: data.domain,
  };
}

/** Returns [Σ o_ck δ²_ck, Σ n_c n_k δ²_ck]. */
function disagreementSums(
  units: PairableUnits,
  domain: readonly LabelValue[],
  level: KrippendorffLevel,
  distance: KrippendorffDistance | undefined,
): [number, number] {
  if (distance !== undefined) return pairwiseSums(units, pairDistance(domain, distance));
  if (level === 'nominal') return nominalSums(units);
  if (level === 'ratio') {
    const x = domain as readonly number[];
    return pairwiseSums(units, (c, k) => ratioDistance(x[c]!, x[k]!));
  }
  const x = level === 'interval' ? Float64Array.from(domain as readonly number[]) : midRanks(units.marginals);
  return intervalSums(units, x);
}

/** Ordinal positions: M_g = Σ_{h<g} n_h + n_g/2 (then ordinal δ²(c, k) = (M_k − M_c)²). */
function midRanks(marginals: Float64Array): Float64Array {
  const m = new Float64Array(marginals.length);
  let below = 0;
  marginals.forEach((count, g) => {
    m[g] = below + count / 2;
    below += count;
  });
  return m;
}

function nominalSums(units: PairableUnits): [number, number] {
  const counts = new Int32Array(units.marginals.length);
  const { start, values } = units;
  let observed = 0;
  for (let p = 0; p + 1 < start.length; p += 1) {
    const from = start[p]!;
    const to = start[p + 1]!;
    for (let i = from; i < to; i += 1) counts[values[i]!]! += 1;
    let squares = 0;
    for (let i = from; i < to; i += 1) {
      const c = counts[values[i]!]!;
      squares += c * c;
      counts[values[i]!] = 0;
    }
    const m = to - from;
    observed += (m * m - squares) / (m - 1);
  }
  let squares = 0;
  for (const c of units.marginals) squares += c * c;
  return [observed, units.n * units.n - squares];
}

/** Σ over ordered pairs of (x_i − x_j)² = 2m Σ (x_i − x̄)², computed around the mean for accuracy. */
function intervalSums(units: PairableUnits, x: Float64Array): [number, number] {
  const { start, values, marginals, n } = units;
  let observed = 0;
  for (let p = 0; p + 1 < start.length; p += 1) {
    const from = start[p]!;
    const to = start[p + 1]!;
    const m = to - from;
    let sum = 0;
    for (let i = from; i < to; i += 1) sum += x[values[i]!]!;
    const mean = sum / m;
    let squares = 0;
    for (let i = from; i < to; i += 1) squares += (x[values[i]!]! - mean) ** 2;
    observed += (2 * m * squares) / (m - 1);
  }
  let weighted = 0;
  marginals.forEach((c, g) => {
    weighted += c * x[g]!;
  });
  const mean = weighted / n;
  let squares = 0;
  marginals.forEach((c, g) => {
    squares += c * (x[g]! - mean) ** 2;
  });
  return [observed, 2 * n * squares];
}

type CodeDistance = (c: number, k: number) => number;

/** Caches a custom distance over domain codes when the K×K table is small enough. */
function pairDistance(domain: readonly LabelValue[], distance: KrippendorffDistance): CodeDistance {
  const k = domain.length;
  if (k * k > 1 << 22) return (a, b) => distance(domain[a]!, domain[b]!);
  const cache = new Float64Array(k * k).fill(Number.NaN);
  return (a, b) => {
    let d = cache[a * k + b]!;
    if (Number.isNaN(d)) {
      d = distance(domain[a]!, domain[b]!);
      cache[a * k + b] = d;
    }
    return d;
  };
}

/** Generic sums over distinct value pairs per unit and over the domain (δ(v, v) taken as 0). */
function pairwiseSums(units: PairableUnits, delta: CodeDistance): [number, number] {
  const { start, values, marginals } = units;
  const counts = new Int32Array(marginals.length);
  const distinct: number[] = [];
  let observed = 0;
  for (let p = 0; p + 1 < start.length; p += 1) {
    const from = start[p]!;
    const to = start[p + 1]!;
    distinct.length = 0;
    for (let i = from; i < to; i += 1) {
      const v = values[i]!;
      if (counts[v] === 0) distinct.push(v);
      counts[v]! += 1;
    }
    let sum = 0;
    for (let a = 0; a < distinct.length; a += 1) {
      for (let b = a + 1; b < distinct.length; b += 1) {
        sum += 2 * counts[distinct[a]!]! * counts[distinct[b]!]! * delta(distinct[a]!, distinct[b]!);
      }
    }
    for (const v of distinct) counts[v] = 0;
    observed += sum / (to - from - 1);
  }
  const used = [...marginals.keys()].filter((g) => marginals[g]! > 0);
  let expected = 0;
  for (let a = 0; a < used.length; a += 1) {
    for (let b = a + 1; b < used.length; b += 1) {
      expected += 2 * marginals[used[a]!]! * marginals[used[b]!]! * delta(used[a]!, used[b]!);
    }
  }
  return [observed, expected];
}
