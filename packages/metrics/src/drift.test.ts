import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chiSquareContingency } from './chi-square';
import {
  jensenShannonDistance,
  klDivergence,
  labelDistributionDrift,
  populationStabilityIndex,
  smoothedProportions,
} from './drift';

const reference = [0.25, 0.25, 0.25, 0.25];
const current = [0.1, 0.2, 0.3, 0.4];

describe('drift (§13)', () => {
  it('reproduces PSI, KL and JS on the published vectors', () => {
    expect(populationStabilityIndex(reference, current)).toBeCloseTo(0.228217, 6);
    expect(klDivergence(current, reference)).toBeCloseTo(0.10644, 6);
    expect(klDivergence(current, reference) / Math.LN2).toBeCloseTo(0.153561, 6);
    expect(klDivergence(reference, current)).toBeCloseTo(0.121777, 6);
    expect(klDivergence([1, 2, 3, 4], [1, 1, 1, 1])).toBeCloseTo(0.10644, 6);
    expect(jensenShannonDistance(current, reference)).toBeCloseTo(0.16693, 6);
    expect(jensenShannonDistance(current, reference) ** 2).toBeCloseTo(0.027866, 6);
  });

  it('smooths empty bins at eps = 1e-4 and renormalises', () => {
    const p = smoothedProportions([0, 1]);
    expect(p[0]).toBeCloseTo(1e-4 / (1 + 1e-4), 15);
    expect(p[0]! + p[1]!).toBeCloseTo(1, 15);
    expect(Number.isFinite(populationStabilityIndex([0, 10], [5, 5]))).toBe(true);
    expect(jensenShannonDistance([1, 0], [0, 1])).toBeCloseTo(Math.sqrt(Math.LN2), 12);
  });

  it('computes label drift between two label samples', () => {
    const ref = [...Array(50).fill('a'), ...Array(30).fill('b'), ...Array(20).fill('c')];
    const cur = [...Array(30).fill('a'), ...Array(40).fill('b'), ...Array(30).fill('c')];
    const d = labelDistributionDrift(ref, cur);
    expect(d.categories).toEqual(['a', 'b', 'c']);
    expect(d.chiSquare).toBeCloseTo(8.428571, 6);
    expect(d.pValue).toBeCloseTo(0.0147829, 7);
    expect(d.epsilon).toBe(1e-4);
    const one = labelDistributionDrift(['x'], ['x', 'x']);
    expect([one.chiSquare, one.pValue, one.dof, one.psi, one.jsDistance]).toEqual([0, 1, 0, 0, 0]);
    expect(() => labelDistributionDrift([], ['x'])).toThrow();
  });

  it('is 0 for identical distributions', () => {
    const counts = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(counts, fc.integer({ min: 1, max: 5 }), (c, scale) => {
        fc.pre(c.some((v) => v > 0));
        const scaled = c.map((v) => v * scale);
        expect(populationStabilityIndex(c, scaled)).toBeCloseTo(0, 12);
        expect(klDivergence(c, scaled)).toBeCloseTo(0, 12);
        expect(jensenShannonDistance(c, scaled)).toBeCloseTo(0, 6);
        if (c.length > 0) {
          const chi = chiSquareContingency([c, scaled]);
          expect(chi.statistic).toBeCloseTo(0, 9);
        }
      }),
    );
  });
});
