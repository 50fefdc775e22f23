import type { AnnotationPayload } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { resizedRange, resizeSpan, type SpanResize } from './span-resize';
import { createTextContext } from './text-document';
import { emptyPayload, TEXT_ONTOLOGY } from './text-fixtures';

const TEXT = 'The New York Times, 😀 Inc.';
const ctx = createTextContext(TEXT, TEXT_ONTOLOGY);
const range = (word: string) => ({ start: TEXT.indexOf(word), end: TEXT.indexOf(word) + word.length });
const show = (r: { start: number; end: number } | null): string | null =>
  r === null ? null : TEXT.slice(r.start, r.end);
const step = (
  edge: SpanResize['edge'],
  direction: SpanResize['direction'],
  unit: SpanResize['unit'] = 'word',
) => ({
  edge,
  direction,
  unit,
});

describe('resizedRange', () => {
  it('moves the end by whole tokens, skipping whitespace', () => {
    expect(show(resizedRange(ctx, range('New'), step('end', 'extend')))).toBe('New York');
    expect(show(resizedRange(ctx, range('New York Times'), step('end', 'extend')))).toBe('New York Times,');
    expect(show(resizedRange(ctx, range('New York'), step('end', 'shrink')))).toBe('New');
    expect(show(resizedRange(ctx, range('Inc.'), step('end', 'extend')))).toBeNull();
  });

  it('moves the start by whole tokens, skipping whitespace', () => {
    expect(show(resizedRange(ctx, range('York'), step('start', 'extend')))).toBe('New York');
    expect(show(resizedRange(ctx, range('New York'), step('start', 'shrink')))).toBe('York');
    expect(resizedRange(ctx, range('The'), step('start', 'extend'))).toBeNull();
  });

  it('a mid-word edge first moves to its own word boundary', () => {
    const partial = { start: TEXT.indexOf('ew'), end: TEXT.indexOf('ork') + 1 }; // "ew Yo"
    expect(show(resizedRange(ctx, partial, step('start', 'extend')))).toBe('New Yo');
    expect(show(resizedRange(ctx, partial, step('end', 'extend')))).toBe('ew York');
    expect(show(resizedRange(ctx, partial, step('end', 'shrink')))).toBe('ew');
  });

  it('moves by code points, never into a surrogate pair', () => {
    const emoji = range('😀');
    expect(show(resizedRange(ctx, range('Times,'), step('end', 'extend', 'char')))).toBe('Times, ');
    expect(
      show(resizedRange(ctx, { start: emoji.start - 1, end: emoji.start }, step('end', 'extend', 'char'))),
    ).toBe(' 😀');
    expect(show(resizedRange(ctx, emoji, step('start', 'extend', 'char')))).toBe(' 😀');
    expect(show(resizedRange(ctx, range('Inc'), step('start', 'shrink', 'char')))).toBe('nc');
    expect(resizedRange(ctx, range('The'), step('start', 'extend', 'char'))).toBeNull();
  });
});

describe('resizeSpan', () => {
  const payload: AnnotationPayload = {
    ...emptyPayload(),
    spans: [
      { id: 'a', class_id: 'org', ...range('New York'), attributes: {} },
      { id: 'b', class_id: 'person', ...range('Times'), attributes: {} },
    ],
  };

  it('resizes within the rules', () => {
    const edit = resizeSpan(ctx, payload, 'a', step('start', 'extend'));
    expect(edit.ok && show(edit.payload.spans[0]!)).toBe('The New York');
  });

  it('refuses an overlap, an empty or whitespace-only span, and a missing span', () => {
    expect(resizeSpan(ctx, payload, 'a', step('end', 'extend'))).toEqual({
      ok: false,
      refusal: { code: 'overlap', spanId: 'b', classId: 'person' },
    });
    const single: AnnotationPayload = {
      ...payload,
      spans: [{ id: 'c', class_id: 'org', ...range('The'), attributes: {} }],
    };
    expect(resizeSpan(ctx, single, 'c', step('end', 'shrink'))).toEqual({
      ok: false,
      refusal: { code: 'empty_range' },
    });
    expect(resizeSpan(ctx, single, 'c', step('start', 'shrink'))).toEqual({
      ok: false,
      refusal: { code: 'empty_range' },
    });
    const spaced: AnnotationPayload = {
      ...payload,
      spans: [
        {
          id: 'd',
          class_id: 'org',
          start: TEXT.indexOf('e N'),
          end: TEXT.indexOf('e N') + 2,
          attributes: {},
        },
      ],
    };
    expect(resizeSpan(ctx, spaced, 'd', step('start', 'shrink', 'char'))).toEqual({
      ok: false,
      refusal: { code: 'empty_range' },
    });
    expect(resizeSpan(ctx, payload, 'zz', step('end', 'extend'))).toEqual({
      ok: false,
      refusal: { code: 'no_such_span', spanId: 'zz' },
    });
    expect(
      resizeSpan(
        ctx,
        { ...payload, spans: [{ ...payload.spans[0]!, ...range('Inc.') }] },
        'a',
        step('end', 'extend'),
      ),
    ).toEqual({
      ok: false,
      refusal: { code: 'outside_text', length: TEXT.length },
    });
  });
});
