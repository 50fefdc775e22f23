import { segmentIndexAt, type TextRange } from '@tessera/editor';
import { type RefObject, useEffect } from 'react';
import type { SegmentView } from './segment-views';

/** The name styled by `::highlight(tw-caret)` in text-workspace.css. */
const CARET_HIGHLIGHT = 'tw-caret';

/** Whether the browser has the CSS Custom Highlight API (Chromium 105+, Safari 17.2+, Firefox 140+). */
export function hasHighlightApi(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

/** A DOM range over `range` of the rendered text (segments are `[data-offset]` elements with one text node). */
export function domRangeOf(root: HTMLElement, views: readonly SegmentView[], range: TextRange): Range | null {
  const boundary = (offset: number): [Node, number] | null => {
    const view = views[segmentIndexAt(views, offset)];
    const node = view && root.querySelector(`[data-offset="${view.start}"]`)?.firstChild;
    return node ? [node, Math.min(offset - view.start, node.textContent?.length ?? 0)] : null;
  };
  const start = boundary(range.start);
  const end = boundary(range.end);
  if (start === null || end === null) return null;
  const dom = root.ownerDocument.createRange();
  dom.setStart(start[0], start[1]);
  dom.setEnd(end[0], end[1]);
  return dom;
}

/** Scrolls `container` the least it takes to show `rect` (with a small margin). */
function reveal(container: HTMLElement | null, rect: DOMRect): void {
  if (container === null) return;
  const box = container.getBoundingClientRect();
  const margin = 24;
  if (rect.top < box.top) container.scrollTop -= box.top - rect.top + margin;
  else if (rect.bottom > box.bottom) container.scrollTop += rect.bottom - box.bottom + margin;
}

/**
 * Draws the keyboard caret with the Custom Highlight API, which changes no DOM (so moving the caret costs no
 * layout of a long text), and keeps it in view. Without the API the caller cuts the runs instead (`native`
 * false) and this only scrolls the caret's first run into view.
 */
export function useCaretHighlight(
  contentRef: RefObject<HTMLDivElement | null>,
  views: readonly SegmentView[],
  mark: TextRange | null,
  native: boolean,
): void {
  useEffect(() => {
    const root = contentRef.current;
    if (root === null || mark === null || mark.start >= mark.end) return;
    if (!native) {
      const el = root.querySelector(`[data-offset="${mark.start}"]`);
      if (el !== null) reveal(root.parentElement, el.getBoundingClientRect());
      return;
    }
    const range = domRangeOf(root, views, mark);
    if (range === null) return;
    const highlight = new Highlight(range);
    CSS.highlights.set(CARET_HIGHLIGHT, highlight);
    reveal(root.parentElement, range.getBoundingClientRect());
    return () => {
      if (CSS.highlights.get(CARET_HIGHLIGHT) === highlight) CSS.highlights.delete(CARET_HIGHLIGHT);
    };
  }, [contentRef, views, mark, native]);
}
