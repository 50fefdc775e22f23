import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { finite } from './test-fixtures';
import {
  fitViewport,
  IDENTITY_VIEWPORT,
  imageToScreen,
  MAX_SCALE,
  MIN_SCALE,
  panBy,
  panToShow,
  screenToImage,
  type Viewport,
  visibleImageRect,
  zoomAt,
} from './viewport';

const viewportArb: fc.Arbitrary<Viewport> = fc.record({
  scale: finite(MIN_SCALE, MAX_SCALE),
  offsetX: finite(-5000, 5000),
  offsetY: finite(-5000, 5000),
});
const pointArb = fc.record({ x: finite(-5000, 5000), y: finite(-5000, 5000) });

const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(b)));

describe('viewport', () => {
  it('screen → image → screen is the identity (property)', () => {
    fc.assert(
      fc.property(viewportArb, pointArb, (v, p) => {
        const back = imageToScreen(v, screenToImage(v, p));
        close(back.x, p.x);
        close(back.y, p.y);
        const again = screenToImage(v, imageToScreen(v, p));
        close(again.x, p.x);
        close(again.y, p.y);
      }),
    );
  });

  it('zooming keeps the image point under the cursor in place (property)', () => {
    fc.assert(
      fc.property(viewportArb, pointArb, finite(0.1, 10), (v, cursor, factor) => {
        const before = screenToImage(v, cursor);
        const z = zoomAt(v, factor, cursor);
        const after = imageToScreen(z, before);
        close(after.x, cursor.x);
        close(after.y, cursor.y);
        expect(z.scale).toBeGreaterThanOrEqual(MIN_SCALE);
        expect(z.scale).toBeLessThanOrEqual(MAX_SCALE);
      }),
    );
  });

  it('ignores a zoom beyond the limits or with a bad factor', () => {
    const top = { scale: MAX_SCALE, offsetX: 0, offsetY: 0 };
    expect(zoomAt(top, 2, { x: 5, y: 5 })).toBe(top);
    expect(zoomAt(IDENTITY_VIEWPORT, 0, { x: 5, y: 5 })).toBe(IDENTITY_VIEWPORT);
    expect(zoomAt(IDENTITY_VIEWPORT, Number.NaN, { x: 5, y: 5 })).toBe(IDENTITY_VIEWPORT);
  });

  it('fits the whole image, centred, with padding', () => {
    const v = fitViewport({ width: 1000, height: 500 }, { width: 532, height: 532 }, 16);
    expect(v.scale).toBe(0.5);
    expect(v).toEqual({ scale: 0.5, offsetX: 16, offsetY: 141 });
    expect(fitViewport({ width: 0, height: 10 }, { width: 100, height: 100 })).toBe(IDENTITY_VIEWPORT);
  });

  it('the fitted image lies inside the view (property)', () => {
    const size = fc.record({ width: finite(1, 10000), height: finite(1, 10000) });
    const view = fc.record({ width: finite(100, 4000), height: finite(100, 4000) });
    fc.assert(
      fc.property(size, view, (image, screen) => {
        const v = fitViewport(image, screen);
        if (v.scale === MIN_SCALE) return;
        const tl = imageToScreen(v, { x: 0, y: 0 });
        const br = imageToScreen(v, { x: image.width, y: image.height });
        expect(tl.x).toBeGreaterThanOrEqual(-1e-6);
        expect(tl.y).toBeGreaterThanOrEqual(-1e-6);
        expect(br.x).toBeLessThanOrEqual(screen.width + 1e-6);
        expect(br.y).toBeLessThanOrEqual(screen.height + 1e-6);
      }),
    );
  });

  it('pans and reports the visible image rectangle', () => {
    const v = panBy({ scale: 2, offsetX: 10, offsetY: 20 }, -30, 5);
    expect(v).toEqual({ scale: 2, offsetX: -20, offsetY: 25 });
    expect(panBy(v, 0, 0)).toBe(v);
    expect(visibleImageRect(v, { width: 200, height: 100 })).toEqual({ x: 10, y: -12.5, w: 100, h: 50 });
  });

  it('pans the least needed to show a box', () => {
    const view = { width: 200, height: 100 };
    expect(panToShow(IDENTITY_VIEWPORT, view, { x: 50, y: 30, w: 10, h: 10 })).toBe(IDENTITY_VIEWPORT);
    expect(panToShow(IDENTITY_VIEWPORT, view, { x: 250, y: 30, w: 10, h: 10 }, 20)).toEqual({
      scale: 1,
      offsetX: -80,
      offsetY: 0,
    });
    const centred = panToShow(IDENTITY_VIEWPORT, view, { x: 0, y: 0, w: 500, h: 10 }, 20);
    expect(centred.offsetX).toBe(-150);
  });
});
