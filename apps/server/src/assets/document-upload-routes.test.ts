import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testDatabases } from '@tessera/db';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZip } from './archive-fixtures';
import { htmlPdfPolyglot, onePagePdf } from './document-fixtures';
import { type DocumentWorkspace, documentWorkspace, png, servedHeaders, sha } from './document-test-kit';

const PDF = 'application/pdf';

describe.each(testDatabases())('PDF uploads and GET /assets/<sha>.pdf on $dialect', (db) => {
  let w: DocumentWorkspace;
  beforeAll(async () => {
    w = await documentWorkspace(db);
  });
  afterAll(async () => w?.dispose());

  it('stores a PDF as <sha256>.pdf with null width and height, charges it once, and serves it as an attachment', async () => {
    const pdf = onePagePdf({ text: 'stored once' });
    const first = await w.raw(pdf, 'application/pdf');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toStrictEqual({
      uri: `/assets/${sha(pdf)}.pdf`,
      width: null,
      height: null,
      content_hash: `sha256:${sha(pdf)}`,
      bytes: pdf.length,
    });
    const again = await w.raw(pdf, 'application/pdf; charset=binary');
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toStrictEqual(first.json());
    expect(w.files()).toEqual([`${sha(pdf)}.pdf`]);
    expect(readFileSync(join(w.dataDir, 'assets', `${sha(pdf)}.pdf`)).equals(pdf)).toBe(true);
    expect(await w.charged(w.acme.orgId)).toEqual([{ file: `${sha(pdf)}.pdf`, bytes: pdf.length }]);

    const served = await w.t.app.inject({ method: 'GET', url: `/assets/${sha(pdf)}.pdf` });
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.equals(pdf)).toBe(true);
    expect(servedHeaders(served)).toStrictEqual({
      'content-type': 'application/pdf',
      'content-disposition': 'attachment',
      'x-content-type-options': 'nosniff',
      'content-security-policy': 'sandbox',
      'cache-control': 'public, max-age=3600',
      'content-length': String(pdf.length),
    });
    const head = await w.t.app.inject({ method: 'HEAD', url: `/assets/${sha(pdf)}.pdf` });
    expect(head.statusCode).toBe(200);
    expect(servedHeaders(head)).toStrictEqual(servedHeaders(served));
    // The image path sends the same headers but the attachment (neither has ETag or Range support).
    const image = await w.raw(await png(1), 'image/png');
    const servedImage = await w.t.app.inject({ method: 'GET', url: image.json().uri });
    const { 'content-disposition': _, ...pdfRest } = servedHeaders(served);
    expect(Object.keys(servedHeaders(servedImage)).sort()).toEqual(Object.keys(pdfRest).sort());
    expect(servedImage.headers['accept-ranges']).toBeUndefined();
    expect(servedImage.headers.etag).toBeUndefined();
  });

  it('checks the declared type against the magic bytes both ways, and stores nothing refused', async () => {
    const pdf = onePagePdf({ text: 'matrix' });
    const image = await png(2);
    const jpeg = await sharp(image).jpeg().toBuffer();
    const before = w.files();
    const mismatch = (detected: string) => ({
      status: 415,
      code: 'content_type_mismatch',
      detected_type: detected,
    });
    const unsupported = { status: 415, code: 'unsupported_media_type' };
    const corrupt = { status: 422, code: 'document_corrupt' };
    const html = Buffer.from('<!doctype html><script>1</script>');
    const cases: readonly [string, Buffer, string | null, Record<string, string | number>][] = [
      ['PDF as PNG', pdf, 'image/png', mismatch(PDF)],
      ['PDF as JPEG', pdf, 'image/jpeg', mismatch(PDF)],
      ['PDF as WebP', pdf, 'image/webp', mismatch(PDF)],
      ['PNG as PDF', image, PDF, mismatch('image/png')],
      ['JPEG as PDF', jpeg, PDF, mismatch('image/jpeg')],
      ['PDF as octet-stream', pdf, 'application/octet-stream', unsupported],
      ['PDF as x-pdf', pdf, 'application/x-pdf', unsupported],
      ['PDF as HTML', pdf, 'text/html', unsupported],
      ['PDF without a type', pdf, null, unsupported],
      ['HTML as PDF', html, PDF, unsupported],
      ['space before %PDF-', Buffer.concat([Buffer.from(' '), pdf]), PDF, unsupported],
      ['empty body as PDF', Buffer.alloc(0), PDF, unsupported],
      ['PDF cut in half', pdf.subarray(0, pdf.length >> 1), PDF, corrupt],
      ['PDF without its last two bytes', pdf.subarray(0, pdf.length - 2), PDF, corrupt],
    ];
    for (const [name, payload, type, expected] of cases) {
      const res = await w.raw(payload, type);
      expect({ name, status: res.statusCode, ...res.json() }).toMatchObject({ name, ...expected });
      if (expected.code === 'content_type_mismatch') expect(res.json().declared_type).toBe(type);
    }
    expect(w.files()).toEqual(before);
    // `%%EOF` must lie within the last 1,024 bytes: followed by 1,018 bytes it does, by 1,019 it does not.
    const near = Buffer.concat([pdf, Buffer.alloc(1_018, 0x0a)]);
    const far = Buffer.concat([pdf, Buffer.alloc(1_019, 0x0a)]);
    expect((await w.raw(far, 'application/pdf')).json()).toMatchObject({ code: 'document_corrupt' });
    expect(w.files()).toEqual(before);
    expect((await w.raw(near, 'APPLICATION/PDF')).statusCode).toBe(201);
    expect(w.files()).toEqual([...before, `${sha(near)}.pdf`].sort());
  });

  it('stores an HTML/JS polyglot that starts with %PDF- only as a PDF, served as an attachment', async () => {
    const polyglot = htmlPdfPolyglot();
    for (const type of ['text/html', 'application/xhtml+xml', 'image/svg+xml']) {
      expect((await w.raw(polyglot, type)).json()).toMatchObject({ code: 'unsupported_media_type' });
    }
    const stored = await w.raw(polyglot, 'application/pdf');
    expect(stored.statusCode, stored.body).toBe(201);
    expect(stored.json().uri).toBe(`/assets/${sha(polyglot)}.pdf`);
    const served = await w.t.app.inject({ method: 'GET', url: stored.json().uri });
    expect(served.rawPayload.toString('latin1')).toContain('<script>');
    expect(served.headers['content-type']).toBe('application/pdf');
    expect(served.headers['content-disposition']).toBe('attachment');
    expect(served.headers['content-security-policy']).toBe('sandbox');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
  });

  it('keeps archives image-only: a .pdf entry is 415 unsupported_media_type and nothing is stored', async () => {
    const before = w.files();
    const res = await w.t.app.inject({
      method: 'POST',
      url: '/v1/assets/archive',
      headers: { authorization: `Bearer ${w.acme.adminKey}`, 'content-type': 'application/zip' },
      payload: buildZip([{ name: 'docs/scan.pdf', data: onePagePdf({ text: 'zipped' }) }]),
    });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ code: 'unsupported_media_type', entry: 'docs/scan.pdf' });
    expect(w.files()).toEqual(before);
  });
});
