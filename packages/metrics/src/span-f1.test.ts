import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetricsInputError } from './metrics-input-error';
import { type LabeledSpan, spanF1 } from './span-f1';

const e = (start: number, end: number, label: string): LabeledSpan => ({ start, end, label });

describe('spanF1 exact', () => {
  it('scores a hand example (2 TP, 1 FP, 1 FN)', () => {
    const gold = [e(0, 5, 'PER'), e(10, 16, 'LOC'), e(20, 25, 'ORG')];
    const pred = [e(0, 5, 'PER'), e(10, 16, 'LOC'), e(20, 24, 'ORG')];
    const r = spanF1([{ gold, pred }]);
    expect([r.tp, r.fp, r.fn]).toEqual([2, 1, 1]);
    expect(r.precision).toBe(2 / 3);
    expect(r.recall).toBe(2 / 3);
    expect(r.f1).toBeCloseTo(2 / 3, 15);
    expect(r.perLabel.map((s) => [s.label, s.tp, s.fp, s.fn])).toEqual([
      ['LOC', 1, 0, 0],
      ['ORG', 0, 1, 1],
      ['PER', 1, 0, 0],
    ]);
  });

  it('requires the same label', () => {
    const r = spanF1([{ gold: [e(0, 5, 'PER')], pred: [e(0, 5, 'ORG')] }]);
    expect([r.tp, r.fp, r.fn, r.f1]).toEqual([0, 1, 1, 0]);
  });

  it('micro-averages across documents without matching across them', () => {
    const r = spanF1([
      { gold: [e(0, 3, 'A')], pred: [] },
      { gold: [], pred: [e(0, 3, 'A')] },
      { gold: [e(4, 6, 'B')], pred: [e(4, 6, 'B')] },
    ]);
    expect([r.tp, r.fp, r.fn]).toEqual([1, 1, 1]);
    expect(r.f1).toBe(0.5);
  });

  it('counts a duplicated prediction as a false positive (one-to-one matching)', () => {
    const r = spanF1([{ gold: [e(0, 3, 'A')], pred: [e(0, 3, 'A'), e(0, 3, 'A')] }]);
    expect([r.tp, r.fp, r.fn]).toEqual([1, 1, 0]);
  });

  it('returns zeros for 0/0 and for no documents', () => {
    expect(spanF1([])).toEqual({ tp: 0, fp: 0, fn: 0, precision: 0, recall: 0, f1: 0, perLabel: [] });
    const r = spanF1([{ gold: [e(0, 1, 'A')], pred: [] }]);
    expect([r.precision, r.recall, r.f1]).toEqual([0, 0, 0]);
  });

  it('sorts labels by code point and rejects bad spans', () => {
    const r = spanF1([
      { gold: [e(0, 1, 'b'), e(1, 2, 'B'), e(2, 3, '\u{1F600}'), e(3, 4, '\uFF01')], pred: [] },
    ]);
    expect(r.perLabel.map((s) => s.label)).toEqual(['B', 'b', '\uFF01', '\u{1F600}']);
    expect(() => spanF1([{ gold: [e(3, 1, 'A')], pred: [] }])).toThrow(MetricsInputError);
    expect(() => spanF1([{ gold: [], pred: [e(0.5, 1, 'A')] }])).toThrow(MetricsInputError);
  });
});

describe('spanF1 overlap', () => {
  it('credits same-label overlaps of at least one code unit; touching spans do not count', () => {
    const gold = [e(0, 5, 'PER'), e(10, 16, 'LOC'), e(20, 25, 'ORG')];
    const pred = [e(1, 4, 'PER'), e(16, 18, 'LOC'), e(22, 30, 'ORG')];
    const r = spanF1([{ gold, pred }], 'overlap');
    expect([r.tp, r.fp, r.fn]).toEqual([2, 1, 1]);
  });

  it('matches one-to-one: one long prediction over two gold spans is 1 TP + 1 FN', () => {
    const r = spanF1([{ gold: [e(0, 3, 'A'), e(4, 8, 'A')], pred: [e(0, 8, 'A')] }], 'overlap');
    expect([r.tp, r.fp, r.fn]).toEqual([1, 0, 1]);
  });

  it('prefers the pair with the higher IoU', () => {
    // Greedy by IoU: p1 = [0,4) takes g0 = [0,4) (IoU 1), leaving g1 = [3,9) for p0 = [2,9).
    const r = spanF1([{ gold: [e(0, 4, 'A'), e(3, 9, 'A')], pred: [e(2, 9, 'A'), e(0, 4, 'A')] }], 'overlap');
    expect([r.tp, r.fp, r.fn]).toEqual([2, 0, 0]);
  });

  it('properties: exact ≤ overlap, F1 within [0,1], identical lists score 1', () => {
    const span = fc
      .tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 8 }), fc.constantFrom('A', 'B'))
      .map(([s, len, label]) => e(s, s + len, label));
    fc.assert(
      fc.property(fc.array(span, { maxLength: 8 }), fc.array(span, { maxLength: 8 }), (gold, pred) => {
        const exact = spanF1([{ gold, pred }]);
        const overlap = spanF1([{ gold, pred }], 'overlap');
        expect(exact.tp).toBeLessThanOrEqual(overlap.tp);
        expect(exact.tp + exact.fp).toBe(pred.length);
        expect(exact.tp + exact.fn).toBe(gold.length);
        expect(overlap.f1).toBeGreaterThanOrEqual(0);
        expect(overlap.f1).toBeLessThanOrEqual(1);
        if (gold.length > 0) expect(spanF1([{ gold, pred: gold }], 'overlap').f1).toBe(1);
        if (gold.length > 0) expect(spanF1([{ gold, pred: gold }]).f1).toBe(1);
      }),
    );
  });
});
