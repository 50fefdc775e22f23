import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { testDatabases } from '@tessera/db';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlPdfPolyglot } from '../assets/document-fixtures';
import { isPdf } from '../assets/document-probe';
import { sniffImageFormat } from '../assets/image-container';
import { type AssetWorkspace, assetWorkspace } from '../testing/asset-workspace';
import type { TestApp, TestTenant } from '../testing/test-app';
import { polyglotGifScript } from './image-bombs';

const SCRIPT = '<script>globalThis.pwned = 1</script>';
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8" onload="globalThis.pwned = 1">${SCRIPT}<rect width="8" height="8"/></svg>`;
const HTML = `<!doctype html><html><body><img src=x onerror="globalThis.pwned = 1">${SCRIPT}</body></html>`;

/**
 * What a browser may be handed from /assets: image types and plain text, nothing it renders as a page, and
 * PDFs only as attachments (a browser navigating to one downloads it; its PDF viewer runs scripts).
 */
const SERVED_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'text/plain; charset=utf-8'];
const ATTACHMENT_TYPES = ['application/pdf'];
const EXECUTABLE = /html|svg|xml|javascript|ecmascript|css/i;
const EXTENSION_OF = { png: 'png', jpeg: 'jpg', webp: 'webp' } as const;

/**
 * The rule every 200 from /assets keeps: an image or plain text served inline, or a PDF as an attachment;
 * always `nosniff` and `Content-Security-Policy: sandbox`.
 */
function expectSafelyServed(headers: Record<string, unknown>, what: string): void {
  const type = String(headers['content-type']);
  expect([...SERVED_TYPES, ...ATTACHMENT_TYPES], what).toContain(type);
  expect(headers['content-disposition'], what).toBe(
    ATTACHMENT_TYPES.includes(type) ? 'attachment' : undefined,
  );
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['content-security-policy'], what).toBe('sandbox');
}

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 20, g: 120, b: 220 } } });

/** A real PNG with a script tag in its EXIF and a whole HTML page after its end. */
async function pngWithMarkup(): Promise<Buffer> {
  const png = await solid(6, 6)
    .png()
    .withExif({ IFD0: { ImageDescription: SCRIPT } })
    .toBuffer();
  return Buffer.concat([png, Buffer.from(HTML)]);
}

/** A real JPEG whose EXIF description is a script tag. */
const jpegWithMarkup = () =>
  solid(6, 6)
    .jpeg()
    .withExif({ IFD0: { ImageDescription: HTML } })
    .toBuffer();

describe.each(testDatabases().slice(0, 1))('U7 stored XSS via uploads on $dialect', (db) => {
  let w: AssetWorkspace;
  let t: TestApp;
  let acme: TestTenant;
  const assetsDir = () => w.assetsDir;
  const files = () => w.files();

  beforeAll(async () => {
    w = await assetWorkspace(db, 'u7');
    ({ t, acme } = w);
  });
  afterAll(async () => w?.dispose());

  const upload = (payload: Buffer, type: string | null) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/assets',
      headers: {
        authorization: `Bearer ${acme.adminKey}`,
        ...(type === null ? {} : { 'content-type': type }),
      },
      payload,
    });

  it('refuses SVG, HTML (also sent as a PNG or a PDF), a GIF/JS polyglot and an HTML/PDF polyglot sent as HTML with 415, and stores nothing', async () => {
    const polyglot = polyglotGifScript();
    // The polyglot is real: an image decoder reads a GIF, a script engine runs it.
    expect((await sharp(polyglot).metadata()).format).toBe('gif');
    const sandbox: Record<string, unknown> = {};
    runInNewContext(polyglot.toString('latin1'), sandbox);
    expect(sandbox.pwned).toBe(1);

    const cases: readonly [string, Buffer, string | null][] = [
      ['SVG', Buffer.from(SVG), 'image/svg+xml'],
      ['SVG sent as PNG', Buffer.from(SVG), 'image/png'],
      [
        'SVG with an XML declaration sent as WebP',
        Buffer.from(`<?xml version="1.0"?>\n${SVG}`),
        'image/webp',
      ],
      ['HTML', Buffer.from(HTML), 'text/html'],
      ['HTML renamed .png', Buffer.from(HTML), 'image/png'],
      ['HTML with a BOM sent as JPEG', Buffer.from(`\ufeff${HTML}`), 'image/jpeg'],
      ['XHTML', Buffer.from(HTML), 'application/xhtml+xml'],
      ['GIF/JS polyglot', polyglot, 'image/gif'],
      ['GIF/JS polyglot sent as PNG', polyglot, 'image/png'],
      ['GIF/JS polyglot sent as script', polyglot, 'text/javascript'],
      ['HTML without a Content-Type', Buffer.from(HTML), null],
      ['HTML/PDF polyglot sent as HTML', htmlPdfPolyglot(), 'text/html'],
      ['HTML/PDF polyglot sent as XHTML', htmlPdfPolyglot(), 'application/xhtml+xml'],
      ['HTML/PDF polyglot without a Content-Type', htmlPdfPolyglot(), null],
      ['HTML sent as PDF', Buffer.from(HTML), 'application/pdf'],
      ['SVG sent as PDF', Buffer.from(SVG), 'application/pdf'],
      ['GIF/JS polyglot sent as PDF', polyglot, 'application/pdf'],
    ];
    for (const [name, payload, type] of cases) {
      const res = await upload(payload, type);
      expect({ name, status: res.statusCode, code: res.json().code }).toEqual({
        name,
        status: 415,
        code: 'unsupported_media_type',
      });
    }
    expect(files()).toEqual([]);
    console.log(
      `[U7] ${cases.length} script-bearing uploads: all 415 unsupported_media_type, nothing stored`,
    );
  });

  it('refuses a file declared as another image type or as a PDF (415 content_type_mismatch) and stores it under its sniffed type', async () => {
    const images = {
      'image/png': await solid(9, 5).png().toBuffer(),
      'image/jpeg': await solid(9, 5).jpeg().toBuffer(),
      'image/webp': await solid(9, 5).webp().toBuffer(),
      'application/pdf': htmlPdfPolyglot(),
    };
    for (const [actual, bytes] of Object.entries(images)) {
      for (const declared of Object.keys(images).filter((type) => type !== actual)) {
        const res = await upload(bytes, declared);
        expect({ actual, declared, status: res.statusCode, body: res.json() }).toMatchObject({
          actual,
          declared,
          status: 415,
          body: { code: 'content_type_mismatch', declared_type: declared, detected_type: actual },
        });
        expect(res.json().detail).toContain(`send it as ${actual}`);
      }
      expect(files()).toEqual([]);
    }
    for (const [type, bytes] of Object.entries(images)) {
      const res = await upload(bytes, type);
      expect(res.statusCode, res.body).toBe(201);
      const format = sniffImageFormat(bytes);
      const extension = format === null ? (isPdf(bytes) ? 'pdf' : null) : EXTENSION_OF[format];
      expect(res.json().uri).toMatch(new RegExp(`^/assets/[0-9a-f]{64}\\.${extension}$`));
    }
  });

  it('stores images and PDFs that carry markup only as what they are, and serves every stored file by that rule', async () => {
    for (const [bytes, type] of [
      [await pngWithMarkup(), 'image/png'],
      [await jpegWithMarkup(), 'image/jpeg'],
      [htmlPdfPolyglot(), 'application/pdf'],
    ] as const) {
      expect(bytes.includes('<script>')).toBe(true);
      const res = await upload(bytes, type);
      expect(res.statusCode, res.body).toBe(201);
    }
    const stored = files();
    expect(stored.length).toBeGreaterThanOrEqual(5);
    for (const file of stored) {
      const bytes = readFileSync(join(assetsDir(), file));
      const format = sniffImageFormat(bytes);
      const served = await t.app.inject({ method: 'GET', url: `/assets/${file}` });
      expect(served.statusCode).toBe(200);
      if (format === null) {
        // Not an image: only a PDF (by its magic bytes) is ever stored, and it is served as an attachment.
        expect(isPdf(bytes), file).toBe(true);
        expect(file).toMatch(/^[0-9a-f]{64}\.pdf$/);
        expect(served.headers['content-type']).toBe('application/pdf');
      } else {
        expect(file).toMatch(new RegExp(`^[0-9a-f]{64}\\.${EXTENSION_OF[format]}$`));
        expect(served.headers['content-type']).toMatch(/^image\/(png|jpeg|webp)$/);
      }
      expectSafelyServed(served.headers, file);
    }
  });

  it('serves no /assets path as HTML, SVG, XML or script, whatever is on disk (a PDF only as an attachment)', async () => {
    const names = ['x.html', 'x.htm', 'X.HTML', 'x.xhtml', 'x.shtml', 'x.svg', 'x.SVG', 'x.svgz', 'x.xml'];
    const scripts = [
      'x.js',
      'x.mjs',
      'x.css',
      'x',
      'x.png.html',
      'x.html.txt',
      'page.png',
      'x.html.pdf',
      'x.pdf.html',
    ];
    for (const name of [...names, ...scripts]) writeFileSync(join(assetsDir(), name), HTML);
    writeFileSync(join(assetsDir(), 'x.svg.png'), SVG);
    const urls = [
      ...[...names, ...scripts, 'x.svg.png'].map((name) => `/assets/${name}`),
      '/assets/x.svg%00.png',
      '/assets/x.svg%3F.png',
      '/assets/x.svg;.png',
      '/assets/x.svg%2F..%2Fpage.png',
      '/assets/page.png%2F..%2Fx.svg',
      '/assets/x.html/',
      '/assets/x.html?as=.png',
      '/assets/%2e%2e%2fassets%2fx.html',
      '/assets/x.svg%20',
      '/assets/x.html.',
      '/assets/x.html.pdf%00.html',
      '/assets/x.html.PDF',
    ];
    const served: string[] = [];
    for (const url of urls) {
      const res = await t.app.inject({ method: 'GET', url });
      const type = String(res.headers['content-type'] ?? '');
      expect(EXECUTABLE.test(type), `${url} → ${type}`).toBe(false);
      if (res.statusCode === 200) {
        served.push(url);
        expectSafelyServed(res.headers, url);
      } else {
        expect(res.statusCode, url).toBe(404);
      }
    }
    console.log(
      `[U7] ${urls.length} /assets paths over ${names.length + scripts.length + 1} planted files: ${served.length} served (${served.join(', ')}), the rest 404`,
    );
    // Only the files named as images, text or PDFs come back, as images, text or PDF attachments (nosniff:
    // never rendered as a page).
    expect(served.sort()).toEqual([
      '/assets/page.png',
      '/assets/x.html.pdf',
      '/assets/x.html.txt',
      '/assets/x.svg.png',
    ]);
  });
});
