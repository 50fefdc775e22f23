import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeRange, rangesOverlap, snapRangeToWords, trimWhitespace } from './text-range';
import { splitsSurrogatePair, tokenIndexAt, tokenize } from './tokenize';

const TEXT = '  New York, 😀 ok  ';
const tokens = tokenize(TEXT);
const slice = (r: { start: number; end: number }): string => TEXT.slice(r.start, r.end);

describe('normalizeRange', () => {
  it('orders, clamps and trims whitespace', () => {
    expect(slice(normalizeRange(TEXT, tokens, 11, 0, false))).toBe('New York,');
    expect(normalizeRange(TEXT, tokens, -5, 500, false)).toEqual({ start: 2, end: 17 });
    expect(normalizeRange(TEXT, tokens, 0, 2, false)).toEqual({ start: 2, end: 2 });
  });

  it('snaps to whole words on request', () => {
    expect(slice(normalizeRange(TEXT, tokens, 4, 7, false))).toBe('w Y');
    expect(slice(normalizeRange(TEXT, tokens, 4, 7, true))).toBe('New York');
    expect(slice(normalizeRange(TEXT, tokens, 3, 11, true))).toBe('New York,');
  });

  it('never cuts a surrogate pair', () => {
    const emoji = TEXT.indexOf('😀');
    expect(slice(normalizeRange(TEXT, tokens, emoji + 1, emoji + 1 + 1, false))).toBe('😀');
  });

  it('keeps results inside the text, trimmed, whole code points, and words whole when snapping (property)', () => {
    const text = fc
      .array(fc.constantFrom('ab', ' ', '\n', ',', '😀', 'é', 'xyz'), { maxLength: 20 })
      .map((a) => a.join(''));
    fc.assert(
      fc.property(
        text,
        fc.integer({ min: -3, max: 50 }),
        fc.integer({ min: -3, max: 50 }),
        fc.boolean(),
        (t, a, b, snap) => {
          const toks = tokenize(t);
          const r = normalizeRange(t, toks, a, b, snap);
          expect(0 <= r.start && r.start <= r.end && r.end <= t.length).toBe(true);
          expect(splitsSurrogatePair(t, r.start) || splitsSurrogatePair(t, r.end)).toBe(false);
          if (r.start === r.end) return;
          expect(/\s/.test(t[r.start]!) || /\s/.test(t[r.end - 1]!)).toBe(false);
          const lo = Math.max(0, Math.min(a, b));
          const hi = Math.min(t.length, Math.max(a, b));
          if (!snap) {
            expect(r.start >= lo - 1 && r.end <= hi + 1).toBe(true);
            return;
          }
          const first = toks[tokenIndexAt(toks, r.start)]!;
          const last = toks[tokenIndexAt(toks, r.end - 1)]!;
          expect(first.kind !== 'word' || first.start === r.start).toBe(true);
          expect(last.kind !== 'word' || last.end === r.end).toBe(true);
        },
      ),
    );
  });
});

describe('range helpers', () => {
  it('trimWhitespace of only whitespace is empty', () => {
    expect(trimWhitespace('   ', { start: 0, end: 3 })).toEqual({ start: 3, end: 3 });
  });

  it('snapRangeToWords leaves an empty range alone', () => {
    expect(snapRangeToWords(tokens, { start: 4, end: 4 })).toEqual({ start: 4, end: 4 });
  });

  it('touching ranges do not overlap', () => {
    expect(rangesOverlap({ start: 0, end: 3 }, { start: 3, end: 5 })).toBe(false);
    expect(rangesOverlap({ start: 0, end: 4 }, { start: 3, end: 5 })).toBe(true);
    expect(rangesOverlap({ start: 1, end: 2 }, { start: 0, end: 5 })).toBe(true);
  });
});
