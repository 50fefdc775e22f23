import { testDatabases } from '@tessera/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onePagePdf, pdfOfSize } from './document-fixtures';
import { type DocumentWorkspace, documentWorkspace, MAX_FILE, png, sha } from './document-test-kit';
import { type FormPart, stagingLeft } from './multipart-test-kit';

describe.each(testDatabases())('PDFs at the size limit and in forms on $dialect', (db) => {
  let w: DocumentWorkspace;
  beforeAll(async () => {
    w = await documentWorkspace(db);
  });
  afterAll(async () => w?.dispose());

  it('takes a PDF of the per-file limit or one byte less, and refuses one byte more with 413 (raw and as a part)', async () => {
    const before = w.files();
    const [under, exact, over] = [MAX_FILE - 1, MAX_FILE, MAX_FILE + 1].map((n) => pdfOfSize(n, `size ${n}`));
    for (const pdf of [under, exact] as Buffer[]) {
      const res = await w.raw(pdf, 'application/pdf');
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ bytes: pdf.length, width: null });
    }
    const tooBig = await w.raw(over as Buffer, 'application/pdf');
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json()).toMatchObject({ code: 'payload_too_large' });
    const rawStored = [under, exact].map((pdf) => `${sha(pdf as Buffer)}.pdf`);
    expect(w.files()).toEqual([...before, ...rawStored].sort());

    const parts = [under, exact].map((pdf, i) => ({
      filename: `p${i}.pdf`,
      type: 'application/pdf',
      data: pdf as Buffer,
    }));
    const asParts = await w.form(parts);
    expect(asParts.statusCode, asParts.body).toBe(201);
    expect(asParts.json().assets.map((a: { bytes: number }) => a.bytes)).toEqual([MAX_FILE - 1, MAX_FILE]);
    const overPart = await w.form([{ filename: 'over.pdf', type: 'application/pdf', data: over as Buffer }]);
    expect(overPart.statusCode).toBe(413);
    expect(overPart.json()).toMatchObject({ code: 'file_too_large', part: 0, name: 'over.pdf' });
    expect(w.files()).toEqual([...before, ...rawStored].sort());
    expect(stagingLeft(w.dataDir)).toEqual([]);
  });

  it('stores a form mixing images and a PDF all or nothing', async () => {
    const [a, b] = await Promise.all([png(3), png(4)]);
    const pdf = onePagePdf({ text: 'in a form' });
    const broken = onePagePdf({ text: 'cut short' }).subarray(0, 300);
    const before = w.files();
    const refusals: readonly [FormPart[], Record<string, unknown>][] = [
      [
        [
          { filename: 'a.png', type: 'image/png', data: a },
          { filename: 'cut.pdf', type: 'application/pdf', data: broken },
        ],
        { status: 422, code: 'document_corrupt', part: 1, name: 'cut.pdf' },
      ],
      [
        [
          { filename: 'doc.png', type: 'image/png', data: pdf },
          { filename: 'b.png', type: 'image/png', data: b },
        ],
        {
          status: 415,
          code: 'content_type_mismatch',
          part: 0,
          name: 'doc.png',
          detected_type: 'application/pdf',
        },
      ],
      [
        [
          { filename: 'a.png', type: 'image/png', data: a },
          { filename: 'page.pdf', type: 'application/pdf', data: Buffer.from('<html><script>1</script>') },
        ],
        { status: 415, code: 'unsupported_media_type', part: 1, name: 'page.pdf' },
      ],
    ];
    for (const [parts, expected] of refusals) {
      const res = await w.form(parts);
      expect({ status: res.statusCode, ...res.json() }).toMatchObject(expected);
      expect(w.files()).toEqual(before);
      expect(stagingLeft(w.dataDir)).toEqual([]);
    }
    const res = await w.form([
      { filename: 'a.png', type: 'image/png', data: a },
      { filename: 'scan.pdf', type: 'application/pdf', data: pdf },
      { filename: 'b.png', type: 'image/png', data: b },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().assets).toStrictEqual([
      {
        name: 'a.png',
        uri: `/assets/${sha(a)}.png`,
        width: 12,
        height: 8,
        content_hash: `sha256:${sha(a)}`,
        bytes: a.length,
      },
      {
        name: 'scan.pdf',
        uri: `/assets/${sha(pdf)}.pdf`,
        width: null,
        height: null,
        content_hash: `sha256:${sha(pdf)}`,
        bytes: pdf.length,
      },
      {
        name: 'b.png',
        uri: `/assets/${sha(b)}.png`,
        width: 12,
        height: 8,
        content_hash: `sha256:${sha(b)}`,
        bytes: b.length,
      },
    ]);
    expect(w.files()).toEqual([...before, `${sha(a)}.png`, `${sha(pdf)}.pdf`, `${sha(b)}.png`].sort());
  });
});

describe.each(testDatabases())('PDF uploads and the storage quota on $dialect', (db) => {
  it('charges a PDF like an image: a form of an image and a PDF over the quota stores neither', async () => {
    const image = await png(5);
    const pdf = onePagePdf({ text: 'quota' });
    const w = await documentWorkspace(db, image.length + pdf.length - 1);
    try {
      const count = async (table: string) =>
        Number(
          (
            await w.t.ctx.db.client.all<{ n: number }>(
              `SELECT COUNT(*) AS n FROM ${table} WHERE org_id = ?`,
              [w.acme.orgId],
            )
          )[0]?.n,
        );
      const refused = await w.form([
        { filename: 'a.png', type: 'image/png', data: image },
        { filename: 'b.pdf', type: 'application/pdf', data: pdf },
      ]);
      expect(refused.statusCode, refused.body).toBe(413);
      expect(refused.json()).toMatchObject({
        code: 'quota_exceeded',
        quota: 'asset_bytes',
        limit: image.length + pdf.length - 1,
        used: image.length,
        requested: pdf.length,
      });
      expect(await count('org_assets')).toBe(0);
      expect(await count('quota_reservations')).toBe(0);
      expect(w.files()).toEqual([]);

      const alone = await w.raw(pdf, 'application/pdf');
      expect(alone.statusCode, alone.body).toBe(201);
      expect(await w.charged(w.acme.orgId)).toEqual([{ file: `${sha(pdf)}.pdf`, bytes: pdf.length }]);
      const full = await w.raw(image, 'image/png');
      expect(full.statusCode).toBe(413);
      expect(full.json()).toMatchObject({
        code: 'quota_exceeded',
        used: pdf.length,
        requested: image.length,
      });
      // The same PDF again is the same file: charged once, so it still fits.
      expect((await w.raw(pdf, 'application/pdf')).statusCode).toBe(201);
      expect(w.files()).toEqual([`${sha(pdf)}.pdf`]);
    } finally {
      await w.dispose();
    }
  });
});
