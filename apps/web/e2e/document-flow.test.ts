import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_LIMITS } from '../src/label/document/page-layout';
import { browserAvailable, launchBrowser, screenshot } from './browser';
import { signInHiDpi } from './document-flow/annotator-page';
import {
  corruptPdf,
  fontMatrixInjectionPdf,
  hugePagePdf,
  manyPagesPdf,
  SENTINEL,
} from './document-flow/fixture-pdfs';
import { INVOICE, seedDocumentProject } from './document-flow/seed-documents';
import { PDF_PATH, servePdfs } from './document-flow/serve-pdfs';
import {
  allCanvasCount,
  canvases,
  eventually,
  near,
  pixelAt,
  renderedCanvas,
  rgb255,
  WAIT_MS,
} from './document-flow/viewer-probe';
import { type E2eServer, startE2eServer, WEB_DIR } from './e2e-server';
import { type SignedInPage, signIn } from './signed-in-page';
import { finalLabel } from './text-flow/server-labels';

const MANY_PAGES = 10_000;

/** The PDFs, served inside the browser under PDF_PATH; `missing.pdf` is deliberately absent (404). */
const FILES = {
  'fontmatrix.pdf': fontMatrixInjectionPdf(),
  'many-pages.pdf': manyPagesPdf(MANY_PAGES),
  'huge-page.pdf': hugePagePdf(),
  'corrupt.pdf': corruptPdf(),
};

const sentinel = (page: Page): Promise<unknown> =>
  page.evaluate((name) => (window as unknown as Record<string, unknown>)[name], SENTINEL);

describe.runIf(browserAvailable(WEB_DIR))('document (PDF) flow (Chromium)', () => {
  let server: E2eServer;
  let browser: Browser;
  let annotator: SignedInPage;
  let requested: string[];
  const projects: Record<'fontmatrix' | 'many' | 'huge' | 'broken', string> = {
    fontmatrix: '',
    many: '',
    huge: '',
    broken: '',
  };

  /** Opens the project's label page and starts; resolves when the document workspace is on screen. */
  const startLabeling = async (project: string): Promise<Page> => {
    const { page } = annotator;
    await page.goto(`/projects/${encodeURIComponent(project)}/label`);
    await page.getByTestId('start-labeling').click();
    await page.getByTestId('document-workspace').waitFor({ timeout: WAIT_MS });
    return page;
  };

  beforeAll(async () => {
    server = await startE2eServer({ admin: 'admin', ann: 'annotator' });
    browser = await launchBrowser();
    const seed = (name: string, tasks: Parameters<typeof seedDocumentProject>[1]['tasks']) =>
      seedDocumentProject(server, { name, tasks, members: ['ann'] });
    projects.fontmatrix = await seed('doc-fontmatrix', [
      { uniqueId: 'fontmatrix', uri: `${PDF_PATH}fontmatrix.pdf`, pages: 1 },
    ]);
    projects.many = await seed('doc-many', [
      { uniqueId: 'many', uri: `${PDF_PATH}many-pages.pdf`, pages: MANY_PAGES },
    ]);
    projects.huge = await seed('doc-huge', [{ uniqueId: 'huge', uri: `${PDF_PATH}huge-page.pdf` }]);
    projects.broken = await seed('doc-broken', [
      { uniqueId: 'corrupt', uri: `${PDF_PATH}corrupt.pdf`, priority: 10 },
      { uniqueId: 'missing', uri: `${PDF_PATH}missing.pdf`, priority: 0 },
    ]);
    annotator = await signInHiDpi(browser, server, 'ann');
    requested = await servePdfs(annotator.context, FILES);
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      await screenshot(annotator.page, `document-flow-failed-${task.name.slice(0, 40)}`).catch(
        () => undefined,
      );
    }
    // No uncaught error and no console error (a CSP refusal of eval would be one) on the annotator's page.
    expect(annotator.errors).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a FontMatrix injection (CVE-2024-4367) renders without running; the annotator classifies and submits it', async () => {
    const page = annotator.page;
    await page.goto('/');
    expect(await sentinel(page)).toBeUndefined();
    await startLabeling(projects.fontmatrix);
    const canvas = renderedCanvas(page, 1);
    await canvas.waitFor({ timeout: WAIT_MS });
    expect(requested).toContain('fontmatrix.pdf');
    expect(await sentinel(page)).toBeUndefined();
    // The page really drew: the blue band, and the embedded font's glyph (a solid box) in fill mode.
    expect(near(await pixelAt(canvas, 300 / 612, 1 - 640 / 792), rgb255(0.18, 0.42, 0.85))).toBe(true);
    expect(near(await pixelAt(canvas, 86 / 612, 1 - 437 / 792), [0, 0, 0], 40)).toBe(true);
    await screenshot(page, 'document-flow-fontmatrix');

    const taskId = (await page.getByTestId('label-task').getAttribute('data-task-id')) ?? '';
    await page.getByTestId(`classification-${INVOICE}`).check();
    await page.getByTestId('submit-task').click();
    await page.getByTestId('queue-empty').waitFor({ timeout: WAIT_MS });
    expect(await sentinel(page)).toBeUndefined();
    const admin = await signIn(browser, server, 'admin');
    try {
      await eventually(async () => (await finalLabel(admin.page.request, taskId))?.classifications).toEqual([
        { class_id: INVOICE, attributes: {} },
      ]);
    } finally {
      await admin.context.close();
    }
  }, 90_000);

  it('a 10,000-page PDF opens, shows its page count, and has at most the cap of pages rendered at every step', async () => {
    const page = await startLabeling(projects.many);
    const cap = DOCUMENT_LIMITS.maxRenderedPages;
    await renderedCanvas(page, 1).waitFor({ timeout: WAIT_MS });
    const count = page.getByTestId('document-page-count');
    expect(await count.getAttribute('data-count')).toBe(String(MANY_PAGES));
    expect(await count.textContent()).toBe('10,000');
    const atStart = await canvases(page);
    expect(atStart.length).toBeGreaterThanOrEqual(1);
    expect(atStart.length).toBeLessThanOrEqual(cap);
    expect(await allCanvasCount(page)).toBe(atStart.length);
    expect(await page.getByTestId('document-page').count()).toBeLessThanOrEqual(64);

    await page.keyboard.press('End');
    await renderedCanvas(page, MANY_PAGES).waitFor({ timeout: WAIT_MS });
    const workspace = page.getByTestId('document-workspace');
    expect(await workspace.getAttribute('data-current-page')).toBe(String(MANY_PAGES));
    const atEnd = await canvases(page);
    expect(atEnd.length).toBeLessThanOrEqual(cap);
    expect(atEnd.every((c) => c.page > MANY_PAGES - cap)).toBe(true);

    await page.keyboard.press('PageUp');
    await eventually(() => workspace.getAttribute('data-current-page')).toBe(String(MANY_PAGES - 1));
    await page.getByTestId('document-page-input').fill('5000');
    await page.getByTestId('document-page-input').press('Enter');
    await renderedCanvas(page, 5000).waitFor({ timeout: WAIT_MS });
    await page.getByTestId('document-next').click();
    await eventually(() => workspace.getAttribute('data-current-page')).toBe('5001');
    const inMiddle = await canvases(page);
    expect(inMiddle.length).toBeLessThanOrEqual(cap);
    expect(inMiddle.every((c) => Math.abs(c.page - 5000) <= cap)).toBe(true);
    await screenshot(page, 'document-flow-many-pages');

    // At the largest zoom the column would be far taller than a browser lays out; the end is still reachable.
    const zoomIn = page.getByTestId('document-zoom-in');
    while (await zoomIn.isEnabled()) await zoomIn.click();
    await renderedCanvas(page, 5001).waitFor({ timeout: WAIT_MS });
    expect(await workspace.getAttribute('data-current-page')).toBe('5001');
    await page.keyboard.press('End');
    await renderedCanvas(page, MANY_PAGES).waitFor({ timeout: WAIT_MS });
    expect(await workspace.getAttribute('data-current-page')).toBe(String(MANY_PAGES));
    expect((await canvases(page)).length).toBeLessThanOrEqual(cap);
  }, 90_000);

  it('a 14,400 × 14,400 pt page is rendered whole, scaled down to the canvas caps', async () => {
    const page = await startLabeling(projects.huge);
    await renderedCanvas(page, 1).waitFor({ timeout: WAIT_MS });
    const zoomIn = page.getByTestId('document-zoom-in');
    while (await zoomIn.isEnabled()) await zoomIn.click();
    expect(await page.getByTestId('document-zoom').textContent()).toBe(`${DOCUMENT_LIMITS.maxZoom * 100}%`);
    const cap = DOCUMENT_LIMITS.maxCanvasPixels;
    // At 400% on a DPR-2 screen the page wants far more than the cap; it gets the cap, not less, not more.
    await eventually(async () => {
      const [only] = await canvases(page);
      return only === undefined ? 0 : only.width * only.height;
    }).toBeGreaterThan(0.95 * cap);
    const [shown] = await canvases(page);
    expect(shown).toBeDefined();
    const { width = 0, height = 0 } = shown ?? {};
    expect(width * height).toBeLessThanOrEqual(cap);
    expect(Math.max(width, height)).toBeLessThanOrEqual(DOCUMENT_LIMITS.maxCanvasSide);
    const canvas = renderedCanvas(page, 1);
    await canvas.waitFor({ timeout: WAIT_MS });
    const box = await canvas.evaluate((el) => el.getBoundingClientRect().width * window.devicePixelRatio);
    expect(box).toBeGreaterThan(width); // drawn larger on screen than its backing store: scaled down
    // All four quadrants are on the canvas (the whole page, not a crop): PDF y grows upwards.
    expect(near(await pixelAt(canvas, 0.25, 0.25), rgb255(0.2, 0.4, 0.9))).toBe(true);
    expect(near(await pixelAt(canvas, 0.75, 0.25), rgb255(0.9, 0.8, 0.2))).toBe(true);
    expect(near(await pixelAt(canvas, 0.25, 0.75), rgb255(0.9, 0.3, 0.2))).toBe(true);
    expect(near(await pixelAt(canvas, 0.75, 0.75), rgb255(0.2, 0.6, 0.3))).toBe(true);
    expect(await allCanvasCount(page)).toBe(1);
  }, 90_000);

  it('a corrupt PDF and a missing one each show a clear error; the annotator skips both', async () => {
    const page = await startLabeling(projects.broken);
    const error = page.getByTestId('document-error');
    await error.waitFor({ timeout: WAIT_MS });
    expect(await error.getAttribute('data-kind')).toBe('invalid');
    expect(await error.textContent()).toContain('not a readable PDF');
    expect(await allCanvasCount(page)).toBe(0);
    await screenshot(page, 'document-flow-corrupt');
    const first = await page.getByTestId('label-task').getAttribute('data-task-id');
    await page.getByTestId('skip-task').click();
    await page
      .locator(`[data-testid=label-task]:not([data-task-id="${first}"])`)
      .waitFor({ timeout: WAIT_MS });
    await eventually(() => error.getAttribute('data-kind')).toBe('fetch');
    expect(await error.textContent()).toContain('HTTP 404');
    expect(requested).toContain('missing.pdf');
    await page.getByTestId('skip-task').click();
    await page.getByTestId('queue-empty').waitFor({ timeout: WAIT_MS });
  }, 90_000);
});
