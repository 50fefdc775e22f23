/** One CSV record: its cells and the 1-based file line it starts on (quoted cells may span lines). */
export interface CsvRecord {
  readonly line: number;
  readonly cells: readonly string[];
}

/** Comma unless the header line clearly uses tabs or semicolons (spreadsheet exports in some locales). */
export function detectDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const header = end === -1 ? text : text.slice(0, end);
  const count = (c: string) => header.split(c).length - 1;
  const candidates = [',', '\t', ';'].map((c) => [c, count(c)] as const);
  const best = candidates.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ',';
}

interface Cursor {
  pos: number;
  line: number;
}

/** Reads one cell starting at `at.pos`; leaves the cursor on the delimiter, line break or end. */
function readCell(text: string, at: Cursor, delimiter: string): string {
  if (text[at.pos] !== '"') {
    let end = at.pos;
    while (end < text.length && text[end] !== delimiter && text[end] !== '\n' && text[end] !== '\r') end++;
    const cell = text.slice(at.pos, end);
    at.pos = end;
    return cell;
  }
  let cell = '';
  let i = at.pos + 1;
  for (;;) {
    const quote = text.indexOf('"', i);
    if (quote === -1) {
      // An unterminated quote runs to the end of the file (as spreadsheets read it).
      cell += text.slice(i);
      i = text.length;
      break;
    }
    cell += text.slice(i, quote);
    if (text[quote + 1] === '"') {
      cell += '"';
      i = quote + 2;
    } else {
      i = quote + 1;
      break;
    }
  }
  at.line += (text.slice(at.pos, i).match(/\n/g) ?? []).length;
  // Anything between the closing quote and the next delimiter is kept, like most readers do.
  let end = i;
  while (end < text.length && text[end] !== delimiter && text[end] !== '\n' && text[end] !== '\r') end++;
  at.pos = end;
  return cell + text.slice(i, end);
}

/**
 * RFC 4180 CSV: quoted cells (with `""` for a quote, and line breaks inside), LF or CRLF line ends, a
 * leading byte-order mark ignored. Every record keeps the line it starts on; blank lines are skipped.
 */
export function parseCsv(input: string, delimiter = detectDelimiter(input)): CsvRecord[] {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  const at: Cursor = { pos: 0, line: 1 };
  while (at.pos < text.length) {
    const start = at.line;
    const cells: string[] = [];
    for (;;) {
      cells.push(readCell(text, at, delimiter));
      if (text[at.pos] === delimiter) {
        at.pos += 1;
        continue;
      }
      break;
    }
    if (text[at.pos] === '\r') at.pos += 1;
    if (text[at.pos] === '\n') at.pos += 1;
    at.line += 1;
    if (cells.length > 1 || cells[0] !== '') records.push({ line: start, cells });
  }
  return records;
}
