import type { PDFDocumentProxy, PDFWorker } from 'pdfjs-dist';
import type { DocumentInitParameters } from 'pdfjs-dist/types/src/display/api';

/** Largest document the viewer downloads; a bigger one is refused before PDF.js sees a byte of it. */
export const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

/** Largest embedded image PDF.js decodes (width × height); bigger ones are skipped, not drawn. */
export const MAX_IMAGE_PIXELS = 50_000_000;

/**
 * How every document is opened: the one place PDF.js options are set (pdf-open.test.ts checks them).
 * - `isEvalSupported: false`: PDF.js never builds code from PDF data with `new Function` (fonts, PostScript
 *   functions). CVE-2024-4367 (GHSA-wgrm-67xf-hhpq) ran a `/FontMatrix` string that way; pdfjs-dist ≥ 4.2.67
 *   also validates the matrix, and the page's CSP has no 'unsafe-eval': three independent locks.
 * - `enableXfa: false`: XFA forms (HTML built from the PDF) are not rendered.
 * - `disableFontFace: false`: embedded fonts load through the Font Loading API from bytes (the default; no
 *   weakening is needed once eval is off).
 * - `maxImageSize`: a decompression bomb image is skipped instead of decoded.
 * - `stopAtErrors: false`: a damaged page renders what it can (the viewer reports what it cannot).
 * - `verbosity: 0` (errors only): no console noise per font or warning.
 * No annotation layer, no scripting sandbox (`pdf.sandbox`) and no link handling are loaded: the viewer only
 * paints pages onto canvases.
 */
export const PDF_OPEN_OPTIONS = Object.freeze({
  isEvalSupported: false,
  enableXfa: false,
  disableFontFace: false,
  fontExtraProperties: false,
  maxImageSize: MAX_IMAGE_PIXELS,
  stopAtErrors: false,
  pdfBug: false,
  verbosity: 0,
} satisfies DocumentInitParameters);

/** The parameters of `getDocument` for bytes already downloaded, on a worker the caller owns. */
export function documentParams(data: Uint8Array, worker: PDFWorker | undefined): DocumentInitParameters {
  return { ...PDF_OPEN_OPTIONS, data, worker };
}

/** Why a document cannot be shown; expected failures are values. */
export type PdfProblem =
  | { readonly kind: 'fetch'; readonly status: number | null; readonly detail: string }
  | { readonly kind: 'too-large'; readonly limit: number }
  | { readonly kind: 'invalid'; readonly detail: string }
  | { readonly kind: 'password' }
  | { readonly kind: 'empty' }
  | { readonly kind: 'unknown'; readonly detail: string };

export type Fetched =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly problem: PdfProblem };

type FetchFn = (url: string, init: RequestInit) => Promise<Response>;

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Downloads `url` whole, counting bytes as they arrive: past `maxBytes` (declared or actual) the download is
 * cancelled. HTTP errors and network failures are `fetch` problems.
 */
export async function fetchPdfBytes(
  url: string,
  options: { readonly fetch: FetchFn; readonly signal: AbortSignal; readonly maxBytes: number },
): Promise<Fetched> {
  let response: Response;
  try {
    response = await options.fetch(url, { signal: options.signal, credentials: 'same-origin' });
  } catch (e) {
    return { ok: false, problem: { kind: 'fetch', status: null, detail: messageOf(e) } };
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    return { ok: false, problem: { kind: 'fetch', status: response.status, detail: response.statusText } };
  }
  const tooLarge: Fetched = { ok: false, problem: { kind: 'too-large', limit: options.maxBytes } };
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (response.body === null) return { ok: true, bytes: new Uint8Array(0) };
  if (declared > options.maxBytes) {
    await response.body.cancel().catch(() => undefined);
    return tooLarge;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      total += next.value.byteLength;
      if (total > options.maxBytes) {
        await reader.cancel().catch(() => undefined);
        return tooLarge;
      }
      chunks.push(next.value);
    }
  } catch (e) {
    return { ok: false, problem: { kind: 'fetch', status: null, detail: messageOf(e) } };
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { ok: true, bytes };
}

/** A PDF.js failure as a problem, by the exception's `name` (the classes live in the lazily loaded bundle). */
export function problemOfPdfError(e: unknown): PdfProblem {
  const name =
    e instanceof Error || (typeof e === 'object' && e !== null) ? String(Reflect.get(e, 'name')) : '';
  const detail = messageOf(e);
  if (name === 'InvalidPDFException' || name === 'FormatError') return { kind: 'invalid', detail };
  if (name === 'PasswordException') return { kind: 'password' };
  if (name === 'ResponseException' || name === 'MissingPDFException') {
    return { kind: 'fetch', status: null, detail };
  }
  return { kind: 'unknown', detail };
}

/** An open document and the one way to let it go (its worker thread ends too). */
export interface OpenedPdf {
  readonly doc: PDFDocumentProxy;
  close(): Promise<void>;
}

export type OpenResult =
  | { readonly ok: true; readonly pdf: OpenedPdf }
  | { readonly ok: false; readonly problem: PdfProblem };

/**
 * Downloads and opens the PDF at `url` with `PDF_OPEN_OPTIONS` on a worker thread of its own. PDF.js and its
 * worker are loaded on first use, so image and text annotators never download them.
 */
export async function openPdf(
  url: string,
  signal: AbortSignal,
  fetchFn: FetchFn = (input, init) => fetch(input, init),
): Promise<OpenResult> {
  const fetched = await fetchPdfBytes(url, { fetch: fetchFn, signal, maxBytes: MAX_DOCUMENT_BYTES });
  if (!fetched.ok) return fetched;
  if (fetched.bytes.byteLength === 0) return { ok: false, problem: { kind: 'empty' } };
  const [pdfjs, { createPdfWorkerThread }] = await Promise.all([
    import('pdfjs-dist'),
    import('./pdf-worker'),
  ]);
  const thread = createPdfWorkerThread();
  const worker = pdfjs.PDFWorker.create({ port: thread, verbosity: PDF_OPEN_OPTIONS.verbosity });
  const task = pdfjs.getDocument(documentParams(fetched.bytes, worker));
  const close = async (): Promise<void> => {
    await task.destroy().catch(() => undefined);
    worker.destroy();
    thread.terminate();
  };
  try {
    const doc = await task.promise;
    if (doc.numPages < 1) {
      await close();
      return { ok: false, problem: { kind: 'empty' } };
    }
    return { ok: true, pdf: { doc, close } };
  } catch (e) {
    await close();
    return { ok: false, problem: problemOfPdfError(e) };
  }
}
