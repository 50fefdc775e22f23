import { describe, expect, it } from 'vitest';
import { createTextContext } from './text-document';
import { emptyPayload, TEXT_ONTOLOGY } from './text-fixtures';
import {
  applyTextCommand,
  createTextSession,
  sessionSelectedSpan,
  type TextCommand,
  type TextSession,
} from './text-session';
import { textCommandForKey } from './text-shortcuts';

const TEXT = 'Ada Lovelace met Charles Babbage in London.';
const ctx = createTextContext(TEXT, TEXT_ONTOLOGY);
const keys = { shiftKey: false, altKey: false, ctrlKey: false, metaKey: false };

/** Presses keys the way the workspace does: through the shortcut table, then the session. */
function press(
  session: TextSession,
  ...presses: (string | Partial<typeof keys & { key: string }>)[]
): TextSession {
  return presses.reduce<TextSession>((s, p) => {
    const input = typeof p === 'string' ? { ...keys, key: p } : { ...keys, key: '', ...p };
    const command = textCommandForKey(input, ctx.ontology);
    if (command === null) throw new Error(`not a shortcut: ${JSON.stringify(input)}`);
    return applyTextCommand(ctx, s, command);
  }, session);
}

const spans = (s: TextSession): string[] =>
  s.history.present.spans.map((x) => `${x.class_id}:${TEXT.slice(x.start, x.end)}`);
const apply = (s: TextSession, c: TextCommand, readOnly = false): TextSession =>
  applyTextCommand(ctx, s, c, readOnly);
const fresh = (): TextSession => createTextSession(emptyPayload());

describe('keyboard-only labelling', () => {
  it('arrows, Shift+arrows and a digit make spans without a mouse', () => {
    let s = press(fresh(), 'ArrowRight', { key: 'ArrowRight', shiftKey: true }, '1');
    expect(spans(s)).toEqual(['person:Ada Lovelace']);
    expect(sessionSelectedSpan(s)?.id).toBe('span-1');
    s = press(s, 'ArrowRight', 'ArrowRight', { key: 'ArrowRight', shiftKey: true }, '1');
    expect(spans(s)).toEqual(['person:Ada Lovelace', 'person:Charles Babbage']);
    s = press(s, 'ArrowRight', 'ArrowRight', '2');
    expect(spans(s)).toEqual(['person:Ada Lovelace', 'person:Charles Babbage', 'org:London']);
  });

  it('a digit right after labelling changes the new span’s class; Delete removes it and leaves the caret on it', () => {
    let s = press(fresh(), 'ArrowRight', '1', '3');
    expect(spans(s)).toEqual(['topic:Ada']);
    s = press(s, 'Delete');
    expect(spans(s)).toEqual([]);
    expect(s.caret).not.toBeNull();
    s = press(s, '2');
    expect(spans(s)).toEqual(['org:Ada']);
  });

  it('undo and redo step through the edits; selection survives only while its span exists', () => {
    let s = press(fresh(), 'ArrowRight', '1', 'ArrowRight', '2');
    s = press(s, { key: 'z', ctrlKey: true });
    expect(spans(s)).toEqual(['person:Ada']);
    expect(sessionSelectedSpan(s)).toBeNull();
    s = press(s, { key: 'Z', metaKey: true, shiftKey: true });
    expect(spans(s)).toEqual(['person:Ada', 'org:Lovelace']);
    s = press(s, { key: 'z', ctrlKey: true }, { key: 'z', ctrlKey: true }, { key: 'y', ctrlKey: true });
    expect(spans(s)).toEqual(['person:Ada']);
  });

  it('refusals are values on the session, cleared by the next command', () => {
    let s = press(fresh(), 'ArrowRight', { key: 'ArrowRight', shiftKey: true }, '1', 'ArrowLeft');
    s = press(s, '2');
    expect(s.refusal).toEqual({ code: 'overlap', spanId: 'span-1', classId: 'person' });
    expect(spans(s)).toEqual(['person:Ada Lovelace']);
    s = press(s, 'Escape');
    expect(s.refusal).toBeNull();
    expect(press(fresh(), '1').refusal).toEqual({ code: 'no_selection' });
    expect(press(fresh(), 'Delete').refusal).toEqual({ code: 'no_selection' });
  });

  it('a pointer selection that repeats the one held keeps the refusal; a new one clears it', () => {
    // The key press reads the selection itself; the browser's `selectionchange` for it may arrive after.
    const person = { start: 0, end: 12 };
    const overlapping = { start: 9, end: 16 };
    let s = apply(fresh(), { type: 'pointer-select', range: person });
    s = apply(s, { type: 'label', classId: 'person' });
    s = apply(s, { type: 'pointer-select', range: overlapping });
    s = apply(s, { type: 'label', classId: 'org' });
    expect(s.refusal).toEqual({ code: 'overlap', spanId: 'span-1', classId: 'person' });
    const echoed = apply(s, { type: 'pointer-select', range: overlapping });
    expect(echoed).toBe(s);
    expect(apply(s, { type: 'pointer-select', range: { start: 17, end: 24 } }).refusal).toBeNull();
    expect(apply(s, { type: 'pointer-select', range: null }).refusal).toBeNull();
  });

  it('Alt+arrows resize the selected span by words, Ctrl+Alt by characters', () => {
    let s = press(fresh(), 'ArrowRight', 'ArrowRight', '1');
    s = press(s, { key: 'ArrowRight', altKey: true });
    expect(spans(s)).toEqual(['person:Lovelace met']);
    s = press(s, { key: 'ArrowLeft', altKey: true, shiftKey: true });
    expect(spans(s)).toEqual(['person:Ada Lovelace met']);
    s = press(s, { key: 'ArrowLeft', altKey: true, ctrlKey: true });
    expect(spans(s)).toEqual(['person:Ada Lovelace me']);
    s = press(s, { key: 'ArrowRight', altKey: true, ctrlKey: true, shiftKey: true });
    expect(spans(s)).toEqual(['person:da Lovelace me']);
  });

  it('[ and ] walk the spans in text order, wrapping; arrows from a span continue past it', () => {
    let s = press(fresh(), 'ArrowRight', '1', 'ArrowRight', 'ArrowRight', 'ArrowRight', '2', 'Escape');
    s = press(s, ']');
    expect(sessionSelectedSpan(s)?.id).toBe('span-1');
    s = press(s, ']');
    expect(sessionSelectedSpan(s)?.id).toBe('span-2');
    s = press(s, ']');
    expect(sessionSelectedSpan(s)?.id).toBe('span-1');
    s = press(s, '[');
    expect(sessionSelectedSpan(s)?.id).toBe('span-2');
    s = press(s, 'ArrowRight', '4');
    expect(spans(s)).toEqual(['person:Ada', 'org:Charles', 'tag:Babbage']);
    s = press(s, { key: 'ArrowRight', shiftKey: true }, '3');
    expect(spans(s)).toEqual(['person:Ada', 'org:Charles', 'tag:Babbage', 'topic:Babbage in']);
  });
});

describe('pointer selection and other commands', () => {
  it('a mouse selection is labelled as it is (snapped to words by default), then cleared', () => {
    let s = apply(fresh(), { type: 'pointer-select', range: { start: 19, end: 26 } });
    s = press(s, '2');
    expect(spans(s)).toEqual(['org:Charles Babbage']);
    expect(s.pointerRange).toBeNull();
    s = apply(s, { type: 'set-snap', snapToWords: false });
    s = press(apply(s, { type: 'pointer-select', range: { start: 36, end: 38 } }), '1');
    expect(spans(s)).toContain('person:Lo');
  });

  it('a collapsed pointer selection only drops the pending range; the same range again changes nothing', () => {
    let s = press(fresh(), 'ArrowRight', '1');
    const selected = apply(s, { type: 'pointer-select', range: null });
    expect(selected).toBe(s);
    s = apply(s, { type: 'pointer-select', range: { start: 4, end: 8 } });
    expect(s.selectedSpanId).toBeNull();
    expect(apply(s, { type: 'pointer-select', range: { start: 4, end: 8 } })).toBe(s);
    s = apply(s, { type: 'pointer-select', range: { start: 9, end: 9 } });
    expect(s.pointerRange).toBeNull();
  });

  it('Shift+arrow extends from a mouse selection', () => {
    let s = apply(fresh(), { type: 'pointer-select', range: { start: 0, end: 3 } });
    s = press(s, { key: 'ArrowRight', shiftKey: true }, '1');
    expect(spans(s)).toEqual(['person:Ada Lovelace']);
  });

  it('class, attribute and document-class edits go through history; attribute typing merges into one step', () => {
    let s = press(fresh(), 'ArrowRight', '3');
    s = apply(s, { type: 'set-attributes', spanId: 'span-1', attributes: { score: 0.1 } });
    s = apply(s, { type: 'set-attributes', spanId: 'span-1', attributes: { score: 0.12 } });
    s = apply(s, { type: 'toggle-document-class', classId: 'positive' });
    expect(s.history.present.classifications).toEqual([{ class_id: 'positive', attributes: {} }]);
    s = apply(s, { type: 'undo' });
    expect(s.history.present.spans[0]!.attributes).toEqual({ score: 0.12 });
    s = apply(s, { type: 'undo' });
    expect(s.history.present.spans[0]!.attributes).toEqual({});
    s = apply(s, { type: 'set-class', spanId: 'span-1', classId: 'tag' });
    expect(spans(s)).toEqual(['tag:Ada']);
  });

  it('replace is one undo step and clears the selection', () => {
    let s = press(fresh(), 'ArrowRight', '1');
    s = apply(s, { type: 'replace', payload: emptyPayload() });
    expect(spans(s)).toEqual([]);
    expect(s.selectedSpanId).toBeNull();
    expect(spans(apply(s, { type: 'undo' }))).toEqual(['person:Ada']);
  });

  it('read-only sessions refuse edits but still point', () => {
    let s = apply(fresh(), { type: 'move-caret', direction: 1, extend: false }, true);
    expect(s.caret).not.toBeNull();
    s = apply(s, { type: 'label', classId: 'person' }, true);
    expect(s.refusal).toEqual({ code: 'read_only' });
    expect(spans(s)).toEqual([]);
    s = apply(s, { type: 'place-caret', range: { start: 17, end: 19 } }, true);
    expect(s.caret).toEqual({ anchor: 6, focus: 6 });
  });
});
