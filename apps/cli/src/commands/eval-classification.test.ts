import { describe, expect, it } from 'vitest';
import type { ItemLabelLine } from '../io/label-lines';
import { computeClassificationEval } from './eval-classification';

function rows(labels: readonly (string | number)[], items?: readonly string[]): Map<string, ItemLabelLine> {
  return new Map(
    labels.map((label, i) => {
      const item = items?.[i] ?? `i${i}`;
      return [item, { item, label, line: i + 1 }];
    }),
  );
}

describe('eval classification (in process)', () => {
  it('joins on item and reports sklearn metrics', () => {
    const gt = rows([0, 1, 2, 2, 2]);
    const pred = rows([1, 2, 2, 0, 0], ['i4', 'i2', 'i3', 'i0', 'i1']);
    const out = computeClassificationEval('gt', gt, 'pred', pred);
    expect(out.accuracy).toBeCloseTo(0.6, 12);
    expect(out.macroF1).toBeCloseTo(0.488889, 6);
    expect(out.weightedF1).toBeCloseTo(0.613333, 6);
    expect(out.microF1).toBeCloseTo(0.6, 12);
    expect(out.labels).toEqual([0, 1, 2]);
    expect(out.confusion).toEqual([
      [1, 0, 0],
      [1, 0, 0],
      [0, 1, 2],
    ]);
    expect((out.perClass as Record<string, unknown>)['2']).toMatchObject({ precision: 1, support: 3 });
  });

  it('rejects items missing from either file', () => {
    expect(() => computeClassificationEval('gt', rows(['a', 'b']), 'pred', rows(['a']))).toThrow(
      /gt:2: item "i1" has no prediction/,
    );
    expect(() => computeClassificationEval('gt', rows(['a']), 'pred', rows(['a', 'b']))).toThrow(
      /pred:2: item "i1" has no ground truth/,
    );
  });

  it('writes a null kappa with a note when undefined', () => {
    const out = computeClassificationEval('gt', rows(['x', 'x']), 'pred', rows(['x', 'x']));
    expect(out.cohenKappa).toBeNull();
    expect(out.note).toMatch(/cohenKappa undefined/);
  });
});
