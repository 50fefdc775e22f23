import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** How long a page may take to appear and render on a busy CI machine. */
export const WAIT_MS = 20_000;

export const eventually = <T>(read: () => T | Promise<T>) =>
  expect.poll(read, { timeout: WAIT_MS, interval: 100 });

/** The canvas of 1-based page `page` once PDF.js finished drawing it. */
export function renderedCanvas(page: Page, pageNumber: number): Locator {
  return page.locator(`[data-testid=document-canvas][data-page="${pageNumber}"][data-state=rendered]`);
}

/** Every page canvas in the document: their page numbers and backing-store sizes. */
export function canvases(page: Page): Promise<{ page: number; width: number; height: number }[]> {
  return page.locator('[data-testid=document-canvas]').evaluateAll((els) =>
    els.map((el) => {
      const canvas = el as HTMLCanvasElement;
      return { page: Number(canvas.dataset.page), width: canvas.width, height: canvas.height };
    }),
  );
}

/** All canvases in the page (not only the viewer's), so nothing rendered elsewhere escapes the count. */
export function allCanvasCount(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelectorAll('canvas').length);
}

/**
 * The color at fractions (fx, fy) of a canvas (0,0 = top left), as [r, g, b]. Reads one pixel, so even a
 * 4096² canvas costs nothing to probe.
 */
export function pixelAt(canvas: Locator, fx: number, fy: number): Promise<number[]> {
  return canvas.evaluate(
    (el, [x, y]) => {
      const c = el as HTMLCanvasElement;
      const ctx = c.getContext('2d');
      if (ctx === null) throw new Error('no 2d context');
      const px = Math.min(c.width - 1, Math.floor(c.width * x));
      const py = Math.min(c.height - 1, Math.floor(c.height * y));
      return Array.from(ctx.getImageData(px, py, 1, 1).data.slice(0, 3));
    },
    [fx, fy] as const,
  );
}

/** True when each channel is within `tolerance` of `rgb` (0–255). */
export const near = (actual: readonly number[], rgb: readonly number[], tolerance = 8): boolean =>
  rgb.every((v, i) => Math.abs((actual[i] ?? -999) - v) <= tolerance);

/** PDF color components (0–1) as 0–255 channels. */
export const rgb255 = (r: number, g: number, b: number): number[] =>
  [r, g, b].map((v) => Math.round(v * 255));
