import { MetricsInputError } from './metrics-input-error';

export interface CalibrationBin {
  /** The bin is (lower, upper]; the first bin also holds 0. */
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
  readonly meanPredicted: number;
  readonly fractionPositive: number;
}

/** Brier score: mean (p − y)² for binary outcomes y ∈ {0, 1} and probabilities p of the positive class. */
export function brierScore(outcomes: readonly number[], probabilities: readonly number[]): number {
  checkBinary(outcomes, probabilities);
  return outcomes.reduce((s, y, i) => s + (probabilities[i]! - y) ** 2, 0) / outcomes.length;
}

/**
 * Binary log-loss −mean(y ln p + (1 − y) ln(1 − p)) in nats, as scikit-learn `log_loss`; p is clipped to
 * [ε, 1 − ε] with ε = float64 machine epsilon (sklearn's `np.finfo(dtype).eps`), so p ∈ {0, 1} stays finite.
 */
export function logLoss(outcomes: readonly number[], probabilities: readonly number[]): number {
  checkBinary(outcomes, probabilities);
  const eps = Number.EPSILON;
  let sum = 0;
  outcomes.forEach((y, i) => {
    const p = Math.min(Math.max(probabilities[i]!, eps), 1 - eps);
    sum += y === 1 ? Math.log(p) : Math.log(1 - p);
  });
  return -sum / outcomes.length;
}

/**
 * Reliability diagram bins as scikit-learn `calibration_curve(y, p, n_bins, strategy='uniform')`: equal-width
 * **right-closed** bins (0, 1/B], (1/B, 2/B], …, with 0 in the first bin (`searchsorted` on the inner edges
 * `linspace(0, 1, B + 1)[1:-1]`); empty bins are omitted. Default B = 5.
 */
export function calibrationCurve(
  outcomes: readonly number[],
  probabilities: readonly number[],
  nBins = 5,
): CalibrationBin[] {
  checkBinary(outcomes, probabilities);
  if (!Number.isInteger(nBins) || nBins < 1) throw new MetricsInputError('nBins must be a positive integer');
  const step = 1 / nBins;
  const inner = Array.from({ length: nBins - 1 }, (_, i) => (i + 1) * step);
  const count = new Float64Array(nBins);
  const sumP = new Float64Array(nBins);
  const sumY = new Float64Array(nBins);
  probabilities.forEach((p, i) => {
    let bin = inner.findIndex((edge) => p <= edge);
    if (bin < 0) bin = nBins - 1;
    count[bin]! += 1;
    sumP[bin]! += p;
    sumY[bin]! += outcomes[i]!;
  });
  const bins: CalibrationBin[] = [];
  count.forEach((c, b) => {
    if (c === 0) return;
    const lower = b === 0 ? 0 : inner[b - 1]!;
    const upper = b === nBins - 1 ? 1 : inner[b]!;
    bins.push({ lower, upper, count: c, meanPredicted: sumP[b]! / c, fractionPositive: sumY[b]! / c });
  });
  return bins;
}

/**
 * Expected calibration error (Guo et al. 2017) Σ_b (n_b/N)·|fraction positive_b − mean predicted_b| over the
 * `calibrationCurve` bins: **B equal-width right-closed bins, default 5** (left-closed bins give different values).
 */
export function expectedCalibrationError(
  outcomes: readonly number[],
  probabilities: readonly number[],
  nBins = 5,
): number {
  const bins = calibrationCurve(outcomes, probabilities, nBins);
  return bins.reduce(
    (s, b) => s + (b.count / outcomes.length) * Math.abs(b.fractionPositive - b.meanPredicted),
    0,
  );
}

function checkBinary(outcomes: readonly number[], probabilities: readonly number[]): void {
  if (outcomes.length !== probabilities.length) {
    throw new MetricsInputError(`${outcomes.length} outcomes but ${probabilities.length} probabilities`);
  }
  if (outcomes.length === 0) throw new MetricsInputError('calibration needs at least one sample');
  if (outcomes.some((y) => y !== 0 && y !== 1)) throw new MetricsInputError('outcomes must be 0 or 1');
  if (probabilities.some((p) => !(p >= 0 && p <= 1))) {
    throw new MetricsInputError('probabilities must be in [0, 1]');
  }
}
