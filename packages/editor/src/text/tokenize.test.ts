import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextCodePoint, previousCodePoint, splitsSurrogatePair, tokenIndexAt, tokenize } from './tokenize';

const texts = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc
    .array(fc.constantFrom('a', 'Z', '1', ' ', '\n', ',', '.', '😀', 'é', 'e\u0301', '_', '\t'), {
      maxLength: 40,
    })
    .map((a) => a.join('')),
);

describe('tokenize', () => {
  it('splits words, whitespace and punctuation, keeping surrogate pairs whole', () => {
    const text = 'Hi,  Ada_2 😀é!\n';
    const parts = tokenize(text).map((t) => [t.kind, text.slice(t.start, t.end)]);
    expect(parts).toEqual([
      ['word', 'Hi'],
      ['punct', ','],
      ['space', '  '],
      ['word', 'Ada_2'],
      ['space', ' '],
      ['punct', '😀'],
      ['word', 'é'],
      ['punct', '!'],
      ['space', '\n'],
    ]);
  });

  it('keeps combining marks and non-Latin scripts inside words', () => {
    const text = 'cafe\u0301 Москва 東京';
    expect(
      tokenize(text)
        .filter((t) => t.kind === 'word')
        .map((t) => text.slice(t.start, t.end)),
    ).toEqual(['cafe\u0301', 'Москва', '東京']);
  });

  it('an empty text has no tokens', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenIndexAt([], 0)).toBe(0);
  });

  it('tokens cover the text in order without gaps and never split a surrogate pair (property)', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const tokens = tokenize(text);
        let at = 0;
        for (const t of tokens) {
          expect(t.start).toBe(at);
          expect(t.end).toBeGreaterThan(t.start);
          expect(splitsSurrogatePair(text, t.start)).toBe(false);
          at = t.end;
        }
        expect(at).toBe(text.length);
        for (let i = 1; i < tokens.length; i++) {
          const merged = tokens[i - 1]!.kind === tokens[i]!.kind && tokens[i]!.kind !== 'punct';
          expect(merged).toBe(false);
        }
      }),
    );
  });

  it('tokenIndexAt finds the token containing an offset (property)', () => {
    fc.assert(
      fc.property(texts, fc.nat(80), (text, raw) => {
        const tokens = tokenize(text);
        const offset = raw % (text.length + 2);
        const linear = tokens.findIndex((t) => t.start <= offset && offset < t.end);
        expect(tokenIndexAt(tokens, offset)).toBe(linear < 0 ? tokens.length : linear);
      }),
    );
  });
});

describe('code points', () => {
  it('steps over surrogate pairs as one', () => {
    const text = 'a😀b';
    expect(splitsSurrogatePair(text, 2)).toBe(true);
    expect(nextCodePoint(text, 1)).toBe(3);
    expect(previousCodePoint(text, 3)).toBe(1);
    expect(nextCodePoint(text, 4)).toBe(4);
    expect(previousCodePoint(text, 0)).toBe(0);
    expect(nextCodePoint(text, 0)).toBe(1);
  });

  it('a lone surrogate is one step', () => {
    const text = 'a\ud83db';
    expect(nextCodePoint(text, 1)).toBe(2);
    expect(previousCodePoint(text, 2)).toBe(1);
  });
});
