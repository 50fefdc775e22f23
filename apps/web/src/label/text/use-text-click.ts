import { pickCoveringRange, segmentIndexAt, type TextCommand } from '@tessera/editor';
import { type RefObject, useEffect, useRef } from 'react';
import { clickedOffset, selectedTextRange } from './dom-selection';
import type { TextView } from './use-text-view';

/**
 * What a click (a mouse-up without a dragged selection) on the text does: on a span, select the innermost span
 * there (clicking again walks out through the stack); on plain text, put the keyboard caret on that word.
 * Drags are left to the selection listener. Bound once on the text element; it reads the latest view
 * through a ref.
 */
export function useTextClick(
  contentRef: RefObject<HTMLDivElement | null>,
  textLength: number,
  view: TextView,
  selectedSpanId: string | null,
  dispatch: (command: TextCommand) => void,
): void {
  const live = useRef({ textLength, view, selectedSpanId });
  live.current = { textLength, view, selectedSpanId };
  useEffect(() => {
    const root = contentRef.current;
    if (root === null) return;
    const onMouseUp = (event: MouseEvent): void => {
      const { view, selectedSpanId, textLength } = live.current;
      if (event.button !== 0 || selectedTextRange(root, textLength) !== null) return;
      const host = event.target instanceof Element ? event.target.closest('[data-offset]') : null;
      if (host === null) return;
      const start = Number(host.getAttribute('data-offset'));
      const segment = view.views[segmentIndexAt(view.views, start)];
      if (segment === undefined) return;
      const editable = segment.covering.filter((i) => view.looks[i]!.spanId !== null);
      const current = view.looks.findIndex((l) => l.spanId !== null && l.spanId === selectedSpanId);
      const picked = pickCoveringRange(editable, view.ranges, current < 0 ? null : current);
      if (picked !== null) {
        dispatch({ type: 'select-span', spanId: view.looks[picked]!.spanId });
        return;
      }
      const offset = clickedOffset(root) ?? start;
      dispatch({ type: 'place-caret', range: { start: offset, end: offset } });
    };
    root.addEventListener('mouseup', onMouseUp);
    return () => root.removeEventListener('mouseup', onMouseUp);
  }, [contentRef, dispatch]);
}
