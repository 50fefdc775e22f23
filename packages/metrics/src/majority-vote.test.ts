import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goldAccuracy } from './annotator-accuracy';
import { majorityVote } from './majority-vote';
import { TOY_YSDA } from './toy-ysda.fixture';

const accuracyOf = (result: ReturnType<typeof majorityVote>, annotator: string) =>
  result.accuracies[result.annotators.indexOf(annotator)];

describe('majority vote (crowd-kit MajorityVote)', () => {
  it('reproduces toy YSDA: tie goes to the first sorted label', () => {
    const result = majorityVote(TOY_YSDA);
    expect(result.classes).toEqual(['no', 'yes']);
    expect(result.items).toEqual(['t1', 't2', 't3', 't4', 't5']);
    expect(result.labels).toEqual(['no', 'yes', 'no', 'yes', 'no']);
    expect(result.posteriors).toEqual([
      [0.5, 0.5],
      [0.4, 0.6],
      [0.6, 0.4],
      [0, 1],
      [0.8, 0.2],
    ]);
    const skills = ['w1', 'w2', 'w3', 'w4', 'w5'].map((w) => accuracyOf(result, w));
    expect(skills).toEqual([0.6, 0.8, 1, 0.4, 0.8]);
  });

  it('sorts numeric labels numerically (10 after 9) for columns and ties', () => {
    const result = majorityVote([
      { item: 'a', annotator: 'x', label: 10 },
      { item: 'a', annotator: 'y', label: 9 },
    ]);
    expect(result.classes).toEqual([9, 10]);
    expect(result.labels).toEqual([9]);
  });

  it('weights votes by annotator weight', () => {
    const ratings = [
      { item: 'a', annotator: 'x', label: 'cat' },
      { item: 'a', annotator: 'y', label: 'dog' },
      { item: 'a', annotator: 'z', label: 'dog' },
    ];
    const result = majorityVote(ratings, {
      weights: new Map([
        ['x', 3],
        ['y', 1],
        ['z', 1],
      ]),
    });
    expect(result.labels).toEqual(['cat']);
    expect(result.posteriors[0]![0]).toBeCloseTo(0.6, 12);
    expect(() => majorityVote(ratings, { weights: new Map([['x', 1]]) })).toThrow(/no weight/);
  });

  it('counts identical (item, annotator, label) answers once in accuracy, as get_accuracy', () => {
    const result = majorityVote([
      { item: 'a', annotator: 'x', label: 'cat' },
      { item: 'a', annotator: 'x', label: 'cat' },
      { item: 'a', annotator: 'y', label: 'cat' },
      { item: 'b', annotator: 'x', label: 'dog' },
      { item: 'b', annotator: 'y', label: 'cat' },
      { item: 'b', annotator: 'z', label: 'cat' },
    ]);
    expect(accuracyOf(result, 'x')).toBeCloseTo(0.5, 12);
  });

  it('returns an empty result for empty input', () => {
    expect(majorityVote([]).labels).toEqual([]);
  });

  it('has posteriors that sum to 1', () => {
    const ratings = fc.array(
      fc.record({
        item: fc.constantFrom('i1', 'i2', 'i3', 'i4'),
        annotator: fc.constantFrom('a', 'b', 'c'),
        label: fc.constantFrom<string | number>('x', 'y', 1, 2),
      }),
      { minLength: 1 },
    );
    fc.assert(
      fc.property(ratings, (rs) => {
        for (const row of majorityVote(rs).posteriors) {
          expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
        }
      }),
    );
  });
});

describe('gold accuracy', () => {
  it('is the share of each annotator answers equal to gold, ignoring items without gold', () => {
    const gold = new Map([
      ['t1', 'yes'],
      ['t2', 'yes'],
      ['t3', 'no'],
      ['t4', 'yes'],
      ['t5', 'no'],
    ]);
    const byAnnotator = new Map(goldAccuracy(TOY_YSDA, gold).map((a) => [a.annotator, a.accuracy]));
    expect(byAnnotator.get('w1')).toBeCloseTo(0.4, 12);
    expect(byAnnotator.get('w2')).toBeCloseTo(1, 12);
    expect(byAnnotator.get('w3')).toBeCloseTo(1, 12);
    const partial = goldAccuracy(TOY_YSDA, new Map([['t1', 'maybe']]));
    expect(partial.find((a) => a.annotator === 'w1')).toMatchObject({ answers: 1, correct: 0, accuracy: 0 });
    expect(partial.find((a) => a.annotator === 'w3')!.accuracy).toBeNaN();
  });
});
