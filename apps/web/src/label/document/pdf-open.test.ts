import { describe, expect, it } from 'vitest';
import {
  documentParams,
  fetchPdfBytes,
  MAX_IMAGE_PIXELS,
  PDF_OPEN_OPTIONS,
  type PdfProblem,
  problemOfPdfError,
} from './pdf-open';

const encoder = new TextEncoder();

/** A one-page PDF with a correct cross-reference table (offsets counted here). */
function onePagePdf(): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>',
  ];
  let text = '%PDF-1.7\n';
  const offsets = objects.map((body, i) => {
    const at = text.length;
    text += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = text.length;
  text += `xref\n0 4\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  text += `trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return encoder.encode(text);
}

/** A body of `chunks` chunks of `size` bytes that records how many were pulled and whether it was cancelled. */
function countedBody(chunks: number, size: number) {
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled === chunks) return controller.close();
      seen.pulled += 1;
      controller.enqueue(new Uint8Array(size).fill(0x25));
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { stream, seen };
}

const fetchOf = (response: () => Response) => async () => response();
const signal = new AbortController().signal;

describe('PDF_OPEN_OPTIONS', () => {
  it('never lets PDF.js evaluate strings (CVE-2024-4367) and keeps XFA and font weakening off', () => {
    expect(PDF_OPEN_OPTIONS.isEvalSupported).toBe(false);
    expect(PDF_OPEN_OPTIONS.enableXfa).toBe(false);
    expect(PDF_OPEN_OPTIONS.disableFontFace).toBe(false);
    expect(PDF_OPEN_OPTIONS.fontExtraProperties).toBe(false);
    expect(PDF_OPEN_OPTIONS.pdfBug).toBe(false);
    expect(PDF_OPEN_OPTIONS.maxImageSize).toBe(MAX_IMAGE_PIXELS);
    expect(Object.isFrozen(PDF_OPEN_OPTIONS)).toBe(true);
  });

  it('every document is opened with those options', () => {
    const data = onePagePdf();
    const params = documentParams(data, undefined);
    expect(params.isEvalSupported).toBe(false);
    expect(params).toEqual({ ...PDF_OPEN_OPTIONS, data, worker: undefined });
  });

  it('PDF.js accepts them: a PDF opens, a corrupt one is an `invalid` problem (real pdfjs-dist, Node build)', async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument(documentParams(onePagePdf(), undefined)).promise;
    expect(doc.numPages).toBe(1);
    expect((await doc.getPage(1)).view).toEqual([0, 0, 200, 100]);
    await doc.destroy();
    const corrupt = encoder.encode(`%PDF-1.7\n${'no objects, no trailer\n'.repeat(30)}`);
    const refused = await pdfjs.getDocument(documentParams(corrupt, undefined)).promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(problemOfPdfError(refused)).toEqual({ kind: 'invalid', detail: 'Invalid PDF structure.' });
  });
});

describe('fetchPdfBytes', () => {
  it('returns the whole body', async () => {
    const bytes = onePagePdf();
    const got = await fetchPdfBytes('/doc.pdf', {
      fetch: fetchOf(() => new Response(bytes.slice())),
      signal,
      maxBytes: 1 << 20,
    });
    expect(got).toEqual({ ok: true, bytes });
  });

  it('an HTTP error or a network failure is a fetch problem', async () => {
    const missing = await fetchPdfBytes('/gone.pdf', {
      fetch: fetchOf(() => new Response('not here', { status: 404, statusText: 'Not Found' })),
      signal,
      maxBytes: 1 << 20,
    });
    expect(missing).toEqual({ ok: false, problem: { kind: 'fetch', status: 404, detail: 'Not Found' } });
    const down = await fetchPdfBytes('/doc.pdf', {
      fetch: async () => Promise.reject(new TypeError('Failed to fetch')),
      signal,
      maxBytes: 1 << 20,
    });
    expect(down).toEqual({ ok: false, problem: { kind: 'fetch', status: null, detail: 'Failed to fetch' } });
  });

  it('refuses a declared length over the cap without reading the body', async () => {
    const { stream, seen } = countedBody(100, 1024);
    const got = await fetchPdfBytes('/big.pdf', {
      fetch: fetchOf(() => new Response(stream, { headers: { 'content-length': String(10 * 1024 ** 3) } })),
      signal,
      maxBytes: 64 * 1024,
    });
    const tooLarge: PdfProblem = { kind: 'too-large', limit: 64 * 1024 };
    expect(got).toEqual({ ok: false, problem: tooLarge });
    expect(seen.cancelled).toBe(true);
    expect(seen.pulled).toBeLessThanOrEqual(1);
  });

  it('stops an undeclared body as soon as it passes the cap', async () => {
    const { stream, seen } = countedBody(10_000, 1024);
    const got = await fetchPdfBytes('/endless.pdf', {
      fetch: fetchOf(() => new Response(stream)),
      signal,
      maxBytes: 64 * 1024,
    });
    expect(got).toEqual({ ok: false, problem: { kind: 'too-large', limit: 64 * 1024 } });
    expect(seen.cancelled).toBe(true);
    // 65 chunks cross the cap; the stream may have queued one more ahead of the reader.
    expect(seen.pulled).toBeLessThanOrEqual(66);
  });
});

describe('problemOfPdfError', () => {
  it('maps PDF.js exceptions by name', () => {
    const named = (name: string, message: string) => Object.assign(new Error(message), { name });
    expect(problemOfPdfError(named('PasswordException', 'No password given'))).toEqual({ kind: 'password' });
    expect(problemOfPdfError(named('ResponseException', 'Unexpected server response'))).toEqual({
      kind: 'fetch',
      status: null,
      detail: 'Unexpected server response',
    });
    expect(problemOfPdfError(named('UnknownErrorException', 'boom'))).toEqual({
      kind: 'unknown',
      detail: 'boom',
    });
    expect(problemOfPdfError('a string')).toEqual({ kind: 'unknown', detail: 'a string' });
  });
});
