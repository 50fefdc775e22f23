import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DawidSkeneResult, dawidSkene } from './dawid-skene';
import type { AnnotatorRating } from './label-encoding';
import { oneCoinDawidSkene } from './one-coin-dawid-skene';
import { TOY_YSDA, TOY_YSDA_TRUTH } from './toy-ysda.fixture';

function expectRows(actual: readonly (readonly number[])[], expected: readonly (readonly number[])[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((r, i) => {
    r.forEach((v, j) => {
      expect(v).toBeCloseTo(expected[i]![j]!, 6);
    });
  });
}

/** errors of annotator w for observed label k (true no, true yes). */
function errorRow(result: DawidSkeneResult, w: string, k: string): readonly number[] {
  return result.errors[result.annotators.indexOf(w)]![result.classes.indexOf(k)]!;
}

describe('Dawid-Skene (crowd-kit DawidSkene)', () => {
  it('n_iter = 0 returns the majority-vote initialisation', () => {
    const r = dawidSkene(TOY_YSDA, { nIter: 0 });
    expectRows(r.posteriors, [
      [0.5, 0.5],
      [0.4, 0.6],
      [0.6, 0.4],
      [0, 1],
      [0.8, 0.2],
    ]);
    expectRows([r.priors], [[0.46, 0.54]]);
    expect(r.labels).toEqual(['no', 'yes', 'no', 'yes', 'no']);
    expect(r.elboHistory).toEqual([]);
    const expected: [string, string, number, number][] = [
      ['w1', 'no', 0.217391, 0.185185],
      ['w1', 'yes', 0.782609, 0.814815],
      ['w2', 'no', 0.608696, 0.222222],
      ['w2', 'yes', 0.391304, 0.777778],
      ['w3', 'no', 0.777778, 0.272727],
      ['w3', 'yes', 0.222222, 0.727273],
      ['w4', 'no', 0.521739, 0.296296],
      ['w4', 'yes', 0.478261, 0.703704],
      ['w5', 'no', 1.0, 0.62963],
      ['w5', 'yes', 0, 0.37037],
    ];
    for (const [w, k, no, yes] of expected) expectRows([errorRow(r, w, k)], [[no, yes]]);
  });

  it('n_iter = 1 reproduces posteriors, priors, ELBO and errors', () => {
    const r = dawidSkene(TOY_YSDA, { nIter: 1 });
    expectRows(r.posteriors, [
      [0.351938, 0.648062],
      [0.260221, 0.739779],
      [0.8734, 0.1266],
      [0, 1],
      [0.947018, 0.052982],
    ]);
    expectRows([r.priors], [[0.486515, 0.513485]]);
    expect(r.elboHistory).toHaveLength(1);
    expect(r.elboHistory[0]).toBeCloseTo(-1.0697608706, 9);
    expect(r.labels).toEqual(['yes', 'yes', 'no', 'yes', 'no']);
    expectRows(
      [errorRow(r, 'w1', 'no'), errorRow(r, 'w1', 'yes')],
      [
        [0.144677, 0.252417],
        [0.855323, 0.747583],
      ],
    );
    expectRows(
      [errorRow(r, 'w2', 'no'), errorRow(r, 'w2', 'yes')],
      [
        [0.74835, 0.069946],
        [0.25165, 0.930054],
      ],
    );
    // The last ELBO clips posteriors at 1e-10 in place: the returned zero is 1e-10.
    expect(r.posteriors[3]![0]).toBe(1e-10);
  });

  it('n_iter = 100 stops after 6 iterations with the published ELBO trace', () => {
    const r = dawidSkene(TOY_YSDA);
    const trace = [-1.0697608706, -1.017690152, -0.9849568901, -0.9765156098, -0.976224705, -0.9762244965];
    expect(r.elboHistory).toHaveLength(6);
    r.elboHistory.forEach((v, i) => {
      expect(v).toBeCloseTo(trace[i]!, 9);
    });
    expectRows(r.posteriors, [
      [0, 1],
      [0, 1],
      [1, 0],
      [0, 1],
      [1, 0],
    ]);
    expectRows([r.priors], [[0.4, 0.6]]);
    expect(r.labels).toEqual(TOY_YSDA_TRUTH);
  });

  it('reproduces the overlap test', () => {
    for (const overlap of [3, 300, 30000]) {
      const data: AnnotatorRating[] = [];
      for (let w = 0; w < overlap; w += 1) {
        for (let t = 0; t < 3; t += 1) {
          data.push({ item: String(t), annotator: String(w), label: (w - t) % 3 !== 0 ? 'yes' : 'no' });
        }
      }
      const r = dawidSkene(data, { nIter: 20 });
      expectRows(
        r.posteriors,
        [0, 1, 2].map(() => [1 / 3, 2 / 3]),
      );
      expectRows([r.priors], [[1 / 3, 2 / 3]]);
      expect(r.labels).toEqual(['yes', 'yes', 'yes']);
    }
  });

  it('recovers the toy YSDA ground truth with n_iter 10, tol 0 and with the defaults', () => {
    expect(dawidSkene(TOY_YSDA, { nIter: 10, tol: 0 }).labels).toEqual(TOY_YSDA_TRUTH);
    expect(oneCoinDawidSkene(TOY_YSDA, { nIter: 10, tol: 0 }).labels).toEqual(TOY_YSDA_TRUTH);
    expect(oneCoinDawidSkene(TOY_YSDA).labels).toEqual(TOY_YSDA_TRUTH);
  });

  it('one-coin errors follow the skill parameterisation', () => {
    const r = oneCoinDawidSkene(TOY_YSDA, { nIter: 0 });
    const w1 = r.skills[r.annotators.indexOf('w1')]!;
    // MV posteriors of w1's answers: t1 no .5, t2 yes .6, t3 yes .4, t4 yes 1, t5 yes .2.
    expect(w1).toBeCloseTo((0.5 + 0.6 + 0.4 + 1 + 0.2) / 5, 12);
    expectRows([errorRow(r, 'w1', 'no')], [[w1, 1 - w1]]);
  });

  it('returns empty outputs for empty input', () => {
    for (const r of [dawidSkene([]), oneCoinDawidSkene([])]) {
      expect(r.labels).toEqual([]);
      expect(r.posteriors).toEqual([]);
      expect(r.priors).toEqual([]);
      expect(r.elboHistory).toEqual([]);
    }
  });

  it('has posteriors that sum to 1 (up to the 1e-10 clip)', () => {
    const ratings = fc.array(
      fc.record({
        item: fc.constantFrom('i1', 'i2', 'i3', 'i4', 'i5'),
        annotator: fc.constantFrom('a', 'b', 'c', 'd'),
        label: fc.constantFrom('x', 'y', 'z'),
      }),
      { minLength: 1, maxLength: 40 },
    );
    fc.assert(
      fc.property(ratings, fc.boolean(), (rs, oneCoin) => {
        const r = oneCoin ? oneCoinDawidSkene(rs) : dawidSkene(rs);
        for (const row of r.posteriors)
          expect(Math.abs(row.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
        expect(r.priors.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
      }),
    );
  });
});
