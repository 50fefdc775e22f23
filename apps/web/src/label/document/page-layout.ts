/**
 * The document viewer's arithmetic, free of the DOM: where each page sits in the scrolled column, which pages
 * are visible, which few of them get a canvas, and how large a canvas may be. Pages are measured in PDF
 * points (1/72 in); the column in CSS pixels.
 */

/** A page's size in points, as shown (after its /Rotate). */
export interface PageSize {
  readonly width: number;
  readonly height: number;
}

/** The viewer's caps. Every one bounds memory or work whatever the PDF declares. */
export interface DocumentLimits {
  /** Canvases alive at once (the visible pages ± 1, trimmed around the current page). */
  readonly maxRenderedPages: number;
  /**
   * Backing-store pixels of one page's canvas; a larger page is rendered scaled down to this. With
   * `maxRenderedPages` it bounds the viewer's canvases: 6 × 8.4 M pixels × 4 bytes ≈ 200 MB at most.
   */
  readonly maxCanvasPixels: number;
  /** Width or height of one canvas in pixels (browsers refuse canvases much above 16k per side). */
  readonly maxCanvasSide: number;
  /** Pages the viewer lists; a PDF declaring more shows this many and says so. */
  readonly maxPagesShown: number;
  /** Zoom bounds, as multiples of "fit width" (1). */
  readonly minZoom: number;
  readonly maxZoom: number;
  /** Space between pages, CSS pixels. */
  readonly pageGap: number;
}

export const DOCUMENT_LIMITS: DocumentLimits = {
  maxRenderedPages: 6,
  maxCanvasPixels: 2 ** 23,
  maxCanvasSide: 8192,
  maxPagesShown: 50_000,
  minZoom: 0.25,
  maxZoom: 4,
  pageGap: 12,
};

const ZOOM_STEP = 1.25;

export const clampZoom = (zoom: number, limits: DocumentLimits = DOCUMENT_LIMITS): number =>
  Number.isFinite(zoom) ? Math.min(limits.maxZoom, Math.max(limits.minZoom, zoom)) : 1;

export const zoomIn = (zoom: number, limits: DocumentLimits = DOCUMENT_LIMITS): number =>
  clampZoom(zoom * ZOOM_STEP, limits);

export const zoomOut = (zoom: number, limits: DocumentLimits = DOCUMENT_LIMITS): number =>
  clampZoom(zoom / ZOOM_STEP, limits);

/** How many pages the viewer lists for a document of `numPages`. */
export const shownPageCount = (numPages: number, limits: DocumentLimits = DOCUMENT_LIMITS): number =>
  Math.max(0, Math.min(Math.floor(numPages), limits.maxPagesShown));

/**
 * CSS pixels per point at `zoom`: zoom 1 fits the first page's width into the column (less a margin), so a
 * 14,400 pt page and a Letter page both start readable.
 */
export function cssScale(columnWidth: number, firstPage: PageSize, zoom: number, gap: number): number {
  const room = Math.max(100, columnWidth - 2 * gap);
  return (room / Math.max(1, firstPage.width)) * zoom;
}

/** Page tops in the column: `tops[i]` is where page i starts, `tops[count]` the end of the last gap. */
export interface PageLayout {
  readonly count: number;
  readonly scale: number;
  readonly tops: Float64Array;
  /** Widest page, CSS pixels. */
  readonly width: number;
  readonly gap: number;
}

/** Lays out `count` pages; `sizeOf(i)` is the known size or an estimate (the first page's). */
export function layoutPages(
  count: number,
  sizeOf: (index: number) => PageSize,
  scale: number,
  gap: number,
): PageLayout {
  const tops = new Float64Array(count + 1);
  let y = gap;
  let width = 0;
  for (let i = 0; i < count; i++) {
    const size = sizeOf(i);
    tops[i] = y;
    y += size.height * scale + gap;
    width = Math.max(width, size.width * scale);
  }
  tops[count] = y;
  return { count, scale, tops, width, gap };
}

/**
 * The page at height `y` of the column: the last page whose top is at or above `y` plus one gap, so the gap
 * above a page counts as that page (scrolling to `scrollTopOf(i)` makes page i current). Clamped.
 */
export function pageAt(layout: PageLayout, y: number): number {
  const { tops, count, gap } = layout;
  if (count === 0) return 0;
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((tops[mid] ?? 0) <= y + gap) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The scroll position that shows page `index` at the top of the viewport, with one gap above it. */
export function scrollTopOf(layout: PageLayout, index: number): number {
  if (layout.count === 0) return 0;
  const i = Math.min(Math.max(0, index), layout.count - 1);
  return Math.max(0, (layout.tops[i] ?? 0) - layout.gap);
}

/** Height of page i's slot: the page and the gap below it. */
function slotHeight(layout: PageLayout, index: number): number {
  return (layout.tops[index + 1] ?? 0) - (layout.tops[index] ?? 0);
}

/** Inclusive page range intersecting the viewport [scrollTop, scrollTop + height). */
export function visiblePages(
  layout: PageLayout,
  scrollTop: number,
  height: number,
): { readonly first: number; readonly last: number } {
  const first = pageAt(layout, scrollTop);
  const last = pageAt(layout, scrollTop + Math.max(0, height - 1));
  return { first, last: Math.max(first, last) };
}

/**
 * The pages that get a canvas: the visible ones plus one on each side, at most `max`, kept around `current`
 * when the visible range alone is wider than that (a zoomed-out column of small pages).
 */
export function renderWindow(
  visible: { readonly first: number; readonly last: number },
  count: number,
  current: number,
  max: number,
): { readonly first: number; readonly last: number } {
  if (count === 0 || max <= 0) return { first: 0, last: -1 };
  let first = Math.max(0, visible.first - 1);
  let last = Math.min(count - 1, visible.last + 1);
  if (last - first + 1 <= max) return { first, last };
  const anchor = Math.min(Math.max(current, first), last);
  first = Math.max(first, anchor - Math.floor((max - 1) / 2));
  last = Math.min(last, first + max - 1);
  first = Math.max(0, last - max + 1);
  return { first, last };
}

/**
 * Device pixels per point for a page's canvas: the on-screen resolution (`scale` × `devicePixelRatio`),
 * lowered until the canvas fits both the pixel cap and the per-side cap. The page keeps its CSS size; only
 * the backing store is smaller (a huge page looks soft rather than exhausting memory).
 */
export function canvasPixelScale(
  page: PageSize,
  scale: number,
  devicePixelRatio: number,
  limits: DocumentLimits = DOCUMENT_LIMITS,
): number {
  const wanted = scale * Math.max(1, devicePixelRatio);
  const w = Math.max(1, page.width);
  const h = Math.max(1, page.height);
  const byArea = Math.sqrt(limits.maxCanvasPixels / (w * h));
  const bySide = limits.maxCanvasSide / Math.max(w, h);
  return Math.min(wanted, byArea, bySide);
}

/** Whole-pixel canvas size for `page` at `pixelScale` (rounded down, so never above the caps). */
export function canvasSize(page: PageSize, pixelScale: number): { width: number; height: number } {
  return {
    width: Math.max(1, Math.floor(page.width * pixelScale)),
    height: Math.max(1, Math.floor(page.height * pixelScale)),
  };
}

/**
 * Where to scroll after the layout changed (zoom, a page's real size learned) so the page at the top of the
 * viewport stays there, at the same fraction of its height.
 */
export function anchoredScrollTop(before: PageLayout, after: PageLayout, scrollTop: number): number {
  if (before.count === 0 || after.count === 0) return 0;
  const page = Math.min(pageAt(before, scrollTop), after.count - 1);
  const offset = scrollTop - (before.tops[page] ?? 0);
  const height = slotHeight(before, page);
  // In the gap above the page the offset stays in pixels (gaps do not scale); inside it, a fraction.
  const moved = offset <= 0 || height <= 0 ? offset : (offset / height) * slotHeight(after, page);
  return Math.max(0, (after.tops[page] ?? 0) + moved);
}

/**
 * Tallest column the viewer puts in the DOM. Browsers clamp layout near 2^25 px (33.5M), which 10,000 pages
 * at high zoom pass; a taller document is mapped onto this many pixels of scrollbar.
 */
export const MAX_COLUMN_PX = 8_000_000;

/**
 * How a document of `virtualHeight` CSS pixels scrolls in a column of at most `maxColumn`: the column's real
 * height and the factor from its scroll position to the document's (1 when it fits).
 */
export function scrollMapping(
  virtualHeight: number,
  viewportHeight: number,
  maxColumn: number = MAX_COLUMN_PX,
): { readonly columnHeight: number; readonly ratio: number } {
  const columnHeight = Math.min(virtualHeight, maxColumn);
  if (virtualHeight <= columnHeight || columnHeight <= viewportHeight) return { columnHeight, ratio: 1 };
  return { columnHeight, ratio: (virtualHeight - viewportHeight) / (columnHeight - viewportHeight) };
}

/** Page slots in the DOM at most (placeholders included), whatever the zoom. */
export const MAX_PAGE_SLOTS = 64;

/** What the viewer shows for a scroll position: the current page, and which pages get a slot or a canvas. */
export interface ViewerWindow {
  readonly current: number;
  readonly rendered: { readonly first: number; readonly last: number };
  readonly slots: { readonly first: number; readonly last: number };
}

/**
 * The viewer's window at document offset `top` with a viewport of `height`: `pinned` (the page navigation
 * last went to, while the scroll stays there) wins over the page computed from the offset.
 */
export function viewerWindow(
  layout: PageLayout,
  top: number,
  height: number,
  pinned: number | null,
  maxRendered: number,
): ViewerWindow {
  const current = pinned ?? pageAt(layout, top);
  const visible = visiblePages(layout, top, height);
  const rendered = renderWindow(visible, layout.count, current, maxRendered);
  const first = Math.min(visible.first, rendered.first);
  const last = Math.min(Math.max(visible.last, rendered.last), first + MAX_PAGE_SLOTS - 1);
  return { current, rendered, slots: { first, last } };
}
