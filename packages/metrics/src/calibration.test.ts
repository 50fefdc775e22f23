import { describe, expect, it } from 'vitest';
import { brierScore, calibrationCurve, expectedCalibrationError, logLoss } from './calibration';

describe('calibration (§13)', () => {
  const y = [0, 0, 0, 0, 1, 1, 1, 1, 1, 1];
  const p = [0.1, 0.2, 0.3, 0.6, 0.4, 0.6, 0.7, 0.8, 0.9, 0.95];

  it('reproduces Brier score, log-loss and ECE with 5 right-closed bins', () => {
    expect(brierScore(y, p)).toBeCloseTo(0.11625, 12);
    expect(logLoss(y, p)).toBeCloseTo(0.376506, 6);
    const bins = calibrationCurve(y, p);
    expect(bins.map((b) => b.fractionPositive)).toEqual([0, 0.5, 0.5, 1, 1]);
    const mean = [0.15, 0.35, 0.6, 0.75, 0.925];
    bins.forEach((b, i) => {
      expect(b.meanPredicted).toBeCloseTo(mean[i]!, 12);
    });
    expect(expectedCalibrationError(y, p)).toBeCloseTo(0.145, 12);
  });

  it('keeps log-loss finite at 0 and 1 and validates input', () => {
    expect(Number.isFinite(logLoss([1, 0], [0, 1]))).toBe(true);
    expect(() => brierScore([2], [0.5])).toThrow();
    expect(() => brierScore([1], [1.5])).toThrow();
    expect(() => expectedCalibrationError([1], [0.5], 0)).toThrow();
  });
});
