/** The rows a virtual list renders: [first, last) with some overscan, for fixed-height rows. */
export function visibleRows(
  scrollTop: number,
  height: number,
  rowHeight: number,
  count: number,
  overscan = 8,
): { readonly first: number; readonly last: number } {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + Math.max(height, rowHeight)) / rowHeight) + overscan);
  return { first, last: Math.max(first, last) };
}

/** The scroll position that shows row `index` while moving as little as possible. */
export function scrollTopToShow(scrollTop: number, height: number, rowHeight: number, index: number): number {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + height) return Math.max(0, top + rowHeight - height);
  return scrollTop;
}
