import { describe, expect, it } from 'vitest';
import { chiSquareContingency, chiSquareGoodnessOfFit } from './chi-square';

describe('chi-square (scipy chi2_contingency, chisquare)', () => {
  it('reproduces the chi-square tests', () => {
    const three = chiSquareContingency([
      [50, 30, 20],
      [30, 40, 30],
    ]);
    expect(three.statistic).toBeCloseTo(8.428571, 6);
    expect(three.dof).toBe(2);
    expect(three.pValue).toBeCloseTo(0.0147829, 7);
    const two = chiSquareContingency([
      [20, 30],
      [35, 15],
    ]);
    expect(two.statistic).toBeCloseTo(9.090909, 6);
    expect(two.pValue).toBeCloseTo(0.00256883, 8);
    const yates = chiSquareContingency(
      [
        [20, 30],
        [35, 15],
      ],
      { yatesCorrection: true },
    );
    expect(yates.statistic).toBeCloseTo(7.919192, 6);
    expect(yates.pValue).toBeCloseTo(0.00489131, 8);
    const gof = chiSquareGoodnessOfFit([30, 40, 30]);
    expect(gof.statistic).toBeCloseTo(2, 12);
    expect(gof.pValue).toBeCloseTo(0.367879, 6);
  });

  it('drops all-zero columns and gives statistic 0, p = 1 with one column', () => {
    const r = chiSquareContingency([
      [5, 0],
      [7, 0],
    ]);
    expect([r.statistic, r.dof, r.pValue]).toEqual([0, 0, 1]);
    expect(() =>
      chiSquareContingency([
        [1, 2],
        [0, 0],
      ]),
    ).toThrow();
  });
});
