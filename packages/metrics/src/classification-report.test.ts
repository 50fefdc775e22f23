import { describe, expect, it } from 'vitest';
import { classConfusionMatrix } from './class-confusion-matrix';
import { classificationReport } from './classification-report';

describe('classification report (sklearn, zero_division=0)', () => {
  it('reproduces the sklearn classification_report docstring example', () => {
    const r = classificationReport([0, 1, 2, 2, 2], [0, 0, 2, 2, 1]);
    expect(r.labels).toEqual([0, 1, 2]);
    expect(r.accuracy).toBeCloseTo(0.6, 12);
    expect(r.perClass.map((c) => c.precision)).toEqual([0.5, 0, 1]);
    expect(r.perClass.map((c) => c.recall)[2]).toBeCloseTo(2 / 3, 12);
    expect(r.perClass.map((c) => c.f1)[0]).toBeCloseTo(2 / 3, 12);
    expect(r.perClass.map((c) => c.f1)[2]).toBeCloseTo(0.8, 12);
    expect(r.perClass.map((c) => c.support)).toEqual([1, 1, 3]);
    expect(r.macroF1).toBeCloseTo(0.488889, 6);
    expect(r.weightedF1).toBeCloseTo(0.613333, 6);
    expect(r.confusion).toEqual([
      [1, 0, 0],
      [1, 0, 0],
      [0, 1, 2],
    ]);
  });

  it('reproduces the sklearn f1_score docstring example', () => {
    const r = classificationReport([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1]);
    expect(r.macroF1).toBeCloseTo(0.266667, 6);
    expect(r.microF1).toBeCloseTo(1 / 3, 12);
    expect(r.weightedF1).toBeCloseTo(0.266667, 6);
    expect(r.cohenKappa).toBeCloseTo(0, 12);
  });

  it('scores 0/0 as 0 and sorts string labels by code point', () => {
    const r = classificationReport(['b', 'b', 'a'], ['b', 'c', 'a']);
    expect(r.labels).toEqual(['a', 'b', 'c']);
    const c = r.perClass[2]!;
    expect([c.precision, c.recall, c.f1, c.support]).toEqual([0, 0, 0, 0]);
    expect(r.microF1).toBeCloseTo(r.accuracy, 12);
  });

  it('gives NaN kappa when truth and prediction are one identical class', () => {
    expect(classificationReport(['x', 'x'], ['x', 'x']).cohenKappa).toBeNaN();
    expect(() => classificationReport([], [])).toThrow();
  });

  it('builds a confusion matrix with rows = truth over an explicit label list', () => {
    const cm = classConfusionMatrix(['cat', 'dog'], ['dog', 'dog'], ['dog', 'cat', 'eel']);
    expect(cm.matrix).toEqual([
      [1, 0, 0],
      [1, 0, 0],
      [0, 0, 0],
    ]);
    expect(() => classConfusionMatrix(['x'], ['y'], ['x'])).toThrow(/not in the categories/);
  });
});
