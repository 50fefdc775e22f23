import { describe, expect, it } from 'vitest';
import { encodeLabelValues } from './label-encoding';
import { compareCodePoints, compareLabelValues, sortedUniqueLabels } from './label-order';

describe('label order', () => {
  it('sorts numbers numerically, not as strings', () => {
    expect(sortedUniqueLabels([10, 9, 1.5, -2, 9])).toEqual([-2, 1.5, 9, 10]);
  });

  it('sorts strings by code point, not UTF-16 unit or locale', () => {
    // U+FF61 < U+1F600 by code point, but its UTF-16 unit 0xFF61 > 0xD83D.
    expect(sortedUniqueLabels(['😀', '｡', 'b', 'B', 'a'])).toEqual(['B', 'a', 'b', '｡', '😀']);
    expect(compareCodePoints('ab', 'a')).toBeGreaterThan(0);
    expect(compareCodePoints('neg', 'neu')).toBeLessThan(0);
  });

  it('puts numbers before strings and keeps 1 and "1" apart', () => {
    expect(sortedUniqueLabels(['1', 1, 'a', 0])).toEqual([0, 1, '1', 'a']);
    expect(compareLabelValues(1, '1')).toBeLessThan(0);
  });

  it('codes labels in sorted order or against an explicit list', () => {
    const sorted = encodeLabelValues(['yes', 'no', 'yes']);
    expect(sorted.categories).toEqual(['no', 'yes']);
    expect([...sorted.codes]).toEqual([1, 0, 1]);
    const explicit = encodeLabelValues(['b'], ['c', 'b', 'a']);
    expect(explicit.categories).toEqual(['c', 'b', 'a']);
    expect([...explicit.codes]).toEqual([1]);
    expect(() => encodeLabelValues(['z'], ['a'])).toThrow(/not in the categories/);
    expect(() => encodeLabelValues(['a'], ['a', 'a'])).toThrow(/duplicate/);
  });
});
