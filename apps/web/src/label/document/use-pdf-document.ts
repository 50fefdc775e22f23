import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useState } from 'react';
import type { PageSize } from './page-layout';
import { type OpenResult, openPdf, type PdfProblem, problemOfPdfError } from './pdf-open';

export type PdfDocumentState =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly problem: PdfProblem }
  | {
      readonly status: 'ready';
      readonly doc: PDFDocumentProxy;
      /** Pages the file declares. */
      readonly numPages: number;
      /** The first page's size, the estimate for pages not measured yet. */
      readonly firstPage: PageSize;
    };

/**
 * Opens the document at `url` while mounted (a new URL opens anew); the document and its worker are
 * released on unmount, also when the open finishes after the workspace is gone.
 */
export function usePdfDocument(url: string): PdfDocumentState {
  const [state, setState] = useState<PdfDocumentState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    let close: (() => Promise<void>) | null = null;
    const abort = new AbortController();
    setState({ status: 'loading' });
    void (async () => {
      // A failed chunk load (PDF.js is fetched on first use) is a problem like any other.
      const opened: OpenResult = await openPdf(url, abort.signal).catch((e: unknown) => ({
        ok: false,
        problem: problemOfPdfError(e),
      }));
      if (!opened.ok) {
        if (live) setState({ status: 'failed', problem: opened.problem });
        return;
      }
      const { doc, close: release } = opened.pdf;
      close = release;
      if (!live) {
        void release();
        return;
      }
      try {
        const first = await doc.getPage(1);
        const { width, height } = first.getViewport({ scale: 1 });
        if (live) setState({ status: 'ready', doc, numPages: doc.numPages, firstPage: { width, height } });
      } catch (e) {
        if (live) setState({ status: 'failed', problem: problemOfPdfError(e) });
      }
    })();
    return () => {
      live = false;
      abort.abort();
      void close?.();
    };
  }, [url]);
  return state;
}
