import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shingles } from './shingles';
import { featureHash64, simhash64, simhashDistance, simhashHex, textSimhash } from './simhash';

describe('shingles', () => {
  it('word 3-grams after NFKC + lower case; short texts give one shingle; empty gives none', () => {
    expect(shingles('The quick, brown FOX jumps')).toEqual([
      'the quick brown',
      'quick brown fox',
      'brown fox jumps',
    ]);
    expect(shingles('Hello world')).toEqual(['hello world']);
    expect(shingles('  ...  ')).toEqual([]);
    expect(shingles('ﬁne', { size: 1 })).toEqual(['fine']);
  });

  it('character 4-grams with collapsed whitespace', () => {
    expect(shingles('ab  cd', { unit: 'char' })).toEqual(['ab c', 'b cd']);
    expect(shingles('abc', { unit: 'char' })).toEqual(['abc']);
  });
});

describe('SimHash (64-bit)', () => {
  it('one feature gives its own hash; the feature hash is SHA-1 bytes 0..7 big-endian', () => {
    // SHA-1('abc') = a9993e364706816a ba3e...
    expect(simhashHex(featureHash64('abc'))).toBe('a9993e364706816a');
    expect(simhash64(['abc'])).toBe(featureHash64('abc'));
  });

  it('v = 0 gives bit 0: two equal-weight features give h1 AND h2; none gives 0', () => {
    const [a, b] = [featureHash64('x'), featureHash64('y')];
    expect(simhash64(['x', 'y'])).toBe(a & b);
    expect(simhash64([])).toBe(0n);
    expect(simhash64([{ feature: 'x', weight: 2 }, 'y'])).toBe(a);
  });

  it('three features: bitwise majority (hand)', () => {
    const h = (s: string) => featureHash64(s);
    const [a, b, c] = [h('p'), h('q'), h('r')];
    expect(simhash64(['p', 'q', 'r'])).toBe((a & b) | (a & c) | (b & c));
  });

  it('near-duplicate text is closer than unrelated text', () => {
    const base = Array.from({ length: 200 }, (_, i) => `w${(i * 37) % 101}`).join(' ');
    const edited = base.replace('w37', 'changed');
    const other = Array.from({ length: 200 }, (_, i) => `z${(i * 13) % 97}`).join(' ');
    expect(simhashDistance(textSimhash(base), textSimhash(edited))).toBeLessThanOrEqual(10);
    expect(simhashDistance(textSimhash(base), textSimhash(other))).toBeGreaterThan(10);
  });

  it('property: deterministic, distance to itself 0, symmetric', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (s, t) => {
        expect(textSimhash(s)).toBe(textSimhash(s));
        expect(simhashDistance(textSimhash(s), textSimhash(s))).toBe(0);
        expect(simhashDistance(textSimhash(s), textSimhash(t))).toBe(
          simhashDistance(textSimhash(t), textSimhash(s)),
        );
      }),
    );
  });
});
