import type { AnnotationPayload, LabeledSpan, OntologyDefinition } from '@tessera/schema';
import { carryAttributes } from './carry-attributes';
import { checkSpanPlacement, type TextRefusal } from './span-rules';
import { type TextOntology, textOntology } from './text-ontology';
import { normalizeRange } from './text-range';
import { type Token, tokenize } from './tokenize';

/** The fixed inputs of one text task: the text, its tokens and the ontology's text classes. */
export interface TextContext {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly ontology: TextOntology;
}

export function createTextContext(text: string, definition: OntologyDefinition): TextContext {
  return { text, tokens: tokenize(text), ontology: textOntology(definition) };
}

/** The outcome of an edit: the next payload (and the span it made or touched), or why it was refused. */
export type TextEdit =
  | { readonly ok: true; readonly payload: AnnotationPayload; readonly spanId: string | null }
  | { readonly ok: false; readonly refusal: TextRefusal };

const refuse = (refusal: TextRefusal): TextEdit => ({ ok: false, refusal });

export const SPAN_ID_PREFIX = 'span-';

/** A span id unused by the payload's spans and objects (they share one namespace on the server). */
export function nextSpanId(payload: AnnotationPayload): string {
  let max = 0;
  const visit = (id: string): void => {
    if (!id.startsWith(SPAN_ID_PREFIX)) return;
    const n = Number(id.slice(SPAN_ID_PREFIX.length));
    if (Number.isSafeInteger(n) && n > max) max = n;
  };
  for (const s of payload.spans) visit(s.id);
  for (const o of payload.objects) visit(o.id);
  return `${SPAN_ID_PREFIX}${max + 1}`;
}

export interface NewSpan {
  /** Where the selection started and where it ended (either order), in UTF-16 code units. */
  readonly anchor: number;
  readonly focus: number;
  readonly classId: string;
  /** Widen the range to whole words (after trimming whitespace). */
  readonly snapToWords: boolean;
}

/**
 * Adds a span over a selection, trimmed of surrounding whitespace (and snapped to words on request). New spans
 * go after every span starting at or before them, so a payload kept in text order stays in text order.
 */
export function addSpan(ctx: TextContext, payload: AnnotationPayload, request: NewSpan): TextEdit {
  const range = normalizeRange(ctx.text, ctx.tokens, request.anchor, request.focus, request.snapToWords);
  const candidate = { ...range, class_id: request.classId };
  const refusal = checkSpanPlacement(ctx.ontology, ctx.text.length, payload.spans, candidate, null);
  if (refusal !== null) return refuse(refusal);
  const span: LabeledSpan = { id: nextSpanId(payload), ...candidate, attributes: {} };
  const at = payload.spans.findIndex((s) => s.start > span.start);
  const spans =
    at < 0 ? [...payload.spans, span] : [...payload.spans.slice(0, at), span, ...payload.spans.slice(at)];
  return { ok: true, payload: { ...payload, spans }, spanId: span.id };
}

/** The span with `spanId` and its index, or null. */
export function findSpan(
  payload: AnnotationPayload,
  spanId: string,
): { readonly span: LabeledSpan; readonly index: number } | null {
  const index = payload.spans.findIndex((s) => s.id === spanId);
  return index < 0 ? null : { span: payload.spans[index]!, index };
}

/** Replaces the span at `index` (a new payload; the old one is untouched). */
export function withSpan(payload: AnnotationPayload, index: number, span: LabeledSpan): AnnotationPayload {
  const spans = payload.spans.slice();
  spans[index] = span;
  return { ...payload, spans };
}

export function deleteSpan(payload: AnnotationPayload, spanId: string): TextEdit {
  const found = findSpan(payload, spanId);
  if (found === null) return refuse({ code: 'no_such_span', spanId });
  const spans = payload.spans.filter((_, i) => i !== found.index);
  return { ok: true, payload: { ...payload, spans }, spanId: null };
}

/**
 * Moves a span to another class, keeping the attributes the new class defines and accepts. Refused when the
 * class cannot label spans or its overlap rule conflicts with a neighbour. The same class is a no-op.
 */
export function changeSpanClass(
  ctx: TextContext,
  payload: AnnotationPayload,
  spanId: string,
  classId: string,
): TextEdit {
  const found = findSpan(payload, spanId);
  if (found === null) return refuse({ code: 'no_such_span', spanId });
  if (found.span.class_id === classId) return { ok: true, payload, spanId };
  const candidate = { start: found.span.start, end: found.span.end, class_id: classId };
  const refusal = checkSpanPlacement(ctx.ontology, ctx.text.length, payload.spans, candidate, spanId);
  if (refusal !== null) return refuse(refusal);
  const defs = ctx.ontology.byId.get(classId)?.attributes ?? [];
  const span = { ...found.span, class_id: classId, attributes: carryAttributes(found.span.attributes, defs) };
  return { ok: true, payload: withSpan(payload, found.index, span), spanId };
}

/** Replaces a span's attribute values (the form validates each field; the server checks them all on submit). */
export function setSpanAttributes(
  payload: AnnotationPayload,
  spanId: string,
  attributes: LabeledSpan['attributes'],
): TextEdit {
  const found = findSpan(payload, spanId);
  if (found === null) return refuse({ code: 'no_such_span', spanId });
  return { ok: true, payload: withSpan(payload, found.index, { ...found.span, attributes }), spanId };
}

/**
 * Removes every entry of the document-level class when present (whatever the ontology says, so a stale
 * pre-label can always be cleared); otherwise adds it, with no attributes, if it is a document class.
 */
export function toggleDocumentClass(ctx: TextContext, payload: AnnotationPayload, classId: string): TextEdit {
  if (hasDocumentClass(payload, classId)) {
    const classifications = payload.classifications.filter((c) => c.class_id !== classId);
    return { ok: true, payload: { ...payload, classifications }, spanId: null };
  }
  const def = ctx.ontology.byId.get(classId);
  if (def === undefined) return refuse({ code: 'unknown_class', classId });
  if (!def.geometries.includes('classification')) return refuse({ code: 'not_a_document_class', classId });
  const classifications = [...payload.classifications, { class_id: classId, attributes: {} }];
  return { ok: true, payload: { ...payload, classifications }, spanId: null };
}

/** Is the document-level class set? */
export function hasDocumentClass(payload: AnnotationPayload, classId: string): boolean {
  return payload.classifications.some((c) => c.class_id === classId);
}
