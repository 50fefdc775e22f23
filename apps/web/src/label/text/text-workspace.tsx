import {
  caretRange,
  createTextContext,
  describeTextRefusal,
  sessionSelectedSpan,
  type TextCommand,
  type TextContext,
  type TextSession,
} from '@tessera/editor';
import type { LabeledSpan } from '@tessera/schema';
import { type RefObject, useCallback, useEffect, useMemo, useRef } from 'react';
import type { WorkspaceProps } from '../workspace';
import { hasHighlightApi, useCaretHighlight } from './caret-highlight';
import { clearSelectionIn, selectedTextRange } from './dom-selection';
import { SpanDetails } from './span-details';
import { SpanList } from './span-list';
import { TextContent } from './text-content';
import { OverlayLegend, ShortcutHelp } from './text-extras';
import { TextToolbar } from './text-toolbar';
import { useTextClick } from './use-text-click';
import { useTextKeys } from './use-text-keys';
import { useTextSession } from './use-text-session';
import { type TextView, useTextView } from './use-text-view';
import './text-workspace.css';

/**
 * The text (NER) workspace: spans over the task's text, highlighted in class colors with stacked underlines
 * for nested and overlapping spans; mouse or keyboard selection plus a class digit or button makes a span.
 * Implements the `WorkspaceProps` contract: uncontrolled, own history, `onChange` on every new payload.
 */
export function TextWorkspace(props: WorkspaceProps) {
  if (props.item.kind !== 'text') {
    return (
      <p className="error" data-testid="text-workspace">
        This task's item is not a text.
      </p>
    );
  }
  return <TextWorkspaceBody {...props} text={props.item.text} />;
}

function TextWorkspaceBody(props: WorkspaceProps & { readonly text: string }) {
  const { text } = props;
  const readOnly = props.readOnly ?? false;
  const ctx = useMemo(() => createTextContext(text, props.ontology), [text, props.ontology]);
  const { session, dispatch } = useTextSession(ctx, props.initial, readOnly, props.onChange, props.onReady);
  const view = useTextView(text.length, ctx.ontology, session.history.present.spans, props.overlays);
  const contentRef = useRef<HTMLDivElement>(null);
  const selected = sessionSelectedSpan(session);
  useTextKeys(contentRef, ctx.ontology, text.length, readOnly, dispatch);
  useTextClick(contentRef, text.length, view, selected?.id ?? null, dispatch);
  const mark = useMemo(
    () => (session.caret === null ? null : caretRange(ctx.tokens, session.caret)),
    [ctx, session.caret],
  );
  const native = useMemo(hasHighlightApi, []);
  useCaretHighlight(contentRef, view.views, mark, native);
  useFollowSelection(contentRef, session.pointerRange === null, selected?.start ?? null);
  const labelWith = (classId: string): void => {
    const root = contentRef.current;
    if (root !== null) dispatch({ type: 'pointer-select', range: selectedTextRange(root, text.length) });
    dispatch({ type: 'label', classId });
  };
  return (
    <div className="tw" data-testid="text-workspace" data-read-only={readOnly || undefined}>
      <TextToolbar
        ontology={ctx.ontology}
        session={session}
        activeClassId={selected?.class_id ?? null}
        readOnly={readOnly}
        onLabel={labelWith}
        dispatch={dispatch}
      />
      <p className="tw-notice" data-testid="text-notice" role="status">
        {session.refusal === null ? '' : describeTextRefusal(session.refusal, ctx.ontology)}
      </p>
      <div className="tw-main">
        <div className="tw-text-wrap card">
          <OverlayLegend overlays={props.overlays} />
          <TextContent
            text={text}
            views={view.views}
            depth={view.layout.depth}
            mark={native ? null : mark}
            selectedSpanId={selected?.id ?? null}
            contentRef={contentRef}
          />
        </div>
        <TextSide ctx={ctx} session={session} view={view} readOnly={readOnly} dispatch={dispatch} />
      </div>
    </div>
  );
}

/** The side panel: the selected span's details, the span list and the keyboard table. */
function TextSide(props: {
  readonly ctx: TextContext;
  readonly session: TextSession;
  readonly view: TextView;
  readonly readOnly: boolean;
  readonly dispatch: (command: TextCommand) => void;
}) {
  const { ctx, session, dispatch } = props;
  const selected = sessionSelectedSpan(session);
  const selectSpan = useCallback((spanId: string) => dispatch({ type: 'select-span', spanId }), [dispatch]);
  return (
    <aside className="tw-side">
      {selected !== null && (
        <SpanDetails
          text={ctx.text}
          span={selected}
          ontology={ctx.ontology}
          missing={missingOf(selected, ctx.ontology.byId.get(selected.class_id)?.attributes ?? [])}
          readOnly={props.readOnly}
          onClass={(classId) => dispatch({ type: 'set-class', spanId: selected.id, classId })}
          onAttributes={(attributes) => dispatch({ type: 'set-attributes', spanId: selected.id, attributes })}
          onDelete={() => dispatch({ type: 'delete' })}
        />
      )}
      <SpanList
        text={ctx.text}
        spans={session.history.present.spans}
        ontology={ctx.ontology}
        selectedSpanId={selected?.id ?? null}
        conflicts={props.view.conflicts}
        onSelect={selectSpan}
      />
      <ShortcutHelp />
    </aside>
  );
}

function missingOf(span: LabeledSpan, defs: readonly { id: string; required: boolean }[]): string[] {
  return defs.filter((d) => d.required && !Object.hasOwn(span.attributes, d.id)).map((d) => d.id);
}

/**
 * Keeps the page's selection in step with the session: a labelled (or dropped) pointer selection is cleared
 * from the document, and the selected span is scrolled into view.
 */
function useFollowSelection(
  contentRef: RefObject<HTMLDivElement | null>,
  pointerCleared: boolean,
  spanStart: number | null,
): void {
  useEffect(() => {
    if (pointerCleared && contentRef.current !== null) clearSelectionIn(contentRef.current);
  }, [contentRef, pointerCleared]);
  useEffect(() => {
    if (spanStart === null) return;
    const el = contentRef.current?.querySelector(`[data-offset="${spanStart}"]`);
    el?.scrollIntoView({ block: 'nearest' });
  }, [contentRef, spanStart]);
}
