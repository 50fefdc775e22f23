import { isUtf8 } from 'node:buffer';

/** One line of an NDJSON stream, numbered from 1 (blank lines are counted but never emitted). */
export type NdjsonLine =
  | { readonly kind: 'text'; readonly line: number; readonly text: string }
  /** Longer than the line limit: its bytes were dropped as they arrived, never held whole. */
  | { readonly kind: 'too_long'; readonly line: number; readonly bytes: number }
  | { readonly kind: 'bad_utf8'; readonly line: number };

export interface LineSplitter {
  /** Feeds the next piece of the stream; returns the lines it completed. */
  push(chunk: Buffer): NdjsonLine[];
  /** The stream ended: returns the last line when it had no trailing newline. */
  end(): NdjsonLine[];
  /** Lines seen so far (the number of the line being read). */
  readonly lineCount: number;
}

const NEWLINE = 0x0a;
const CR = 0x0d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Splits a byte stream into lines incrementally. Splitting happens on bytes (0x0A never occurs inside a
 * multi-byte UTF-8 sequence) and a line is decoded only once it is complete, so a chunk boundary inside a
 * character is harmless. `\r\n` is accepted, a leading BOM is stripped, whitespace-only lines are skipped, and
 * a line over `maxLineBytes` (its `\r` included) is reported as `too_long` while its bytes are discarded.
 */
export function createLineSplitter(maxLineBytes: number): LineSplitter {
  let lineNo = 0;
  let parts: Buffer[] = [];
  let partBytes = 0;
  /** Bytes of the current line when it is already over the limit (its parts were dropped). */
  let overflow = -1;

  function finish(bytes: Buffer | null, length: number, out: NdjsonLine[]): void {
    lineNo++;
    if (overflow >= 0 || bytes === null) {
      out.push({ kind: 'too_long', line: lineNo, bytes: overflow >= 0 ? overflow : length });
      return;
    }
    let start = 0;
    let end = bytes.length;
    if (lineNo === 1 && end >= 3 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2])
      start = 3;
    if (end > start && bytes[end - 1] === CR) end--;
    if (end === start) return;
    const view = bytes.subarray(start, end);
    if (!isUtf8(view)) {
      out.push({ kind: 'bad_utf8', line: lineNo });
      return;
    }
    const text = view.toString('utf8');
    if (text.trim() !== '') out.push({ kind: 'text', line: lineNo, text });
  }

  /** Completes the current line with `tail` (the bytes before its newline). */
  function completeLine(tail: Buffer, out: NdjsonLine[]): void {
    if (overflow >= 0) {
      overflow += tail.length;
      finish(null, overflow, out);
    } else if (partBytes + tail.length > maxLineBytes) {
      finish(null, partBytes + tail.length, out);
    } else if (parts.length === 0) {
      finish(tail, tail.length, out);
    } else {
      parts.push(tail);
      finish(Buffer.concat(parts, partBytes + tail.length), partBytes + tail.length, out);
    }
    parts = [];
    partBytes = 0;
    overflow = -1;
  }

  /** Keeps the unterminated end of a chunk, or just counts it once the line is over the limit. */
  function keepPartial(rest: Buffer): void {
    if (rest.length === 0) return;
    if (overflow >= 0) overflow += rest.length;
    else if (partBytes + rest.length > maxLineBytes) {
      overflow = partBytes + rest.length;
      parts = [];
      partBytes = 0;
    } else {
      // Copy: the caller's buffer may be reused once we return.
      parts.push(Buffer.from(rest));
      partBytes += rest.length;
    }
  }

  return {
    push(chunk) {
      const out: NdjsonLine[] = [];
      let pos = 0;
      for (let nl = chunk.indexOf(NEWLINE, pos); nl >= 0; nl = chunk.indexOf(NEWLINE, pos)) {
        completeLine(chunk.subarray(pos, nl), out);
        pos = nl + 1;
      }
      keepPartial(chunk.subarray(pos));
      return out;
    },
    end() {
      const out: NdjsonLine[] = [];
      if (partBytes > 0 || overflow >= 0) completeLine(Buffer.alloc(0), out);
      return out;
    },
    get lineCount() {
      return lineNo;
    },
  };
}
