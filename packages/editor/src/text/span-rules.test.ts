import type { LabeledSpan } from '@tessera/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeTextRefusal } from './refusal-text';
import { checkSpanPlacement, overlappingSpanIndexes, type TextRefusal } from './span-rules';
import { emptyPayload, serverIssues, TEXT_ONTOLOGY } from './text-fixtures';
import { textOntology } from './text-ontology';

const ontology = textOntology(TEXT_ONTOLOGY);
const LENGTH = 40;
const span = (id: string, class_id: string, start: number, end: number): LabeledSpan => ({
  id,
  class_id,
  start,
  end,
  attributes: {},
});
const check = (
  spans: LabeledSpan[],
  class_id: string,
  start: number,
  end: number,
  ignore: string | null = null,
) => checkSpanPlacement(ontology, LENGTH, spans, { class_id, start, end }, ignore);

describe('checkSpanPlacement', () => {
  const existing = [span('a', 'person', 0, 5), span('b', 'topic', 10, 20), span('c', 'tag', 12, 14)];

  it('accepts touching spans and overlap between two classes that allow it', () => {
    expect(check(existing, 'person', 5, 10)).toBeNull();
    expect(check(existing, 'tag', 15, 25)).toBeNull();
    expect(check(existing, 'both', 11, 13)).toBeNull();
  });

  it('refuses overlap when either class forbids it, naming the other span', () => {
    expect(check(existing, 'org', 3, 7)).toEqual({ code: 'overlap', spanId: 'a', classId: 'person' });
    expect(check(existing, 'person', 15, 16)).toEqual({ code: 'overlap', spanId: 'b', classId: 'topic' });
    expect(check(existing, 'tag', 4, 6)).toEqual({ code: 'overlap', spanId: 'a', classId: 'person' });
    expect(check([span('x', 'ghost', 0, 9)], 'tag', 4, 6)).toEqual({
      code: 'overlap',
      spanId: 'x',
      classId: 'ghost',
    });
  });

  it('ignores the span being edited', () => {
    expect(check(existing, 'person', 0, 7, 'a')).toBeNull();
  });

  it('refuses a duplicate, empty or out-of-text range and non-span classes', () => {
    expect(check(existing, 'topic', 10, 20)).toEqual({ code: 'duplicate', spanId: 'b' });
    expect(check(existing, 'person', 30, 30)).toEqual({ code: 'empty_range' });
    expect(check(existing, 'person', 35, 41)).toEqual({ code: 'outside_text', length: LENGTH });
    expect(check(existing, 'positive', 30, 31)).toEqual({ code: 'not_a_span_class', classId: 'positive' });
    expect(check(existing, 'nope', 30, 31)).toEqual({ code: 'unknown_class', classId: 'nope' });
  });
});

const CLASSES = ['person', 'org', 'topic', 'tag', 'both', 'ghost'] as const;
const spanList = fc
  .array(
    fc.record({
      class_id: fc.constantFrom(...CLASSES),
      start: fc.integer({ min: 0, max: LENGTH }),
      len: fc.integer({ min: -2, max: 12 }),
    }),
    { maxLength: 14 },
  )
  .map((rows) =>
    rows.map((r, i) => span(`s${i}`, r.class_id, r.start, Math.max(0, Math.min(r.start + r.len, LENGTH)))),
  );

function serverOverlaps(spans: LabeledSpan[]): Set<number> {
  const payload = { ...emptyPayload(), spans };
  const found = serverIssues(payload, LENGTH).filter((i) => i.code === 'overlapping_spans');
  return new Set(found.map((i) => Number(i.path.split('/')[2])));
}

/** Drops the spans the server flags until it flags none: a payload the server accepts as to overlap. */
function serverClean(spans: LabeledSpan[]): LabeledSpan[] {
  let list = spans;
  for (let flagged = serverOverlaps(list); flagged.size > 0; flagged = serverOverlaps(list)) {
    list = list.filter((_, i) => !flagged.has(i));
  }
  return list;
}

describe('agreement with the server (core validateAnnotation)', () => {
  it('overlappingSpanIndexes reports exactly the spans the server reports (property)', () => {
    fc.assert(
      fc.property(spanList, (spans) => {
        expect([...overlappingSpanIndexes(spans, ontology)].sort((a, b) => a - b)).toEqual(
          [...serverOverlaps(spans)].sort((a, b) => a - b),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('the editor refuses exactly the spans the server would flag as overlapping, plus exact duplicates (property)', () => {
    const candidate = fc.record({
      class_id: fc.constantFrom('person', 'org', 'topic', 'tag', 'both'),
      start: fc.integer({ min: 0, max: LENGTH - 1 }),
      len: fc.integer({ min: 1, max: 12 }),
    });
    fc.assert(
      fc.property(spanList, candidate, (raw, c) => {
        const spans = serverClean(raw);
        const placed = span('new', c.class_id, c.start, Math.min(c.start + c.len, LENGTH));
        const refusal: TextRefusal | null = check(spans, placed.class_id, placed.start, placed.end);
        const serverRefuses = serverOverlaps([...spans, placed]).size > 0;
        if (serverRefuses) expect(['overlap', 'duplicate']).toContain(refusal?.code);
        else expect(refusal === null || refusal.code === 'duplicate').toBe(true);
        if (refusal === null) expect(serverOverlaps([placed, ...spans]).size).toBe(0);
      }),
      { numRuns: 400 },
    );
  });
});

describe('describeTextRefusal', () => {
  it('gives every refusal its own message, naming classes by their ontology name', () => {
    const refusals: TextRefusal[] = [
      { code: 'empty_range' },
      { code: 'outside_text', length: 3 },
      { code: 'unknown_class', classId: 'x' },
      { code: 'not_a_span_class', classId: 'positive' },
      { code: 'not_a_document_class', classId: 'person' },
      { code: 'overlap', spanId: 's1', classId: 'org' },
      { code: 'duplicate', spanId: 's1' },
      { code: 'no_such_span', spanId: 's1' },
      { code: 'no_selection' },
      { code: 'read_only' },
    ];
    const messages = refusals.map((r) => describeTextRefusal(r, ontology));
    expect(new Set(messages).size).toBe(refusals.length);
    expect(messages[3]).toContain('Positive');
    expect(messages[5]).toContain('Organization');
  });
});
