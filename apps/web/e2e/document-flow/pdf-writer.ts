/**
 * A tiny PDF assembler for the browser tests: numbered objects written in order, a classic cross-reference
 * table with each object's byte offset, and a trailer naming object 1 as the catalog. Bodies are PDF syntax
 * written by hand in the fixtures; stream data may be binary (bytes are written as Latin-1).
 */

/** One indirect object: plain PDF syntax, or a stream (its `/Length` is added here). */
export type PdfObject = string | { readonly dict: string; readonly data: Uint8Array | string };

const bytesOf = (s: string): Buffer => Buffer.from(s, 'latin1');

function objectBytes(number: number, body: PdfObject): Buffer {
  if (typeof body === 'string') return bytesOf(`${number} 0 obj\n${body}\nendobj\n`);
  const data = typeof body.data === 'string' ? bytesOf(body.data) : Buffer.from(body.data);
  return Buffer.concat([
    bytesOf(`${number} 0 obj\n<< ${body.dict} /Length ${data.length} >>\nstream\n`),
    data,
    bytesOf('\nendstream\nendobj\n'),
  ]);
}

/**
 * The file for `objects` (object i+1 is `objects[i]`; object 1 must be the catalog). The header's second
 * line holds bytes above 127, as the specification advises for files with binary data.
 */
export function buildPdf(objects: readonly PdfObject[]): Uint8Array {
  const parts: Buffer[] = [bytesOf('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n')];
  let offset = parts[0]?.length ?? 0;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    const bytes = objectBytes(i + 1, body);
    offsets.push(offset);
    parts.push(bytes);
    offset += bytes.length;
  });
  // Each cross-reference entry is exactly 20 bytes: 10-digit offset, 5-digit generation, type, and EOL.
  const entries = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  parts.push(
    bytesOf(
      `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${entries}` +
        `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`,
    ),
  );
  return new Uint8Array(Buffer.concat(parts));
}

/** A PDF literal string: backslashes and parentheses escaped, so any text stays one string. */
export function pdfString(text: string): string {
  return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}
