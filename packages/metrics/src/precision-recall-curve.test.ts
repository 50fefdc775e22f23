import { describe, expect, it } from 'vitest';
import { precisionRecallCurve } from './precision-recall-curve';

describe('precision-recall curve (sklearn precision_recall_curve)', () => {
  it('reproduces the sklearn docstring example', () => {
    const r = precisionRecallCurve([false, false, true, true], [0.1, 0.4, 0.35, 0.8]);
    expect(r.thresholds).toEqual([0.1, 0.35, 0.4, 0.8]);
    const expected = [0.5, 2 / 3, 0.5, 1, 1];
    r.precision.forEach((p, i) => {
      expect(p).toBeCloseTo(expected[i]!, 12);
    });
    expect(r.recall).toEqual([1, 1, 0.5, 0.5, 0]);
  });

  it('groups tied scores into one threshold and sets recall 1 without positives', () => {
    const tied = precisionRecallCurve([true, false, true], [0.5, 0.5, 0.2]);
    expect(tied.thresholds).toEqual([0.2, 0.5]);
    expect(tied.precision).toEqual([2 / 3, 0.5, 1]);
    expect(tied.recall).toEqual([1, 0.5, 0]);
    expect(precisionRecallCurve([false, false], [0.3, 0.7]).recall).toEqual([1, 1, 0]);
  });
});
