import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseCsv } from './csv';

describe('parseCsv', () => {
  it('splits plain records and keeps their line numbers', () => {
    expect(parseCsv('uri,priority\na.png,3\nb.png,\n')).toEqual([
      { line: 1, cells: ['uri', 'priority'] },
      { line: 2, cells: ['a.png', '3'] },
      { line: 3, cells: ['b.png', ''] },
    ]);
  });

  it('reads quoted cells with delimiters, doubled quotes and line breaks, and CRLF ends', () => {
    const text = 'text,note\r\n"Hello, ""world""","two\nlines"\r\n\r\nlast,x';
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ['text', 'note'] },
      { line: 2, cells: ['Hello, "world"', 'two\nlines'] },
      { line: 5, cells: ['last', 'x'] },
    ]);
  });

  it('ignores a byte-order mark and skips blank lines', () => {
    expect(parseCsv('\uFEFFuri\n\nx.png\n\n')).toEqual([
      { line: 1, cells: ['uri'] },
      { line: 3, cells: ['x.png'] },
    ]);
  });

  it('detects tab and semicolon delimiters from the header', () => {
    expect(detectDelimiter('uri\tpriority\nx\t1')).toBe('\t');
    expect(detectDelimiter('uri;priority;text\n')).toBe(';');
    expect(detectDelimiter('uri\n')).toBe(',');
    expect(parseCsv('uri;priority\nx.png;2')).toEqual([
      { line: 1, cells: ['uri', 'priority'] },
      { line: 2, cells: ['x.png', '2'] },
    ]);
  });

  it('keeps an unterminated quote to the end of the file', () => {
    expect(parseCsv('text\n"open\nstill open')).toEqual([
      { line: 1, cells: ['text'] },
      { line: 2, cells: ['open\nstill open'] },
    ]);
  });
});
