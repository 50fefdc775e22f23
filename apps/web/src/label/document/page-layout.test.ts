import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  anchoredScrollTop,
  canvasPixelScale,
  canvasSize,
  clampZoom,
  cssScale,
  DOCUMENT_LIMITS,
  layoutPages,
  MAX_PAGE_SLOTS,
  type PageSize,
  pageAt,
  renderWindow,
  scrollMapping,
  scrollTopOf,
  shownPageCount,
  viewerWindow,
  visiblePages,
  zoomIn,
  zoomOut,
} from './page-layout';

const LETTER: PageSize = { width: 612, height: 792 };
const LANDSCAPE: PageSize = { width: 792, height: 612 };
const GAP = DOCUMENT_LIMITS.pageGap;

describe('page layout', () => {
  it('stacks pages with one gap above each and after the last', () => {
    const layout = layoutPages(3, (i) => (i === 1 ? LANDSCAPE : LETTER), 0.5, GAP);
    expect(Array.from(layout.tops)).toEqual([GAP, 396 + 2 * GAP, 702 + 3 * GAP, 1098 + 4 * GAP]);
    expect(layout.width).toBe(396);
  });

  it('scrolling to a page makes it the current page, for every page', () => {
    const layout = layoutPages(50, (i) => (i % 3 === 0 ? LANDSCAPE : LETTER), 0.8, GAP);
    for (let i = 0; i < 50; i++) expect(pageAt(layout, scrollTopOf(layout, i))).toBe(i);
    expect(pageAt(layout, -100)).toBe(0);
    expect(pageAt(layout, 1e12)).toBe(49);
  });

  it('the visible range covers exactly the pages intersecting the viewport', () => {
    const layout = layoutPages(100, () => LETTER, 1, GAP);
    // Page i spans [12 + 804 i, 804 + 804 i); a 1000 px viewport from page 3's top sees pages 3 and 4.
    expect(visiblePages(layout, scrollTopOf(layout, 3), 1000)).toEqual({ first: 3, last: 4 });
    expect(visiblePages(layout, scrollTopOf(layout, 99), 1000)).toEqual({ first: 99, last: 99 });
  });

  it('the render window is the visible pages ± 1, never more than the cap, around the current page', () => {
    const max = DOCUMENT_LIMITS.maxRenderedPages;
    expect(renderWindow({ first: 3, last: 4 }, 100, 3, max)).toEqual({ first: 2, last: 5 });
    expect(renderWindow({ first: 0, last: 0 }, 10_000, 0, max)).toEqual({ first: 0, last: 1 });
    expect(renderWindow({ first: 9_999, last: 9_999 }, 10_000, 9_999, max)).toEqual({
      first: 9_998,
      last: 9_999,
    });
    expect(renderWindow({ first: 10, last: 30 }, 100, 12, max)).toEqual({ first: 10, last: 15 });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 1, max: 12 }),
        (count, a, b, c, cap) => {
          const first = a % count;
          const last = first + (b % (count - first));
          const current = first + (c % (last - first + 1));
          const w = renderWindow({ first, last }, count, current, cap);
          expect(w.last - w.first + 1).toBeLessThanOrEqual(cap);
          expect(w.first).toBeGreaterThanOrEqual(Math.max(0, first - 1));
          expect(w.last).toBeLessThanOrEqual(Math.min(count - 1, last + 1));
          expect(current >= w.first && current <= w.last).toBe(true);
        },
      ),
    );
  });

  it('keeps the page at the top, at the same fraction, when the zoom changes', () => {
    const before = layoutPages(20, () => LETTER, 1, GAP);
    const after = layoutPages(20, () => LETTER, 2, GAP);
    const top = (before.tops[7] ?? 0) + 396; // half-way down page 7
    const moved = anchoredScrollTop(before, after, top);
    expect(pageAt(after, moved)).toBe(7);
    expect(moved - (after.tops[7] ?? 0)).toBeCloseTo((396 / (792 + GAP)) * (1584 + GAP), 6);
    expect(anchoredScrollTop(before, after, scrollTopOf(before, 7))).toBe(scrollTopOf(after, 7));
  });
});

describe('viewer window', () => {
  it('a pinned page stays current when the browser rounded the scroll position to just above it', () => {
    const layout = layoutPages(10_000, () => LETTER, 1.6, GAP);
    const rounded = scrollTopOf(layout, 9_999) - 0.4;
    expect(pageAt(layout, rounded)).toBe(9_998);
    expect(viewerWindow(layout, rounded, 900, 9_999, 6).current).toBe(9_999);
    expect(viewerWindow(layout, rounded, 900, null, 6).current).toBe(9_998);
  });

  it('zoomed out over tiny pages: every visible page has a slot (up to the slot cap), 6 have canvases', () => {
    // A 14,400 pt first page sets the scale; Letter pages after it are a few pixels tall.
    const layout = layoutPages(
      1_000,
      (i) => (i === 0 ? { width: 14_400, height: 14_400 } : LETTER),
      0.05,
      GAP,
    );
    // On a 4,000 px tall viewport some 77 of them are visible.
    const view = viewerWindow(layout, scrollTopOf(layout, 10), 4_000, null, DOCUMENT_LIMITS.maxRenderedPages);
    expect(view.current).toBe(10);
    expect(view.rendered.last - view.rendered.first + 1).toBe(DOCUMENT_LIMITS.maxRenderedPages);
    expect(view.slots.last - view.slots.first + 1).toBe(MAX_PAGE_SLOTS);
    expect(view.rendered.first).toBeGreaterThanOrEqual(view.slots.first);
    expect(view.rendered.last).toBeLessThanOrEqual(view.slots.last);
  });
});

describe('scroll mapping', () => {
  it('a document that fits scrolls 1:1; a taller one is mapped onto the column, end to end', () => {
    expect(scrollMapping(5_000_000, 900)).toEqual({ columnHeight: 5_000_000, ratio: 1 });
    const { columnHeight, ratio } = scrollMapping(51_000_000, 900, 8_000_000);
    expect(columnHeight).toBe(8_000_000);
    // The column's last scroll position shows the document's last viewport, exactly.
    expect((columnHeight - 900) * ratio).toBeCloseTo(51_000_000 - 900, 3);
    // 10,000 Letter pages at 400% of a 976 px column: every page can be scrolled to the top of the viewport.
    const layout = layoutPages(10_000, () => LETTER, (976 / 612) * 4, GAP);
    const lastTop = (layout.tops[9_999] ?? 0) - GAP + 900;
    const mapping = scrollMapping(lastTop, 900);
    expect(mapping.ratio).toBeGreaterThan(1);
    for (const page of [0, 1, 5_000, 9_998, 9_999]) {
      const top = scrollTopOf(layout, page) / mapping.ratio;
      expect(top).toBeLessThanOrEqual(mapping.columnHeight - 900 + 1e-6);
      expect(pageAt(layout, top * mapping.ratio)).toBe(page);
    }
  });
});

describe('caps', () => {
  it('lists at most maxPagesShown pages, whatever the file declares', () => {
    expect(shownPageCount(10_000)).toBe(10_000);
    expect(shownPageCount(2 ** 31)).toBe(DOCUMENT_LIMITS.maxPagesShown);
    expect(shownPageCount(0)).toBe(0);
  });

  it('renders the largest PDF page (14,400 pt square) scaled down to the pixel and side caps', () => {
    const huge = { width: 14_400, height: 14_400 };
    for (const dpr of [1, 2, 3]) {
      for (const zoom of [DOCUMENT_LIMITS.minZoom, 1, DOCUMENT_LIMITS.maxZoom]) {
        const scale = cssScale(1000, huge, zoom, GAP);
        const pixels = canvasSize(huge, canvasPixelScale(huge, scale, dpr));
        expect(pixels.width * pixels.height).toBeLessThanOrEqual(DOCUMENT_LIMITS.maxCanvasPixels);
        expect(Math.max(pixels.width, pixels.height)).toBeLessThanOrEqual(DOCUMENT_LIMITS.maxCanvasSide);
      }
    }
    // At 1 CSS px per point and DPR 2 the page would want 28,800² pixels: it gets the cap, 2896² (2^23).
    expect(canvasSize(huge, canvasPixelScale(huge, 1, 2))).toEqual({ width: 2896, height: 2896 });
  });

  it('a long thin page is held by the per-side cap, a normal page is rendered sharp', () => {
    const ribbon = { width: 14_400, height: 10 };
    const pixels = canvasSize(ribbon, canvasPixelScale(ribbon, 2, 2));
    expect(pixels.width).toBe(DOCUMENT_LIMITS.maxCanvasSide);
    expect(canvasPixelScale(LETTER, 1.5, 2)).toBe(3);
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 14_400, noNaN: true }),
        fc.double({ min: 1, max: 14_400, noNaN: true }),
        fc.double({ min: 0.01, max: 50, noNaN: true }),
        fc.double({ min: 0.5, max: 4, noNaN: true }),
        (width, height, scale, dpr) => {
          const size = canvasSize({ width, height }, canvasPixelScale({ width, height }, scale, dpr));
          // Whole pixels round down, except the 1-pixel floor of a sliver.
          expect(size.width * size.height).toBeLessThanOrEqual(
            Math.max(DOCUMENT_LIMITS.maxCanvasPixels, DOCUMENT_LIMITS.maxCanvasSide),
          );
          expect(Math.max(size.width, size.height)).toBeLessThanOrEqual(DOCUMENT_LIMITS.maxCanvasSide);
        },
      ),
    );
  });

  it('zoom stays within its bounds and fit width fills the column', () => {
    let zoom = 1;
    for (let i = 0; i < 40; i++) zoom = zoomIn(zoom);
    expect(zoom).toBe(DOCUMENT_LIMITS.maxZoom);
    for (let i = 0; i < 40; i++) zoom = zoomOut(zoom);
    expect(zoom).toBe(DOCUMENT_LIMITS.minZoom);
    expect(clampZoom(Number.NaN)).toBe(1);
    expect(cssScale(1000 + 2 * GAP, { width: 500, height: 700 }, 1, GAP)).toBe(2);
  });
});
