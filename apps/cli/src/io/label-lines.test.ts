import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliInputError } from '../cli-error';
import {
  readItemLabels,
  readLabels,
  readRatingLines,
  rejectAmbiguousLabels,
  rejectDuplicateRatings,
  resolveCategories,
} from './label-lines';

const dir = mkdtempSync(join(tmpdir(), 'tessera-label-lines-'));
function file(name: string, lines: readonly string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('label lines', () => {
  it('reads rating lines and keeps label types', async () => {
    const path = file('ok.jsonl', [
      '{"item":"a","annotator":"x","label":"cat"}',
      '',
      '{"item":"a","annotator":"y","label":3}',
    ]);
    expect(await readRatingLines(path)).toEqual([
      { item: 'a', annotator: 'x', label: 'cat', line: 1 },
      { item: 'a', annotator: 'y', label: 3, line: 3 },
    ]);
  });

  it('reports malformed lines and wrong field types with the line number', async () => {
    await expect(
      readRatingLines(file('bad.jsonl', ['{"item":"a","annotator":"x","label":1}', '{oops'])),
    ).rejects.toThrow(/bad\.jsonl:2: malformed JSON/);
    await expect(
      readRatingLines(file('num-item.jsonl', ['{"item":1,"annotator":"x","label":1}'])),
    ).rejects.toThrow(/:1: "item" must be a string/);
    await expect(
      readRatingLines(file('bool.jsonl', ['{"item":"a","annotator":"x","label":true}'])),
    ).rejects.toThrow(/"label" must be a string or a finite number/);
    await expect(readRatingLines(file('arr.jsonl', ['[1]']))).rejects.toThrow(/expected a JSON object/);
    await expect(
      readRatingLines(file('inf.jsonl', ['{"item":"a","annotator":"x","label":1e999}'])),
    ).rejects.toThrow(/finite/);
    await expect(readRatingLines(file('empty.jsonl', ['']))).rejects.toThrow(/no labels/);
  });

  it('reads item labels, refusing repeated items', async () => {
    const rows = await readItemLabels(
      file('items.jsonl', ['{"item":"a","label":1}', '{"item":"b","label":"x"}']),
    );
    expect(rows.get('b')).toEqual({ item: 'b', label: 'x', line: 2 });
    await expect(
      readItemLabels(file('dup.jsonl', ['{"item":"a","label":1}', '{"item":"a","label":2}'])),
    ).rejects.toThrow(/dup\.jsonl:2: item "a" already on line 1/);
    expect(await readLabels(file('labels.jsonl', ['{"label":"a"}', '{"label":2}']))).toEqual(['a', 2]);
  });

  it('refuses a second label by the same annotator for an item', () => {
    const rows = [
      { item: 'a', annotator: 'x', label: 1, line: 1 },
      { item: 'a', annotator: 'x', label: 2, line: 2 },
    ];
    expect(() => rejectDuplicateRatings('f', rows)).toThrow(
      /f:2: annotator "x" already labeled item "a" on line 1/,
    );
  });

  it('refuses 1 and "1" in one input', () => {
    expect(() => rejectAmbiguousLabels([1, 'a', '1'])).toThrow(CliInputError);
    expect(() => rejectAmbiguousLabels([1, 1, '2'])).not.toThrow();
  });

  it('resolves --categories against observed labels', () => {
    expect(resolveCategories(undefined, ['a'])).toBeUndefined();
    expect(resolveCategories('low, mid,high', ['high', 'low'])).toEqual(['low', 'mid', 'high']);
    expect(resolveCategories('1,2,5', [5, 1])).toEqual([1, 2, 5]);
    expect(resolveCategories('x,1', ['x', 1])).toEqual(['x', 1]);
    expect(() => resolveCategories('a,b', ['a', 'c'])).toThrow(/label "c" is not in --categories/);
    expect(() => resolveCategories('a,a', ['a'])).toThrow(/repeats/);
    expect(() => resolveCategories('a,,b', ['a'])).toThrow(/empty entry/);
  });
});
