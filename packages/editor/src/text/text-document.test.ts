import type { AnnotationPayload } from '@tessera/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resizeSpan } from './span-resize';
import {
  addSpan,
  changeSpanClass,
  deleteSpan,
  hasDocumentClass,
  nextSpanId,
  setSpanAttributes,
  type TextEdit,
  toggleDocumentClass,
} from './text-document';
import { emptyPayload, SAMPLE_TEXT, sampleContext, serverIssues } from './text-fixtures';

const ctx = sampleContext();
const at = (word: string): number => SAMPLE_TEXT.indexOf(word);

function ok(edit: TextEdit): AnnotationPayload {
  if (!edit.ok) throw new Error(`refused: ${JSON.stringify(edit.refusal)}`);
  return edit.payload;
}

function labelled(p: AnnotationPayload): string[] {
  return p.spans.map((s) => `${s.class_id}:${SAMPLE_TEXT.slice(s.start, s.end)}`);
}

describe('addSpan', () => {
  it('trims whitespace, snaps to words on request and keeps text order', () => {
    let p = ok(
      addSpan(ctx, emptyPayload(), {
        anchor: at('London') + 2,
        focus: at('London') + 4,
        classId: 'org',
        snapToWords: true,
      }),
    );
    p = ok(
      addSpan(ctx, p, {
        anchor: at('Ada') - 0,
        focus: at(' met') + 1,
        classId: 'person',
        snapToWords: false,
      }),
    );
    p = ok(
      addSpan(ctx, p, {
        anchor: at('Babbage') + 7,
        focus: at('Charles') - 1,
        classId: 'person',
        snapToWords: false,
      }),
    );
    expect(labelled(p)).toEqual(['person:Ada Lovelace', 'person:Charles Babbage', 'org:London']);
    expect(p.spans.map((s) => s.id)).toEqual(['span-2', 'span-3', 'span-1']);
    expect(serverIssues(p, SAMPLE_TEXT.length)).toEqual([]);
  });

  it('refuses a whitespace-only selection and an overlap, leaving the payload alone', () => {
    const p = ok(addSpan(ctx, emptyPayload(), { anchor: 0, focus: 3, classId: 'person', snapToWords: true }));
    expect(
      addSpan(ctx, p, { anchor: at('met') + 3, focus: at('met') + 5, classId: 'person', snapToWords: false }),
    ).toEqual({
      ok: false,
      refusal: { code: 'empty_range' },
    });
    const overlap = addSpan(ctx, p, { anchor: 1, focus: 8, classId: 'org', snapToWords: true });
    expect(overlap).toEqual({ ok: false, refusal: { code: 'overlap', spanId: 'span-1', classId: 'person' } });
  });

  it('lets classes that allow overlap nest', () => {
    let p = ok(addSpan(ctx, emptyPayload(), { anchor: 0, focus: 12, classId: 'topic', snapToWords: true }));
    p = ok(addSpan(ctx, p, { anchor: 0, focus: 3, classId: 'tag', snapToWords: true }));
    expect(labelled(p)).toEqual(['topic:Ada Lovelace', 'tag:Ada']);
  });

  it('picks ids unused by spans and objects', () => {
    const p: AnnotationPayload = {
      ...emptyPayload(),
      objects: [
        { id: 'span-7', class_id: 'box-only', geometry: { type: 'point', x: 0, y: 0 }, attributes: {} },
      ],
      spans: [{ id: 'span-x', class_id: 'person', start: 0, end: 3, attributes: {} }],
    };
    expect(nextSpanId(p)).toBe('span-8');
    expect(nextSpanId(emptyPayload())).toBe('span-1');
  });
});

describe('span edits', () => {
  const base = ok(
    addSpan(ctx, emptyPayload(), {
      anchor: at('London'),
      focus: at('London') + 6,
      classId: 'org',
      snapToWords: false,
    }),
  );
  const withKind = ok(setSpanAttributes(base, 'span-1', { kind: 'company' }));

  it('deletes a span', () => {
    expect(ok(deleteSpan(withKind, 'span-1')).spans).toEqual([]);
    expect(deleteSpan(withKind, 'nope')).toEqual({
      ok: false,
      refusal: { code: 'no_such_span', spanId: 'nope' },
    });
  });

  it('changes the class, keeping only attributes valid in the new class', () => {
    const topic = ok(changeSpanClass(ctx, withKind, 'span-1', 'topic'));
    expect(topic.spans[0]).toMatchObject({ class_id: 'topic', attributes: { kind: 'company' } });
    const ngo = ok(setSpanAttributes(base, 'span-1', { kind: 'ngo' }));
    expect(ok(changeSpanClass(ctx, ngo, 'span-1', 'topic')).spans[0]!.attributes).toEqual({});
    expect(ok(changeSpanClass(ctx, withKind, 'span-1', 'person')).spans[0]!.attributes).toEqual({});
    expect(changeSpanClass(ctx, withKind, 'span-1', 'org')).toEqual({
      ok: true,
      payload: withKind,
      spanId: 'span-1',
    });
    expect(changeSpanClass(ctx, withKind, 'span-1', 'positive')).toEqual({
      ok: false,
      refusal: { code: 'not_a_span_class', classId: 'positive' },
    });
  });

  it('refuses a class change that would break the overlap rule', () => {
    let p = ok(addSpan(ctx, emptyPayload(), { anchor: 0, focus: 12, classId: 'topic', snapToWords: true }));
    p = ok(addSpan(ctx, p, { anchor: 0, focus: 3, classId: 'tag', snapToWords: true }));
    expect(changeSpanClass(ctx, p, 'span-2', 'person')).toEqual({
      ok: false,
      refusal: { code: 'overlap', spanId: 'span-1', classId: 'topic' },
    });
  });

  it('leaves the original payload untouched (immutability)', () => {
    const before = JSON.stringify(withKind);
    ok(changeSpanClass(ctx, withKind, 'span-1', 'topic'));
    ok(deleteSpan(withKind, 'span-1'));
    ok(setSpanAttributes(withKind, 'span-1', {}));
    expect(JSON.stringify(withKind)).toBe(before);
  });
});

describe('toggleDocumentClass', () => {
  it('adds and removes a document-level class', () => {
    const on = ok(toggleDocumentClass(ctx, emptyPayload(), 'positive'));
    expect(on.classifications).toEqual([{ class_id: 'positive', attributes: {} }]);
    expect(hasDocumentClass(on, 'positive')).toBe(true);
    expect(ok(toggleDocumentClass(ctx, on, 'positive')).classifications).toEqual([]);
  });

  it('refuses classes that cannot label documents, but always clears a present one', () => {
    expect(toggleDocumentClass(ctx, emptyPayload(), 'person')).toEqual({
      ok: false,
      refusal: { code: 'not_a_document_class', classId: 'person' },
    });
    expect(toggleDocumentClass(ctx, emptyPayload(), 'gone')).toEqual({
      ok: false,
      refusal: { code: 'unknown_class', classId: 'gone' },
    });
    const stale: AnnotationPayload = {
      ...emptyPayload(),
      classifications: [{ class_id: 'gone', attributes: {} }],
    };
    expect(ok(toggleDocumentClass(ctx, stale, 'gone')).classifications).toEqual([]);
  });
});

type Op =
  | { op: 'add'; anchor: number; focus: number; cls: string; snap: boolean }
  | { op: 'delete' | 'class'; pick: number; cls: string }
  | { op: 'attrs'; pick: number; score: number }
  | {
      op: 'resize';
      pick: number;
      edge: 'start' | 'end';
      direction: 'extend' | 'shrink';
      unit: 'word' | 'char';
    }
  | { op: 'doc'; cls: string };

const SPAN_CLASSES = ['person', 'org', 'topic', 'tag', 'both'];
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('add' as const),
    anchor: fc.integer({ min: -2, max: SAMPLE_TEXT.length + 2 }),
    focus: fc.integer({ min: -2, max: SAMPLE_TEXT.length + 2 }),
    cls: fc.constantFrom(...SPAN_CLASSES, 'positive'),
    snap: fc.boolean(),
  }),
  fc.record({
    op: fc.constantFrom('delete' as const, 'class' as const),
    pick: fc.nat(20),
    cls: fc.constantFrom(...SPAN_CLASSES),
  }),
  fc.record({
    op: fc.constant('attrs' as const),
    pick: fc.nat(20),
    score: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({
    op: fc.constant('resize' as const),
    pick: fc.nat(20),
    edge: fc.constantFrom('start' as const, 'end' as const),
    direction: fc.constantFrom('extend' as const, 'shrink' as const),
    unit: fc.constantFrom('word' as const, 'char' as const),
  }),
  fc.record({ op: fc.constant('doc' as const), cls: fc.constantFrom('positive', 'both', 'person') }),
);

function run(p: AnnotationPayload, op: Op): TextEdit {
  const id = (pick: number): string => p.spans[pick % Math.max(1, p.spans.length)]?.id ?? 'none';
  switch (op.op) {
    case 'add':
      return addSpan(ctx, p, { anchor: op.anchor, focus: op.focus, classId: op.cls, snapToWords: op.snap });
    case 'delete':
      return deleteSpan(p, id(op.pick));
    case 'class':
      return changeSpanClass(ctx, p, id(op.pick), op.cls);
    case 'attrs': {
      const span = p.spans[op.pick % Math.max(1, p.spans.length)];
      return setSpanAttributes(p, id(op.pick), span?.class_id === 'topic' ? { score: op.score } : {});
    }
    case 'resize':
      return resizeSpan(ctx, p, id(op.pick), op);
    case 'doc':
      return toggleDocumentClass(ctx, p, op.cls);
  }
}

describe('every payload the editor produces passes the server validator', () => {
  it('random edit sequences never produce a server issue (property)', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        let p = emptyPayload();
        for (const op of ops) {
          const edit = run(p, op);
          if (edit.ok) p = edit.payload;
        }
        expect(serverIssues(p, SAMPLE_TEXT.length)).toEqual([]);
        for (const s of p.spans) expect(SAMPLE_TEXT.slice(s.start, s.end).trim().length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
