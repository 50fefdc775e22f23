import type { PdfProblem } from './pdf-open';

/** What the annotator reads when a document cannot be shown. */
export function describePdfProblem(problem: PdfProblem): string {
  switch (problem.kind) {
    case 'fetch':
      return problem.status === null
        ? `The document could not be downloaded (${problem.detail || 'network error'}).`
        : `The document could not be downloaded (HTTP ${problem.status}).`;
    case 'too-large':
      return `The document is larger than ${Math.round(problem.limit / (1024 * 1024))} MiB, so it is not opened here.`;
    case 'invalid':
      return `This file is not a readable PDF (${problem.detail}).`;
    case 'password':
      return 'This PDF is protected by a password, so it cannot be shown here.';
    case 'empty':
      return 'This PDF has no pages.';
    case 'unknown':
      return `The document could not be opened (${problem.detail}).`;
  }
}
