import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../format-error';
import { canonicalXml } from './canonical-xml';
import { bigEntityManyRefs, billionLaughs, charRefFlood, externalEntities } from './xml-bombs';
import { attr, childText, firstChild } from './xml-node';
import { parseXml } from './xml-reader';

const PASSWD = readFileSync('/etc/passwd', 'utf8').split('\n')[0]!; // e.g. root:x:0:0:root:/root:/bin/bash

/** Runs `f`, returning what it threw, how long it took and how much the RSS and heap grew. */
function measure(f: () => unknown): { error: unknown; ms: number; rssGrowth: number; heapGrowth: number } {
  globalThis.gc?.();
  const rss0 = process.memoryUsage().rss;
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  let error: unknown;
  try {
    f();
  } catch (e) {
    error = e;
  }
  const ms = performance.now() - t0;
  return {
    error,
    ms,
    rssGrowth: process.memoryUsage().rss - rss0,
    heapGrowth: process.memoryUsage().heapUsed - heap0,
  };
}

describe('parseXml', () => {
  it('reads elements, attributes, text, CDATA and the five entities and numeric references', () => {
    const line3 = '  <b>t&lt;&#65;&apos;</b><c/><![CDATA[<raw>]]></a>';
    const root = parseXml(`<?xml version="1.0"?>\n<!-- c --><a x="1 &amp; 2" y='&#x3c;'>\n${line3}`);
    expect(root.name).toBe('a');
    expect(attr(root, 'x')).toBe('1 & 2');
    expect(attr(root, 'y')).toBe('<');
    expect(childText(root, 'b')).toBe("t<A'");
    expect(firstChild(root, 'c')).toMatchObject({ name: 'c', line: 3, column: line3.indexOf('<c/>') + 1 });
    expect(root.children.at(-1)).toBe('<raw>');
  });

  it('refuses what is not well-formed, with a position', () => {
    const bad = [
      '',
      '<a>',
      '<a></b>',
      '<a x=1/>',
      '<a x="1" x="2"/>',
      '<a>&bogus;</a>',
      '<a>& b</a>',
      '<a x="<"/>',
      '<a/><b/>',
      '<a>&#0;</a>',
      '<a>&#xD800;</a>',
      '<a><!ELEMENT a ANY></a>',
    ];
    for (const text of bad) {
      const m = measure(() => parseXml(text));
      expect(m.error, text).toBeInstanceOf(FormatError);
    }
    expect(() => parseXml('<a>\n  <b>\n</a>')).toThrow(/line 3/);
  });

  it('refuses nesting beyond the limit and more elements than allowed', () => {
    expect(() => parseXml(`${'<a>'.repeat(300)}${'</a>'.repeat(300)}`)).toThrow(/deeper than 256/);
    expect(() => parseXml(`<r>${'<a/>'.repeat(11)}</r>`, { maxElements: 10 })).toThrow(
      /more than 10 elements/,
    );
  });

  it('canonical form ignores attribute order, indentation, the declaration and comments', () => {
    expect(
      canonicalXml('<?xml version="1.0"?>\n<a y="2" x="1">\n  <b>t</b>\n  <!-- c -->\n  <c/>\n</a>'),
    ).toBe(canonicalXml('<a x="1" y="2"><b> t </b><c></c></a>'));
  });
});

describe('U5 XML bombs (VOC and CVAT readers)', () => {
  const cases: [string, string, string][] = [
    ['billion laughs', billionLaughs(), 'format_forbidden'],
    ['one large entity referenced many times', bigEntityManyRefs(), 'format_forbidden'],
    ['numeric character-reference flood', charRefFlood(), 'format_limit'],
    ['predefined-entity flood', `<a>${'&lt;'.repeat(1_000_001)}</a>`, 'format_limit'],
    ...externalEntities().map((x, i): [string, string, string] => [
      `external entity file:///etc/passwd (${i + 1})`,
      x,
      'format_forbidden',
    ]),
  ];
  for (const [name, text, code] of cases) {
    it(`${name}: rejected in < 1 s, memory growth < 100 MiB, no file content echoed`, () => {
      const m = measure(() => parseXml(text));
      expect(m.error).toBeInstanceOf(FormatError);
      expect((m.error as FormatError).code).toBe(code);
      expect(m.ms).toBeLessThan(1000);
      expect(m.rssGrowth).toBeLessThan(100 * 1024 * 1024);
      expect(m.heapGrowth).toBeLessThan(100 * 1024 * 1024);
      expect(String((m.error as Error).message)).not.toContain(PASSWD.slice(0, 8));
      expect(JSON.stringify(m.error)).not.toContain(PASSWD.slice(0, 8));
    });
  }

  it('a character-reference count under the limit is read (the limit is a count, not a ban)', () => {
    const root = parseXml(charRefFlood(1000));
    expect(childText(root, 'filename')).toBe('B'.repeat(500));
  });
});
