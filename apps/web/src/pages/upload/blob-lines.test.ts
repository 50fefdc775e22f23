import { describe, expect, it } from 'vitest';
import { blobLines } from './blob-lines';

async function collect(blob: Blob, onBytes?: (n: number) => void): Promise<string[]> {
  const out: string[] = [];
  for await (const line of blobLines(blob, onBytes)) out.push(line);
  return out;
}

describe('blobLines', () => {
  it('splits LF and CRLF lines, keeps blank lines (for line numbers) and drops a BOM', async () => {
    const blob = new Blob(['\uFEFF{"a":1}\r\n\n{"b":', '2}\n{"c":3}']);
    expect(await collect(blob)).toEqual(['{"a":1}', '', '{"b":2}', '{"c":3}']);
  });

  it('decodes characters split across chunks and reports bytes read', async () => {
    const bytes = new TextEncoder().encode('{"t":"é漢"}\n');
    const parts = [bytes.slice(0, 7), bytes.slice(7)]; // cuts inside a multi-byte character
    const seen: number[] = [];
    expect(await collect(new Blob(parts), (n) => seen.push(n))).toEqual(['{"t":"é漢"}']);
    expect(seen.at(-1)).toBe(bytes.length);
  });

  it('yields nothing for an empty file', async () => {
    expect(await collect(new Blob([]))).toEqual([]);
  });
});
