import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankByScore } from './score-rank';

/** Reference: a stable sort by descending score (ties keep position), as numpy's mergesort argsort(-score). */
function reference(idx: readonly number[], score: Float64Array): number[] {
  return idx
    .map((v, pos) => ({ v, pos }))
    .sort((a, b) => (score[b.v] as number) - (score[a.v] as number) || a.pos - b.pos)
    .map((e) => e.v);
}

const values = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 0.5, 1e-300, -1e-300, 1e300, -1e300, Number.MIN_VALUE),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -3, max: 3 }).map((v) => v / 4),
);

describe('rankByScore', () => {
  it.each([10, 300, 2000])(
    'equals a stable descending sort on %i elements (insertion, comparator, radix)',
    (n) => {
      fc.assert(
        fc.property(
          fc.array(values, { minLength: n, maxLength: n }),
          fc.integer({ min: 0, max: 7 }),
          (scores, pad) => {
            const score = Float64Array.from(scores);
            // Index values in a shuffled order inside a padded range, so ties must keep the current order.
            const inner = scores.map((_, i) => (i * 7919) % n);
            const idx = Int32Array.from([...Array(pad).fill(-1), ...inner, ...Array(pad).fill(-1)]);
            rankByScore(idx, score, pad, pad + n);
            expect([...idx.subarray(pad, pad + n)]).toEqual(reference(inner, score));
            expect([...idx.subarray(0, pad), ...idx.subarray(pad + n)].every((v) => v === -1)).toBe(true);
          },
        ),
        { numRuns: n > 1000 ? 30 : 60 },
      );
    },
  );
});
