/**
 * PDF files for the upload tests, written by hand: a header, numbered objects, a classic cross-reference
 * table with each object's byte offset, and a trailer ending in `%%EOF`. The server only checks the header
 * and the end marker, but every file here is a well-formed one-page PDF (offsets exact), so what the tests
 * store is what a PDF reader would open. Comments (`%…` lines, which readers skip) pad a file to a size or
 * carry markup.
 */

const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');

export interface PdfOptions {
  /** The text drawn on the page (default `Tessera`). */
  readonly text?: string;
  /** Comment lines written after the header, before the first object (each gets a leading `%`). */
  readonly comments?: readonly string[];
  /** Bytes of one extra comment line's body after the header (0: none), to size the file. */
  readonly padding?: number;
}

/** A PDF literal string: backslashes and parentheses escaped. */
const pdfString = (text: string): string => `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;

/** A one-page Letter PDF showing `text` in Helvetica. */
export function onePagePdf(options: PdfOptions = {}): Buffer {
  const content = `BT /F1 24 Tf 72 700 Td ${pdfString(options.text ?? 'Tessera')} Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] ' +
      '/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const comments = [...(options.comments ?? [])];
  if ((options.padding ?? 0) > 0) comments.push('x'.repeat(options.padding ?? 0));
  const head = latin1(`%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n${comments.map((c) => `%${c}\n`).join('')}`);
  const parts: Buffer[] = [head];
  let offset = head.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    const bytes = latin1(`${i + 1} 0 obj\n${body}\nendobj\n`);
    offsets.push(offset);
    parts.push(bytes);
    offset += bytes.length;
  });
  const entries = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  parts.push(
    latin1(
      `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${entries}` +
        `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`,
    ),
  );
  return Buffer.concat(parts);
}

/**
 * A one-page PDF of exactly `size` bytes, grown by a comment line after the header. The comment's length
 * moves every offset, and with it the digits of `startxref`, so the padding is settled in a few rounds.
 */
export function pdfOfSize(size: number, text = 'sized'): Buffer {
  const bare = onePagePdf({ text }).length;
  if (size < bare + 3) throw new Error(`a PDF of ${bare} bytes cannot be padded to ${size}`);
  let padding = size - bare - 2;
  for (let round = 0; round < 4; round++) {
    const pdf = onePagePdf({ text, padding });
    if (pdf.length === size) return pdf;
    padding += size - pdf.length;
  }
  throw new Error(`no padding gives a PDF of exactly ${size} bytes`);
}

/** The page markup of the polyglot: it runs script when a browser renders it as HTML. */
export const POLYGLOT_HTML =
  '<!doctype html><html><body><img src=x onerror="globalThis.pwned = 1">' +
  '<script>globalThis.pwned = 1</script></body></html>';

/**
 * An HTML/JS polyglot that is also a valid PDF: it starts with `%PDF-`, and a comment line after the header
 * is a whole HTML page with script, which an HTML parser (or a content sniffer) would render and run.
 */
export function htmlPdfPolyglot(): Buffer {
  return onePagePdf({ text: 'polyglot', comments: [POLYGLOT_HTML] });
}
