import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TesseraError } from '@tessera/core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { htmlPdfPolyglot, onePagePdf, pdfOfSize } from './document-fixtures';
import { hasEofMarker, isPdf, PDF_EOF_WINDOW, probeDocument } from './document-probe';
import { checkUpload } from './document-upload-check';

const LIMITS = { maxPixels: 100_000_000, maxFrames: 1_000 };

/** The error `run` fails with, as its code, status and extra fields (a value, so tables compare whole). */
async function refusal(run: () => unknown): Promise<Record<string, unknown>> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof TesseraError)) throw error;
    return { code: error.code, status: error.status, ...error.details };
  }
  throw new Error('expected a refusal');
}

/** `pdf` followed by `trailing` bytes of line feeds after its `%%EOF`. */
const withTrailing = (pdf: Buffer, trailing: number) => Buffer.concat([pdf, Buffer.alloc(trailing, 0x0a)]);

describe('PDF checks (magic bytes and end marker only)', () => {
  it('writes well-formed fixtures: every xref offset points at its object, and sizes are exact', () => {
    for (const pdf of [onePagePdf(), htmlPdfPolyglot(), pdfOfSize(32 * 1024)]) {
      const text = pdf.toString('latin1');
      const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
      expect(text.slice(startxref, startxref + 5)).toBe('xref\n');
      const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
      expect(offsets).toHaveLength(5);
      expect(offsets.map((offset) => text.slice(offset, text.indexOf('\n', offset)))).toEqual(
        offsets.map((_, i) => `${i + 1} 0 obj`),
      );
    }
    for (const size of [1_000, 9_999, 10_000, 32 * 1024 - 1, 32 * 1024, 32 * 1024 + 1]) {
      expect(pdfOfSize(size).length).toBe(size);
    }
  });

  it('knows a PDF by `%PDF-` at offset 0 only', () => {
    expect(isPdf(onePagePdf())).toBe(true);
    expect(isPdf(Buffer.from('%PDF-'))).toBe(true);
    for (const other of [
      '%PDF',
      ' %PDF-1.7',
      '\ufeff%PDF-1.7',
      '%pdf-1.7',
      '',
      'PDF-1.7',
      '<html>%PDF-1.7',
    ]) {
      expect(isPdf(Buffer.from(other)), JSON.stringify(other)).toBe(false);
    }
  });

  it('wants a whole %%EOF within the last 1,024 bytes', () => {
    const pdf = onePagePdf();
    expect(PDF_EOF_WINDOW).toBe(1024);
    // `%%EOF\n` ends the file: the marker starts 6 bytes before the end.
    const lastFits = PDF_EOF_WINDOW - 6;
    expect(hasEofMarker(withTrailing(pdf, lastFits))).toBe(true);
    expect(hasEofMarker(withTrailing(pdf, lastFits + 1))).toBe(false);
    expect(hasEofMarker(pdf.subarray(0, pdf.length - 2))).toBe(false); // `%%EO`
    expect(hasEofMarker(Buffer.from('%%EOF'))).toBe(true);
    expect(hasEofMarker(Buffer.alloc(0))).toBe(false);
  });

  it('refuses a truncated PDF (422 document_corrupt) and a PDF declared as anything else (415)', async () => {
    const pdf = onePagePdf();
    expect(probeDocument(pdf, 'application/pdf')).toEqual({ format: 'pdf' });
    expect(await refusal(() => probeDocument(pdf.subarray(0, pdf.length / 2), 'application/pdf'))).toEqual({
      code: 'document_corrupt',
      status: 422,
      eof_window: 1024,
    });
    expect(await refusal(() => probeDocument(pdf, 'image/png'))).toEqual({
      code: 'content_type_mismatch',
      status: 415,
      declared_type: 'image/png',
      detected_type: 'application/pdf',
    });
  });
});

describe('checkUpload: the bytes decide what a file is, the declared type must agree', () => {
  it('checks the magic/declared matrix of PDFs and images exactly', async () => {
    const pdf = onePagePdf();
    const images = {
      'image/png': await sharp({ create: { width: 6, height: 4, channels: 3, background: '#c33' } })
        .png()
        .toBuffer(),
      'image/jpeg': await sharp({ create: { width: 6, height: 4, channels: 3, background: '#3c3' } })
        .jpeg()
        .toBuffer(),
      'image/webp': await sharp({ create: { width: 6, height: 4, channels: 3, background: '#33c' } })
        .webp()
        .toBuffer(),
    };
    expect(await checkUpload(pdf, 'application/pdf', LIMITS)).toEqual({
      extension: 'pdf',
      width: null,
      height: null,
    });
    for (const [type, bytes] of Object.entries(images)) {
      expect((await checkUpload(bytes, type, LIMITS)).width).toBe(6);
      // An image declared as a PDF, and a PDF declared as that image type: each names what the bytes are.
      expect(await refusal(() => checkUpload(bytes, 'application/pdf', LIMITS))).toEqual({
        code: 'content_type_mismatch',
        status: 415,
        declared_type: 'application/pdf',
        detected_type: type,
      });
      expect(await refusal(() => checkUpload(pdf, type, LIMITS))).toEqual({
        code: 'content_type_mismatch',
        status: 415,
        declared_type: type,
        detected_type: 'application/pdf',
      });
    }
    const gif = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    for (const other of [
      Buffer.from('<!doctype html><p>hi'),
      gif,
      Buffer.from(' %PDF-1.7\n%%EOF\n'),
      Buffer.alloc(0),
    ]) {
      expect(await refusal(() => checkUpload(other, 'application/pdf', LIMITS))).toEqual({
        code: 'unsupported_media_type',
        status: 415,
      });
    }
  });

  it('takes an HTML polyglot that starts with %PDF- only as a PDF', async () => {
    const polyglot = htmlPdfPolyglot();
    expect(polyglot.includes('<script>')).toBe(true);
    expect(await checkUpload(polyglot, 'application/pdf', LIMITS)).toEqual({
      extension: 'pdf',
      width: null,
      height: null,
    });
    expect(await refusal(() => checkUpload(polyglot, 'image/png', LIMITS))).toMatchObject({
      code: 'content_type_mismatch',
      detected_type: 'application/pdf',
    });
  });

  it('stays without a PDF library: the server package depends on none', () => {
    const manifest = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'),
    ) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => /pdf|poppler|mupdf|ghostscript|canvas/i.test(name))).toEqual([]);
  });
});
