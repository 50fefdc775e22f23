import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabases } from '@tessera/db';
import type { AssetContentType } from '@tessera/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from './client';
import { TesseraApiError } from './errors';
import { type LiveServer, startLiveServer } from './testing/live-server';

/** A one-page PDF written by hand (each cross-reference offset is the byte offset of its object). */
const PDF = Buffer.from(
  [
    '%PDF-1.7',
    '%\u00e2\u00e3\u00cf\u00d3',
    '1 0 obj',
    '<< /Type /Catalog /Pages 2 0 R >>',
    'endobj',
    '2 0 obj',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    'endobj',
    '3 0 obj',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    'endobj',
    '4 0 obj',
    '<< /Length 34 >>',
    'stream',
    'BT /F1 24 Tf 72 700 Td (SDK) Tj ET',
    'endstream',
    'endobj',
    '5 0 obj',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    'endobj',
    'xref',
    '0 6',
    '0000000000 65535 f ',
    '0000000015 00000 n ',
    '0000000064 00000 n ',
    '0000000121 00000 n ',
    '0000000247 00000 n ',
    '0000000331 00000 n ',
    'trailer',
    '<< /Size 6 /Root 1 0 R >>',
    'startxref',
    '401',
    '%%EOF',
    '',
  ].join('\n'),
  'latin1',
);

/** A 2×1 RGB PNG (a red and a black pixel). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAADElEQVR42mP4zwACAAYBAQBBCI/xAAAAAElFTkSuQmCC',
  'base64',
);

describe.each(testDatabases().slice(0, 1))('client PDF uploads on $dialect', (db) => {
  let server: LiveServer;
  afterEach(async () => server?.dispose());

  it('uploads a PDF raw and in a form with images; the answer has no size; a cut PDF is a typed refusal', async () => {
    server = await startLiveServer(db, { dataDir: mkdtempSync(join(tmpdir(), 'tessera-client-pdf-')) });
    const acme = await server.t.tenant();
    const client = createClient({ baseUrl: server.url, apiKey: acme.adminKey });
    const pdfType: AssetContentType = 'application/pdf';
    expect(PDF.toString('latin1', 401, 406)).toBe('xref\n'); // startxref points at the table

    const asset = await client.uploadAsset(new Uint8Array(PDF), pdfType);
    expect(asset).toMatchObject({ width: null, height: null, bytes: PDF.length });
    expect(asset.uri).toMatch(/^\/assets\/[0-9a-f]{64}\.pdf$/);
    const served = await fetch(`${server.url}${asset.uri}`);
    expect(served.headers.get('content-type')).toBe('application/pdf');
    expect(served.headers.get('content-disposition')).toBe('attachment');
    expect(Buffer.from(await served.arrayBuffer()).equals(PDF)).toBe(true);

    const form = await client.uploadAssets([
      { name: 'pixel.png', type: 'image/png', bytes: new Uint8Array(PNG) },
      { name: 'scan.pdf', type: pdfType, bytes: new Blob([new Uint8Array(PDF)]) },
    ]);
    expect(form.assets.map((a) => [a.name, a.width, a.height, a.uri === asset.uri])).toEqual([
      ['pixel.png', 2, 1, false],
      ['scan.pdf', null, null, true],
    ]);

    const refused = await client
      .uploadAsset(new Uint8Array(PDF.subarray(0, 200)), pdfType)
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TesseraApiError);
    expect((refused as TesseraApiError).status).toBe(422);
    expect((refused as TesseraApiError).code).toBe('document_corrupt');
  });
});
