import type { TextRange } from '@tessera/editor';

/**
 * Converts between DOM selections and text offsets inside the element that renders the text. That element
 * holds nothing but the text (in line blocks), one element per segment with a `data-offset` attribute (its
 * start offset) and a single text node, so an offset is `data-offset` plus the offset in that node; any other
 * boundary (an element boundary, a selection made by a script) falls back to measuring the text before it.
 */
export function offsetOf(root: HTMLElement, node: Node, offset: number): number {
  if (node.nodeType === Node.TEXT_NODE) {
    const host = node.parentElement;
    const start = host?.getAttribute('data-offset');
    if (host !== null && host !== undefined && start != null && root.contains(host))
      return Number(start) + offset;
  }
  const range = root.ownerDocument.createRange();
  range.setStart(root, 0);
  range.setEnd(node, offset);
  return range.toString().length;
}

/**
 * The part of the document's selection inside `root`, as offsets (clipped to the text when the selection
 * starts or ends outside it), or null when the selection does not touch the text or is collapsed.
 */
export function selectedTextRange(root: HTMLElement, textLength: number): TextRange | null {
  const selection = root.ownerDocument.getSelection();
  if (selection === null || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!range.intersectsNode(root)) return null;
  const start = root.contains(range.startContainer)
    ? offsetOf(root, range.startContainer, range.startOffset)
    : 0;
  const end = root.contains(range.endContainer)
    ? offsetOf(root, range.endContainer, range.endOffset)
    : textLength;
  return start < end ? { start, end } : null;
}

/** The offset of a collapsed selection (a click) inside `root`, or null. */
export function clickedOffset(root: HTMLElement): number | null {
  const selection = root.ownerDocument.getSelection();
  if (selection === null || selection.rangeCount === 0 || !selection.isCollapsed) return null;
  const node = selection.anchorNode;
  return node !== null && root.contains(node) ? offsetOf(root, node, selection.anchorOffset) : null;
}

/** Drops the document's selection when it lies (at least partly) in `root`. */
export function clearSelectionIn(root: HTMLElement): void {
  const selection = root.ownerDocument.getSelection();
  if (selection === null || selection.rangeCount === 0 || selection.isCollapsed) return;
  if (selection.getRangeAt(0).intersectsNode(root)) selection.removeAllRanges();
}

/** True when a key press belongs to a form field (typing a value is not a shortcut). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
