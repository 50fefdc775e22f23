import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, screenshot } from './browser';
import { fontMatrixInjectionPdf, SENTINEL } from './document-flow/fixture-pdfs';
import { seedDocumentProject } from './document-flow/seed-documents';
import { near, pixelAt, renderedCanvas, rgb255, WAIT_MS } from './document-flow/viewer-probe';
import { type E2eServer, startE2eServer, WEB_DIR } from './e2e-server';
import { POLL, tid } from './image-flow/selectors';
import { type SignedInPage, signIn } from './signed-in-page';

/** What the test sees of one response: its URL, status and the headers it checks. */
interface Seen {
  readonly url: string;
  readonly status: number;
  readonly headers: Record<string, string>;
}

/** Records every Content-Security-Policy violation the page reports, from its first script on. */
async function watchCspViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    Reflect.set(window, '__cspViolations', seen);
    document.addEventListener('securitypolicyviolation', (e) => {
      const where = e.sourceFile ? new URL(e.sourceFile).pathname : '(inline)';
      seen.push(`${e.effectiveDirective} blocked ${e.blockedURI} in ${where}`);
    });
  });
  return () => page.evaluate(() => [...((Reflect.get(window, '__cspViolations') as string[]) ?? [])]);
}

/**
 * The whole path of a document through Tessera itself: no `context.route` anywhere. A manager uploads a PDF
 * on the upload page of a document project (`POST /v1/assets` as `application/pdf`, one document task per
 * file), and the annotator's viewer fetches it from `GET /assets/<sha256>.pdf` under the app's CSP.
 */
describe.runIf(browserAvailable(WEB_DIR))('a PDF uploaded to Tessera, shown by the viewer (Chromium)', () => {
  let server: E2eServer;
  let browser: Browser;
  let dir: string;
  const people: SignedInPage[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tessera-e2e-pdf-'));
    [server, browser] = await Promise.all([
      startE2eServer({ admin: 'admin', ann: 'annotator' }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('stores the uploaded PDF as /assets/<sha256>.pdf and the viewer renders it from there, CSP intact', async () => {
    const pdf = fontMatrixInjectionPdf();
    const sha = createHash('sha256').update(pdf).digest('hex');
    const path = join(dir, 'invoice-0001.pdf');
    writeFileSync(path, pdf);
    const project = await seedDocumentProject(server, { name: 'doc-upload', tasks: [], members: ['ann'] });

    const admin = await signIn(browser, server, 'admin');
    people.push(admin);
    const { page } = admin;
    await page.goto(`/projects/${project}/upload`);
    await page.fill(tid('batch-name'), 'scans');
    await page.setInputFiles(tid('upload-images'), [path]);
    await expect.poll(() => page.textContent(tid('upload-selection')), POLL).toBe('1 PDF');
    const uploaded = page.waitForResponse((r) => r.url() === `${server.url}/v1/assets`);
    await page.click(tid('upload-start'));
    const answer = await uploaded;
    expect(answer.request().headers()['content-type']).toBe('application/pdf');
    expect(answer.status()).toBe(201);
    await page.waitForSelector(tid('upload-summary'), { timeout: WAIT_MS });
    expect(await page.textContent(tid('upload-created'))).toBe('1');
    // The one task the page created points at the stored file, as a document without a size.
    const stored = await server.server.ctx.db.client.all<Record<string, unknown>>(
      `SELECT t.type, t.unique_id, i.media_type, i.uri, i.width, i.height, i.content_hash
       FROM tasks t JOIN items i ON i.id = t.item_id WHERE t.org_id = ?`,
      [server.orgId],
    );
    expect(stored).toEqual([
      {
        type: 'documentannotation',
        unique_id: expect.stringMatching(new RegExp(`^pdf:.+:${sha}$`)),
        media_type: 'document',
        uri: `/assets/${sha}.pdf`,
        width: null,
        height: null,
        content_hash: `sha256:${sha}`,
      },
    ]);
    await page.click(tid('batch-scans-finalize'));
    await expect.poll(() => page.textContent(tid('batch-scans-status')), POLL).toBe('in_progress');

    const ann = await signIn(browser, server, 'ann');
    people.push(ann);
    const violations = await watchCspViolations(ann.page);
    const assets: Seen[] = [];
    ann.page.on('response', (r) => {
      if (new URL(r.url()).pathname.startsWith('/assets/')) {
        assets.push({ url: r.url(), status: r.status(), headers: r.headers() });
      }
    });
    const label = await ann.page.goto(`/projects/${project}/label`);
    // The app's own policy is the shipped one: documents may be fetched from this origin only.
    expect(label?.headers()['content-security-policy']).toContain("connect-src 'self'");
    await ann.page.getByTestId('start-labeling').waitFor({ timeout: WAIT_MS });
    // Before any document: the policy refusing eval to the app bundle's start-up probe (TypeBox tries
    // `new Function` once and validates without compiling), which is the CSP at work, and nothing else.
    const atLoad = await violations();
    for (const seen of atLoad)
      expect(seen).toMatch(/^script-src blocked eval in \/static\/index-[\w-]+\.js$/);
    await ann.page.getByTestId('start-labeling').click();
    await ann.page.getByTestId('document-workspace').waitFor({ timeout: WAIT_MS });
    const canvas = renderedCanvas(ann.page, 1);
    await canvas.waitFor({ timeout: WAIT_MS });
    // The page really drew from the stored bytes: the blue band and the embedded font's solid glyph.
    expect(near(await pixelAt(canvas, 300 / 612, 1 - 640 / 792), rgb255(0.18, 0.42, 0.85))).toBe(true);
    expect(near(await pixelAt(canvas, 86 / 612, 1 - 437 / 792), [0, 0, 0], 40)).toBe(true);
    await screenshot(ann.page, 'document-upload-viewer');

    // One fetch of the stored file, answered by Tessera with the headers of a PDF asset.
    expect(assets.map(({ url, status }) => ({ url, status }))).toEqual([
      { url: `${server.url}/assets/${sha}.pdf`, status: 200 },
    ]);
    const names = [
      'content-type',
      'content-disposition',
      'content-security-policy',
      'x-content-type-options',
    ];
    expect(names.map((name) => assets[0]?.headers[name])).toEqual([
      'application/pdf',
      'attachment',
      'sandbox',
      'nosniff',
    ]);
    expect(await ann.page.evaluate((name) => Reflect.get(window, name), SENTINEL)).toBeUndefined();
    // Fetching the PDF from /assets, its worker and its rendering added no violation.
    expect(await violations()).toEqual(atLoad);

    // Navigating to the stored file downloads it: it never renders as a page of this origin.
    const tab = await ann.context.newPage();
    const download = tab.waitForEvent('download', { timeout: WAIT_MS });
    await tab.goto(`/assets/${sha}.pdf`).catch(() => undefined);
    expect((await download).suggestedFilename()).toBe(`${sha}.pdf`);
    await tab.close();

    for (const person of people) expect(person.errors, `errors on ${person.name}'s pages`).toEqual([]);
  }, 90_000);
});
