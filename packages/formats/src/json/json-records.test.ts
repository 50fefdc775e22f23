import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../format-error';
import { SEED } from '../test-arbitraries';
import { canonicalJson } from './canonical-json';
import { parseJson } from './json-parse';
import { type JsonRecord, JsonRecordScanner } from './json-records';
import type { JsonValue } from './json-value';
import { writeJson } from './json-write';

function scan(text: string, cuts: readonly number[] = []): JsonRecord[] {
  const s = new JsonRecordScanner();
  const out: JsonRecord[] = [];
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    out.push(...s.push(text.slice(from, cut)));
    from = cut;
  }
  out.push(...s.push(text.slice(from)));
  out.push(...s.end());
  return out;
}

describe('parseJson', () => {
  it('agrees with JSON.parse on any JSON without unsafe integers', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const mine = parseJson(text);
        expect(writeJson(mine, true)).toBe(writeJson(JSON.parse(text), true));
      }),
      { numRuns: 500, seed: SEED },
    );
  });

  it('keeps integers beyond 2^53 as bigint and refuses what JSON does not allow', () => {
    expect(parseJson('[9007199254740993, -18446744073709551617, 1.5e300]')).toEqual([
      9007199254740993n,
      -18446744073709551617n,
      1.5e300,
    ]);
    for (const bad of [
      'NaN',
      '[Infinity]',
      '1e999',
      '01',
      '1.',
      '.5',
      '{"a":1,"a":2}',
      '"\\x"',
      '[1,]',
      '{"a" 1}',
      "'a'",
    ])
      expect(() => parseJson(bad), bad).toThrow(FormatError);
  });

  it('makes a __proto__ key an own property, never the prototype', () => {
    const v = parseJson('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses nesting deeper than 256 without exhausting the stack', () => {
    expect(() => parseJson(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toThrow(/nested deeper than 256/);
  });
});

describe('JsonRecordScanner', () => {
  it('yields each element of the top-level arrays with its pointer, line and column', () => {
    const text = '{"info": {"year": 2017},\n "images": [\n  {"id": 1},\n  {"id": 2}],\n "annotations": []}';
    expect(
      scan(text).map((r) => [
        r.kind,
        r.position.path,
        r.position.line,
        r.position.column,
        writeJson(r.value),
      ]),
    ).toEqual([
      ['value', '/info', 1, 10, '{"year":2017}'],
      ['array', '/images', 2, 12, '[]'],
      ['value', '/images/0', 3, 3, '{"id":1}'],
      ['value', '/images/1', 4, 3, '{"id":2}'],
      ['array', '/annotations', 5, 17, '[]'],
    ]);
    expect(scan('[1, "a", {"b": [2]}, null]').map((r) => r.position.path)).toEqual([
      '',
      '/0',
      '/1',
      '/2',
      '/3',
    ]);
  });

  it('gives the same records for any split of the input into chunks', () => {
    const doc = fc.record({
      images: fc.array(fc.jsonValue(), { maxLength: 5 }),
      info: fc.jsonValue(),
      annotations: fc.array(fc.jsonValue(), { maxLength: 5 }),
    });
    fc.assert(
      fc.property(doc, fc.array(fc.nat(), { maxLength: 12 }), (d, rawCuts) => {
        const text = JSON.stringify(d, null, 1);
        const cuts = rawCuts.map((c) => c % (text.length + 1));
        const whole = scan(text);
        expect(scan(text, cuts)).toEqual(whole);
        const rebuilt: Record<string, JsonValue> = {};
        for (const r of whole) {
          const [key, index] = r.path as [string, number | undefined];
          if (r.kind === 'array') rebuilt[key] = [];
          else if (index === undefined) rebuilt[key] = r.value;
          else (rebuilt[key] as JsonValue[]).push(r.value);
        }
        expect(writeJson(rebuilt, true)).toBe(canonicalJson(text));
      }),
      { numRuns: 300, seed: SEED },
    );
  });

  it('turns an unreadable record into an invalid record, and a broken structure into a FormatError', () => {
    const recs = scan('{"a": [1, NaN, {"x": 1e999}, 2]}');
    expect(recs.map((r) => [r.kind, r.position.path])).toEqual([
      ['array', '/a'],
      ['value', '/a/0'],
      ['invalid', '/a/1'],
      ['invalid', '/a/2'],
      ['value', '/a/3'],
    ]);
    for (const bad of ['{"a": [1 2]}', '{"a" [1]}', '{"a": [1]', '{"a": [1]}}', '"x"', '{a: 1}'])
      expect(() => scan(bad), bad).toThrow(FormatError);
  });
});
