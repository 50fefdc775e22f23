import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unifiedLineDiff } from './line-diff';

/** Rebuilds both sides from the hunks plus the untouched lines around them. */
function apply(before: string, lines: readonly string[]): string {
  const a = before === '' ? [] : before.replace(/\n$/, '').split('\n');
  const out: string[] = [];
  let cursor = 0;
  for (const line of lines) {
    const header = /^@@ -(\d+),(\d+) \+\d+,\d+ @@$/.exec(line);
    if (header) {
      const start = Number(header[2]) === 0 ? Number(header[1]) : Number(header[1]) - 1;
      out.push(...a.slice(cursor, start));
      cursor = start;
    } else if (line.startsWith(' ')) {
      out.push(line.slice(1));
      cursor++;
    } else if (line.startsWith('-')) cursor++;
    else out.push(line.slice(1));
  }
  return [...out, ...a.slice(cursor)].join('\n');
}

describe('unifiedLineDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedLineDiff('a\nb\n', 'a\nb\n')).toEqual({ lines: [], truncated: false });
  });

  it('shows changes with three lines of context', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8'].join('\n');
    const after = ['1', '2', '3', '4', 'five', '6', '7', '8'].join('\n');
    expect(unifiedLineDiff(before, after).lines).toEqual([
      '@@ -2,7 +2,7 @@',
      ' 2',
      ' 3',
      ' 4',
      '-5',
      '+five',
      ' 6',
      ' 7',
      ' 8',
    ]);
  });

  it('splits distant changes into separate hunks', () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i}`);
    const after = before.map((l, i) => (i === 1 || i === 18 ? `${l}!` : l));
    const headers = unifiedLineDiff(before.join('\n'), after.join('\n')).lines.filter((l) =>
      l.startsWith('@@'),
    );
    expect(headers).toEqual(['@@ -1,5 +1,5 @@', '@@ -16,5 +16,5 @@']);
  });

  it('handles texts added from or removed to nothing', () => {
    expect(unifiedLineDiff('', 'a\nb').lines).toEqual(['@@ -0,0 +1,2 @@', '+a', '+b']);
    expect(unifiedLineDiff('a', '').lines).toEqual(['@@ -1,1 +0,0 @@', '-a']);
  });

  it('caps the output', () => {
    const before = Array.from({ length: 500 }, (_, i) => `${i}`).join('\n');
    const result = unifiedLineDiff(before, '', { maxLines: 10 });
    expect(result.lines).toHaveLength(10);
    expect(result.truncated).toBe(true);
  });

  it('the hunks turn the old text into the new one', () => {
    const text = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 30 }).map((l) => l.join('\n'));
    fc.assert(
      fc.property(text, text, fc.nat(4), (before, after, context) => {
        const { lines } = unifiedLineDiff(before, after, { context, maxLines: 10_000 });
        expect(apply(before, lines)).toBe(after);
      }),
      { numRuns: 1000 },
    );
  });
});
