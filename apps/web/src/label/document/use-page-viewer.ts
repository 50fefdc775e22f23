import { type RefObject, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import {
  anchoredScrollTop,
  clampZoom,
  cssScale,
  type DocumentLimits,
  layoutPages,
  type PageLayout,
  type PageSize,
  scrollMapping,
  scrollTopOf,
  shownPageCount,
  viewerWindow,
} from './page-layout';

type Range = { readonly first: number; readonly last: number };

/** The scrolled column of pages: what is laid out, seen, rendered, and how to move around. */
export interface PageViewer {
  readonly scrollRef: RefObject<HTMLDivElement | null>;
  /** Pages listed (at most `limits.maxPagesShown`). */
  readonly count: number;
  readonly layout: PageLayout;
  /** Height and width of the column in the DOM (a very tall document is mapped onto a shorter column). */
  readonly columnHeight: number;
  readonly columnWidth: number;
  /** The page at the top of the viewport (0-based). */
  readonly current: number;
  readonly zoom: number;
  /** A page's size in points: measured once rendered, until then the first page's. */
  sizeOf(index: number): PageSize;
  /** Where page `index` starts in the column's DOM coordinates. */
  topOf(index: number): number;
  /** Pages with a slot in the DOM (the visible ones and the render window, bounded). */
  readonly slots: Range;
  /** Pages that get a canvas. */
  readonly rendered: Range;
  goTo(index: number): void;
  setZoom(zoom: number): void;
  learnSize(index: number, size: PageSize): void;
  onScroll(): void;
}

/**
 * The column's scroll position, and the page navigation last scrolled to: while the position stays there
 * (browsers round scroll positions), that page is the current one.
 */
interface ScrollState {
  readonly top: number;
  readonly pinned: { readonly index: number; readonly top: number } | null;
}

const sameSize = (a: PageSize, b: PageSize): boolean => a.width === b.width && a.height === b.height;

/** Follows the scroll container's size (the column width sets "fit width"). */
function useBoxSize(ref: RefObject<HTMLDivElement | null>): { width: number; height: number } {
  const [box, setBox] = useState({ width: 800, height: 600 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (el === null) return;
    const measure = () => setBox({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return box;
}

/** Document height in CSS pixels: every page, plus room for the last page to reach the top of the viewport. */
function virtualHeightOf(layout: PageLayout, viewportHeight: number): number {
  const lastTop = layout.tops[Math.max(0, layout.count - 1)] ?? 0;
  return Math.max(layout.tops[layout.count] ?? 0, lastTop - layout.gap + viewportHeight);
}

/**
 * Zoom, resize or a page's real size moves pages: after each new layout, scrolls so the page at the top of
 * the viewport stays there, at the same fraction of its height. A pinned page (navigation put it at the top,
 * and the column has not been scrolled since) goes back to the top by its index: recomputed from the scroll
 * position, a burst of zoom steps in a loaded browser once left the pin on page 5,001 while the column showed
 * page 1,767 (document-flow e2e, seen in CI).
 */
function useAnchoredScroll(
  scrollRef: RefObject<HTMLDivElement | null>,
  layout: PageLayout,
  mappingRef: RefObject<{ readonly ratio: number }>,
  pinnedRef: RefObject<number | null>,
  setScroll: (update: (s: ScrollState) => ScrollState) => void,
): void {
  const previous = useRef({ layout, ratio: mappingRef.current.ratio });
  useLayoutEffect(() => {
    const before = previous.current;
    const ratio = mappingRef.current.ratio;
    previous.current = { layout, ratio };
    const el = scrollRef.current;
    if (before.layout === layout || el === null) return;
    const pinned = pinnedRef.current;
    const virtualTop =
      pinned !== null && pinned < layout.count
        ? scrollTopOf(layout, pinned)
        : anchoredScrollTop(before.layout, layout, el.scrollTop * before.ratio);
    el.scrollTop = virtualTop / ratio;
    const top = el.scrollTop;
    setScroll((s) => ({ top, pinned: s.pinned === null ? null : { index: s.pinned.index, top } }));
  }, [scrollRef, layout, mappingRef, pinnedRef, setScroll]);
}

export function usePageViewer(numPages: number, firstPage: PageSize, limits: DocumentLimits): PageViewer {
  const scrollRef = useRef<HTMLDivElement>(null);
  const box = useBoxSize(scrollRef);
  const [zoom, setZoomState] = useState(1);
  const [sizes, setSizes] = useState<ReadonlyMap<number, PageSize>>(() => new Map());
  const [scroll, setScroll] = useState<ScrollState>({ top: 0, pinned: null });
  const count = shownPageCount(numPages, limits);
  const scale = cssScale(box.width, firstPage, zoom, limits.pageGap);
  const sizeOf = useCallback((i: number): PageSize => sizes.get(i) ?? firstPage, [sizes, firstPage]);
  const layout = useMemo(
    () => layoutPages(count, sizeOf, scale, limits.pageGap),
    [count, sizeOf, scale, limits.pageGap],
  );
  const mapping = scrollMapping(virtualHeightOf(layout, box.height), box.height);
  const mappingRef = useRef(mapping);
  mappingRef.current = mapping;

  const pinned = scroll.pinned !== null && Math.abs(scroll.top - scroll.pinned.top) < 2;
  const pinnedRef = useRef<number | null>(null);
  pinnedRef.current = pinned ? (scroll.pinned?.index ?? null) : null;
  useAnchoredScroll(scrollRef, layout, mappingRef, pinnedRef, setScroll);

  const virtualTop = scroll.top * mapping.ratio;
  const { current, rendered, slots } = viewerWindow(
    layout,
    virtualTop,
    box.height,
    pinned ? (scroll.pinned?.index ?? null) : null,
    limits.maxRenderedPages,
  );

  const goTo = useCallback(
    (index: number) => {
      const el = scrollRef.current;
      if (el === null || layout.count === 0) return;
      const target = Math.min(Math.max(0, index), layout.count - 1);
      el.scrollTop = scrollTopOf(layout, target) / mappingRef.current.ratio;
      const top = el.scrollTop;
      setScroll({ top, pinned: { index: target, top } });
    },
    [layout],
  );
  const setZoom = useCallback((z: number) => setZoomState(clampZoom(z, limits)), [limits]);
  const learnSize = useCallback(
    (index: number, size: PageSize) => {
      // A page as large as the estimate (the first page's size) changes nothing in the layout.
      setSizes((m) => (sameSize(m.get(index) ?? firstPage, size) ? m : new Map(m).set(index, size)));
    },
    [firstPage],
  );
  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (el !== null) setScroll((s) => ({ top: el.scrollTop, pinned: s.pinned }));
  }, []);

  return {
    scrollRef,
    count,
    layout,
    columnHeight: mapping.columnHeight,
    columnWidth: Math.max(box.width, layout.width + 2 * limits.pageGap),
    current,
    zoom,
    sizeOf,
    // On screen a page sits at its document offset minus the document's scroll; in the column, add the
    // column's own scroll back (the identity when the document fits the column).
    topOf: (index) => (layout.tops[index] ?? 0) - virtualTop + scroll.top,
    slots,
    rendered,
    goTo,
    setZoom,
    learnSize,
    onScroll,
  };
}
