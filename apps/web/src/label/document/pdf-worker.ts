import PdfJsWorker from 'pdfjs-dist/build/pdf.worker.min.mjs?worker';

/**
 * A new PDF.js worker thread. Vite bundles the worker as its own `.js` file under `/static` (same origin, so
 * the page's CSP admits it through `script-src 'self'`); loaded only when a document is opened.
 */
export function createPdfWorkerThread(): Worker {
  return new PdfJsWorker({ name: 'pdfjs' });
}
