import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caretAtOffset, caretForRange, caretRange, moveCaret, type TextCaret } from './text-caret';
import { tokenize } from './tokenize';

const TEXT = ' Ada met Bob, twice. ';
const tokens = tokenize(TEXT);
const show = (caret: TextCaret | null): string | null => {
  if (caret === null) return null;
  const r = caretRange(tokens, caret);
  return TEXT.slice(r.start, r.end);
};

describe('text caret', () => {
  it('moves word by word over punctuation, skipping whitespace, and stops at the ends', () => {
    let caret = moveCaret(tokens, null, 1, false);
    const seen = [show(caret)];
    for (let i = 0; i < 7; i++) {
      caret = moveCaret(tokens, caret, 1, false);
      seen.push(show(caret));
    }
    expect(seen).toEqual(['Ada', 'met', 'Bob', ',', 'twice', '.', '.', '.']);
    expect(show(moveCaret(tokens, null, -1, false))).toBe('.');
    expect(show(moveCaret(tokens, moveCaret(tokens, null, 1, false), -1, false))).toBe('Ada');
  });

  it('Shift extends from the anchor in either direction', () => {
    const start = caretAtOffset(tokens, TEXT.indexOf('met'));
    const right = moveCaret(tokens, moveCaret(tokens, start, 1, true), 1, true);
    expect(show(right)).toBe('met Bob,');
    const back = moveCaret(tokens, moveCaret(tokens, right, -1, true), -1, true);
    expect(show(back)).toBe('met');
    expect(show(moveCaret(tokens, back, -1, true))).toBe('Ada met');
  });

  it('lands on the token at an offset, or the nearest one after (or before) whitespace', () => {
    expect(show(caretAtOffset(tokens, TEXT.indexOf('et')))).toBe('met');
    expect(show(caretAtOffset(tokens, 0))).toBe('Ada');
    expect(show(caretAtOffset(tokens, TEXT.length))).toBe('.');
    expect(caretAtOffset(tokenize('   '), 1)).toBeNull();
    expect(caretAtOffset([], 0)).toBeNull();
    expect(moveCaret([], null, 1, false)).toBeNull();
  });

  it('covers every token a range touches', () => {
    expect(show(caretForRange(tokens, { start: TEXT.indexOf('da'), end: TEXT.indexOf('Bob') + 1 }))).toBe(
      'Ada met Bob',
    );
    expect(show(caretForRange(tokens, { start: 0, end: 1 }))).toBe('Ada');
    expect(show(caretForRange(tokens, { start: 4, end: 4 }))).toBe('met');
  });

  it('the caret always selects whole non-space tokens inside the text (property)', () => {
    const moves = fc.array(
      fc.record({ dir: fc.constantFrom(-1 as const, 1 as const), extend: fc.boolean() }),
      {
        maxLength: 30,
      },
    );
    fc.assert(
      fc.property(moves, (list) => {
        let caret: TextCaret | null = null;
        for (const m of list) {
          caret = moveCaret(tokens, caret, m.dir, m.extend);
          expect(tokens[caret!.anchor]!.kind).not.toBe('space');
          expect(tokens[caret!.focus]!.kind).not.toBe('space');
          const text = show(caret)!;
          expect(text).toBe(text.trim());
          expect(text.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});
