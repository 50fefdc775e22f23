import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLineSplitter, type NdjsonLine } from './ndjson-lines';

/** Feeds `bytes` cut at `cuts` (sorted offsets) and collects every line. */
function split(bytes: Buffer, cuts: readonly number[], max: number): NdjsonLine[] {
  const splitter = createLineSplitter(max);
  const out: NdjsonLine[] = [];
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    out.push(...splitter.push(bytes.subarray(at, cut)));
    at = cut;
  }
  return [...out, ...splitter.end()];
}

/**
 * The reference: split the whole text at once, the slow and obvious way. The limit counts a line's raw bytes
 * (BOM and `\r` included); a BOM is stripped from line 1 only.
 */
function reference(lines: readonly string[], max: number): NdjsonLine[] {
  const out: NdjsonLine[] = [];
  lines.forEach((raw, i) => {
    const text = i === 0 ? raw.replace(/^\uFEFF/, '') : raw;
    const bytes = Buffer.byteLength(raw);
    if (bytes > max) out.push({ kind: 'too_long', line: i + 1, bytes });
    else if (text.replace(/\r$/, '').trim() !== '')
      out.push({ kind: 'text', line: i + 1, text: text.replace(/\r$/, '') });
  });
  return out;
}

const lineText = fc
  .oneof(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.constantFrom('', ' ', '\r', '{"a":"é😀"}\r', '\uFEFF{"b":1}'),
  )
  .map((s) => s.replace(/\n/g, ''));

describe('NDJSON line splitter', () => {
  it('yields the same lines however the stream is cut (inside characters, BOM, CRLF, over-long lines)', () => {
    fc.assert(
      fc.property(
        fc.array(lineText, { minLength: 1, maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        fc.integer({ min: 1, max: 60 }),
        fc.boolean(),
        (lines, rawCuts, max, trailingNewline) => {
          const text = lines.join('\n') + (trailingNewline ? '\n' : '');
          const bytes = Buffer.from(text, 'utf8');
          const cuts = [...new Set(rawCuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          expect(split(bytes, cuts, max)).toEqual(reference(lines, max));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reports invalid UTF-8 and over-long lines without holding them, and keeps counting lines', () => {
    const bytes = Buffer.concat([
      Buffer.from('{"a":1}\n'),
      Buffer.from([0xc3, 0x28, 0x0a]),
      Buffer.from(`${'x'.repeat(100)}\n\n{"b":2}`),
    ]);
    const lines = split(bytes, [3, 9, 20, 50, 90], 16);
    expect(lines).toEqual([
      { kind: 'text', line: 1, text: '{"a":1}' },
      { kind: 'bad_utf8', line: 2 },
      { kind: 'too_long', line: 3, bytes: 100 },
      { kind: 'text', line: 5, text: '{"b":2}' },
    ]);
  });
});
