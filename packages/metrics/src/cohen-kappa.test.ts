import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cohenKappa, cohenKappaFromConfusion } from './cohen-kappa';

describe("Cohen's kappa (sklearn cohen_kappa_score)", () => {
  it('reproduces the Wikipedia examples', () => {
    expect(
      cohenKappaFromConfusion([
        [20, 5],
        [10, 15],
      ]),
    ).toBeCloseTo(0.4, 6);
    expect(
      cohenKappaFromConfusion([
        [45, 15],
        [25, 15],
      ]),
    ).toBeCloseTo(3 / 23, 6);
    expect(
      cohenKappaFromConfusion([
        [25, 35],
        [5, 35],
      ]),
    ).toBeCloseTo(7 / 27, 6);
  });

  it('reproduces the sklearn docstring example', () => {
    const y1 = ['negative', 'positive', 'negative', 'neutral', 'positive'];
    const y2 = ['negative', 'positive', 'negative', 'neutral', 'negative'];
    expect(cohenKappa(y1, y2)).toBeCloseTo(11 / 16, 6);
  });

  it('reproduces the hand example with linear and quadratic weights', () => {
    const r1 = [0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 0, 1];
    const r2 = [0, 1, 0, 1, 2, 1, 2, 1, 2, 0, 0, 1];
    expect(cohenKappa(r1, r2)).toBeCloseTo(0.5, 6);
    expect(cohenKappa(r1, r2, { weights: 'linear' })).toBeCloseTo(16 / 31, 6);
    expect(cohenKappa(r1, r2, { weights: 'quadratic' })).toBeCloseTo(8 / 15, 6);
  });

  it('uses positions in the sorted label list, not values', () => {
    const r1 = [0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 0, 1].map((v) => [1, 2, 5][v]!);
    const r2 = [0, 1, 0, 1, 2, 1, 2, 1, 2, 0, 0, 1].map((v) => [1, 2, 5][v]!);
    expect(cohenKappa(r1, r2, { weights: 'linear' })).toBeCloseTo(16 / 31, 6);
    expect(cohenKappa(r1, r2, { weights: 'quadratic' })).toBeCloseTo(8 / 15, 6);
  });

  it('gives NaN when p_e = 1 and -1 on perfect balanced disagreement', () => {
    expect(cohenKappa([1, 1, 1], [1, 1, 1])).toBeNaN();
    expect(cohenKappa([0, 1, 0, 1], [1, 0, 1, 0])).toBeCloseTo(-1, 6);
  });

  it('counts unused categories of an explicit list in the weights', () => {
    const r1 = ['low', 'high', 'low'];
    const r2 = ['low', 'low', 'high'];
    const withMid = cohenKappa(r1, r2, { weights: 'linear', labels: ['low', 'mid', 'high'] });
    expect(withMid).toBeCloseTo(
      cohenKappaFromConfusion(
        [
          [1, 0, 1],
          [0, 0, 0],
          [1, 0, 0],
        ],
        'linear',
      ),
      12,
    );
    expect(() => cohenKappa(['x'], ['low'], { labels: ['low'] })).toThrow(/not in the categories/);
  });

  it('rejects empty and unequal inputs', () => {
    expect(() => cohenKappa([], [])).toThrow();
    expect(() => cohenKappa([1], [1, 2])).toThrow(/equal lengths/);
  });

  it('is 1 for identical raters using at least two labels', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 2 }), (labels) => {
        fc.pre(new Set(labels).size >= 2);
        for (const weights of ['none', 'linear', 'quadratic'] as const) {
          expect(cohenKappa(labels, labels, { weights })).toBeCloseTo(1, 12);
        }
      }),
    );
  });

  it('is symmetric under swapping raters', () => {
    const pairs = fc
      .array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), fc.constantFrom('a', 'b', 'c', 'd')), {
        minLength: 1,
      })
      .map((rows) => [rows.map((r) => r[0]), rows.map((r) => r[1])] as const);
    fc.assert(
      fc.property(pairs, fc.constantFrom('none', 'linear', 'quadratic' as const), ([a, b], weights) => {
        const ab = cohenKappa(a, b, { weights });
        const ba = cohenKappa(b, a, { weights });
        if (Number.isNaN(ab)) expect(ba).toBeNaN();
        else expect(ba).toBeCloseTo(ab, 12);
      }),
    );
  });
});
