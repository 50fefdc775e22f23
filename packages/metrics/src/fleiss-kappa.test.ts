import { describe, expect, it } from 'vitest';
import { fleissCountTable, fleissKappa } from './fleiss-kappa';

const wikipedia = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

describe("Fleiss' kappa (statsmodels fleiss_kappa)", () => {
  it('reproduces the Wikipedia example and the Randolph variant', () => {
    expect(fleissKappa(wikipedia)).toBeCloseTo(0.209931, 6);
    expect(fleissKappa(wikipedia, 'randolph')).toBeCloseTo(0.222527, 6);
  });

  it('matches the published intermediates', () => {
    const pBar = wikipedia.map((row) => (row.reduce((s, v) => s + v * v, 0) - 14) / (14 * 13));
    expect(pBar[0]).toBeCloseTo(1, 3);
    expect(pBar[1]).toBeCloseTo(0.253, 3);
    const mean = pBar.reduce((a, b) => a + b, 0) / 10;
    expect(mean).toBeCloseTo(0.378022, 6);
    // Randolph: (P̄ − 1/K)/(1 − 1/K) with the same P̄.
    expect((mean - 0.2) / 0.8).toBeCloseTo(fleissKappa(wikipedia, 'randolph'), 12);
  });

  it('returns NaN when every rating is in one category', () => {
    expect(fleissKappa([[3], [3]])).toBeNaN();
  });

  it('requires equal ratings per item and at least two', () => {
    expect(() =>
      fleissKappa([
        [2, 1],
        [1, 1],
      ]),
    ).toThrow(/same number of ratings/);
    expect(() => fleissKappa([[1, 0]])).toThrow(/at least 2/);
    expect(() => fleissKappa([])).toThrow();
  });

  it('builds the count table from ratings (aggregate_raters)', () => {
    const ratings = [
      { item: 'x', annotator: 'a', label: 'cat' },
      { item: 'x', annotator: 'b', label: 'dog' },
      { item: 'y', annotator: 'a', label: 'dog' },
      { item: 'y', annotator: 'b', label: 'dog' },
    ];
    const table = fleissCountTable(ratings, ['cat', 'dog', 'eel']);
    expect(table.counts).toEqual([
      [1, 1, 0],
      [0, 2, 0],
    ]);
    expect(table.ratersPerItem).toBe(2);
    expect(() => fleissCountTable(ratings.slice(0, 3))).toThrow(/same number of ratings/);
  });
});
