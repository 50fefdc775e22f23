import type { AnnotationPayload, LabeledSpan } from '@tessera/schema';
import { createHistory, type History, pushState, redo, undo } from '../history';
import type { SpanResize } from './span-resize';
import { resizeSpan } from './span-resize';
import type { TextRefusal } from './span-rules';
import { caretForRange, caretRange, moveCaret, type TextCaret, type TextCaretDirection } from './text-caret';
import {
  addSpan,
  changeSpanClass,
  deleteSpan,
  findSpan,
  setSpanAttributes,
  type TextContext,
  type TextEdit,
  toggleDocumentClass,
} from './text-document';
import type { TextRange } from './text-range';

/**
 * Everything a text workspace edits and points at, as one immutable value: the undo history of the payload,
 * the keyboard caret, a pointer (mouse) selection not yet labelled, the selected span, and the last refusal.
 * The workspace keeps one of these and feeds it commands; the engine decides what each command means.
 */
export interface TextSession {
  readonly history: History<AnnotationPayload>;
  readonly caret: TextCaret | null;
  /** The raw characters of the last pointer selection (normalised when labelled). */
  readonly pointerRange: TextRange | null;
  readonly selectedSpanId: string | null;
  /** New spans are widened to whole words. */
  readonly snapToWords: boolean;
  /** Why the last command did nothing; cleared by the next command. */
  readonly refusal: TextRefusal | null;
}

export type TextCommand =
  /** Label the pointer selection, else the selected span (change its class), else the caret's tokens. */
  | { readonly type: 'label'; readonly classId: string }
  | { readonly type: 'move-caret'; readonly direction: TextCaretDirection; readonly extend: boolean }
  | { readonly type: 'place-caret'; readonly range: TextRange }
  | { readonly type: 'pointer-select'; readonly range: TextRange | null }
  | { readonly type: 'select-span'; readonly spanId: string | null }
  | { readonly type: 'cycle-span'; readonly direction: TextCaretDirection }
  | { readonly type: 'resize'; readonly request: SpanResize }
  | { readonly type: 'delete' }
  | { readonly type: 'set-class'; readonly spanId: string; readonly classId: string }
  | {
      readonly type: 'set-attributes';
      readonly spanId: string;
      readonly attributes: LabeledSpan['attributes'];
    }
  | { readonly type: 'toggle-document-class'; readonly classId: string }
  | { readonly type: 'replace'; readonly payload: AnnotationPayload }
  | { readonly type: 'set-snap'; readonly snapToWords: boolean }
  | { readonly type: 'undo' }
  | { readonly type: 'redo' }
  | { readonly type: 'escape' };

export function createTextSession(initial: AnnotationPayload, snapToWords = true): TextSession {
  return {
    history: createHistory(initial),
    caret: null,
    pointerRange: null,
    selectedSpanId: null,
    snapToWords,
    refusal: null,
  };
}

/** The selected span, if it still exists (undo may have removed it). */
export function sessionSelectedSpan(session: TextSession): LabeledSpan | null {
  if (session.selectedSpanId === null) return null;
  return findSpan(session.history.present, session.selectedSpanId)?.span ?? null;
}

const EDITS = new Set<TextCommand['type']>([
  'label',
  'resize',
  'delete',
  'set-class',
  'set-attributes',
  'toggle-document-class',
  'replace',
  'undo',
  'redo',
]);

/** Applies one command. With `readOnly`, edits are refused (`read_only`) and only pointing works. */
export function applyTextCommand(
  ctx: TextContext,
  session: TextSession,
  command: TextCommand,
  readOnly = false,
): TextSession {
  if (readOnly && EDITS.has(command.type)) return { ...session, refusal: { code: 'read_only' } };
  // The browser reports a selection (`selectionchange`) after a key press has already read it: that echo
  // changes nothing, so it must not wipe the refusal the key press produced.
  if (command.type === 'pointer-select' && pointerSelect(session, command.range) === session) return session;
  const s: TextSession = session.refusal === null ? session : { ...session, refusal: null };
  switch (command.type) {
    case 'label':
      return label(ctx, s, command.classId);
    case 'move-caret':
      return moveTo(ctx, s, command.direction, command.extend);
    case 'place-caret':
      return {
        ...s,
        caret: caretForRange(ctx.tokens, command.range),
        pointerRange: null,
        selectedSpanId: null,
      };
    case 'pointer-select':
      return pointerSelect(s, command.range);
    case 'select-span':
      return { ...s, selectedSpanId: command.spanId, caret: null, pointerRange: null };
    case 'cycle-span':
      return cycleSpan(ctx, s, command.direction);
    case 'resize':
      return withSelected(s, (id) => commit(s, resizeSpan(ctx, s.history.present, id, command.request)));
    case 'delete':
      return deleteSelected(ctx, s);
    case 'set-class':
      return commit(s, changeSpanClass(ctx, s.history.present, command.spanId, command.classId));
    case 'set-attributes': {
      const edit = setSpanAttributes(s.history.present, command.spanId, command.attributes);
      return commit(s, edit, `attributes:${command.spanId}`);
    }
    case 'toggle-document-class':
      return commit(s, toggleDocumentClass(ctx, s.history.present, command.classId), null, false);
    case 'replace':
      return {
        ...s,
        history: pushState(s.history, command.payload),
        selectedSpanId: null,
        pointerRange: null,
      };
    case 'set-snap':
      return { ...s, snapToWords: command.snapToWords };
    case 'undo':
      return { ...s, history: undo(s.history) };
    case 'redo':
      return { ...s, history: redo(s.history) };
    case 'escape':
      return { ...s, caret: null, pointerRange: null, selectedSpanId: null, refusal: null };
  }
}

/** Records an edit (one undo step, or merged with the previous one under `mergeKey`) or its refusal. */
function commit(s: TextSession, edit: TextEdit, mergeKey: string | null = null, select = true): TextSession {
  if (!edit.ok) return { ...s, refusal: edit.refusal };
  const history = pushState(s.history, edit.payload, mergeKey);
  return select ? { ...s, history, selectedSpanId: edit.spanId } : { ...s, history };
}

/** A new pointer selection replaces the caret and span selection; a collapsed one only drops the old range. */
function pointerSelect(s: TextSession, range: TextRange | null): TextSession {
  if (range === null || range.start === range.end)
    return s.pointerRange === null ? s : { ...s, pointerRange: null };
  const same =
    s.pointerRange !== null && s.pointerRange.start === range.start && s.pointerRange.end === range.end;
  return same ? s : { ...s, pointerRange: range, caret: null, selectedSpanId: null };
}

function withSelected(s: TextSession, run: (spanId: string) => TextSession): TextSession {
  const span = sessionSelectedSpan(s);
  return span === null ? { ...s, refusal: { code: 'no_selection' } } : run(span.id);
}

function label(ctx: TextContext, s: TextSession, classId: string): TextSession {
  const payload = s.history.present;
  const add = (range: TextRange): TextSession => {
    const request = { anchor: range.start, focus: range.end, classId, snapToWords: s.snapToWords };
    const next = commit(s, addSpan(ctx, payload, request));
    return next.refusal === null ? { ...next, pointerRange: null, caret: null } : next;
  };
  if (s.pointerRange !== null && s.pointerRange.start !== s.pointerRange.end) return add(s.pointerRange);
  const span = sessionSelectedSpan(s);
  if (span !== null) return commit(s, changeSpanClass(ctx, payload, span.id, classId));
  if (s.caret !== null) return add(caretRange(ctx.tokens, s.caret));
  return { ...s, refusal: { code: 'no_selection' } };
}

/**
 * Where an arrow starts from: the caret, else the pointer selection's tokens, else the selected span: just its
 * edge in the direction of travel (so the caret lands past it), or with Shift all its tokens (to extend them).
 */
function startingCaret(
  ctx: TextContext,
  s: TextSession,
  direction: TextCaretDirection,
  extend: boolean,
): TextCaret | null {
  if (s.caret !== null) return s.caret;
  if (s.pointerRange !== null) return caretForRange(ctx.tokens, s.pointerRange);
  const span = sessionSelectedSpan(s);
  const around = span === null ? null : caretForRange(ctx.tokens, span);
  if (around === null) return null;
  const lo = Math.min(around.anchor, around.focus);
  const hi = Math.max(around.anchor, around.focus);
  if (extend) return direction === 1 ? { anchor: lo, focus: hi } : { anchor: hi, focus: lo };
  const edge = direction === 1 ? hi : lo;
  return { anchor: edge, focus: edge };
}

function moveTo(
  ctx: TextContext,
  s: TextSession,
  direction: TextCaretDirection,
  extend: boolean,
): TextSession {
  const from = startingCaret(ctx, s, direction, extend);
  return {
    ...s,
    caret: moveCaret(ctx.tokens, from, direction, extend),
    pointerRange: null,
    selectedSpanId: null,
  };
}

function deleteSelected(ctx: TextContext, s: TextSession): TextSession {
  return withSelected(s, (id) => {
    const span = findSpan(s.history.present, id)!.span;
    const next = commit(s, deleteSpan(s.history.present, id));
    return next.refusal === null ? { ...next, caret: caretForRange(ctx.tokens, span) } : next;
  });
}

/** Selects the next (or previous) span in text order, from the selected span or the caret; wraps around. */
function cycleSpan(ctx: TextContext, s: TextSession, direction: TextCaretDirection): TextSession {
  const spans = s.history.present.spans;
  if (spans.length === 0) return { ...s, refusal: { code: 'no_selection' } };
  const order = spans.map((_, i) => i);
  order.sort((a, b) => spans[a]!.start - spans[b]!.start || spans[b]!.end - spans[a]!.end || a - b);
  const current = sessionSelectedSpan(s);
  let at: number;
  if (current !== null) {
    const pos = order.findIndex((i) => spans[i]!.id === current.id);
    at = (pos + direction + order.length) % order.length;
  } else {
    const from = s.caret === null ? 0 : caretRange(ctx.tokens, s.caret).start;
    const after = order.findIndex((i) => spans[i]!.start >= from);
    at = direction === 1 ? Math.max(after, 0) : (after <= 0 ? order.length : after) - 1;
  }
  return { ...s, selectedSpanId: spans[order[at]!]!.id, caret: null, pointerRange: null };
}
