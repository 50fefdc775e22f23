// F4 input fuzzing (reliability-tests.md): the XML reader (VOC and CVAT importers on top), the COCO RLE
// decoder and the COCO JSON stream. Pass: nothing thrown but the package's FormatError (importers: nothing
// thrown at all), no hang (each input well under its time limit), memory bounded by the input caps.
import { readFileSync } from 'node:fs';
import { rleDecode } from '@tessera/geometry';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importCoco } from './coco/coco-import';
import { decodeCocoRle } from './coco/coco-rle';
import { importCvat } from './cvat/cvat-import';
import { FormatError } from './format-error';
import type { JsonValue } from './json/json-value';
import { NIGHTLY, SEED } from './test-arbitraries';
import { importVoc } from './voc/voc-import';
import { parseXml } from './xml/xml-reader';

/** CI: a few seconds per target (the suite must stay fast); nightly: 15 minutes per target. */
const BUDGET_MS = NIGHTLY ? 15 * 60_000 : 4_000;
const PER_INPUT_MS = 500;
/** Each target runs for its budget, then reports: vitest's own timeout (60 s) must not cut it short. */
const TEST_TIMEOUT_MS = BUDGET_MS + 60_000;
const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

const runs = {
  seed: SEED,
  numRuns: Number.MAX_SAFE_INTEGER,
  interruptAfterTimeLimit: BUDGET_MS,
  markInterruptAsFailure: false,
};

/** Random edits of a valid document, biased to the characters that matter to the parser. */
function mutated(base: string, alphabet: string): fc.Arbitrary<string> {
  const edit = fc.record({
    at: fc.nat({ max: base.length }),
    cut: fc.nat({ max: 8 }),
    insert: fc.oneof(
      fc.string({ maxLength: 6, unit: fc.constantFrom(...alphabet) }),
      fc.string({ maxLength: 4 }),
    ),
  });
  return fc
    .array(edit, { minLength: 1, maxLength: 12 })
    .map((edits) =>
      edits.reduce(
        (s, e) => s.slice(0, Math.min(e.at, s.length)) + e.insert + s.slice(Math.min(e.at, s.length) + e.cut),
        base,
      ),
    );
}

/** Inputs tried per target: asserted, so a run that silently tried nothing fails. */
const tried = { xml: 0, rle: 0, coco: 0 };

function onlyFormatErrors(f: () => unknown): void {
  const t0 = performance.now();
  try {
    f();
  } catch (err) {
    if (!(err instanceof FormatError)) throw err;
  }
  expect(performance.now() - t0).toBeLessThan(PER_INPUT_MS);
}

const xmlTokens = fc
  .array(
    fc.constantFrom(
      '<a>',
      '</a>',
      '<b x="1">',
      '</b>',
      '<c/>',
      '&amp;',
      '&#65;',
      '&#x110000;',
      '&#;',
      '&e;',
      '<!DOCTYPE a [',
      '<!ENTITY e "x">',
      ']>',
      '<![CDATA[',
      ']]>',
      '<!--',
      '-->',
      '<?x ?>',
      'text',
      '"',
      "'",
      '=',
      ' ',
      '\n',
      '<',
      '>',
      '&',
    ),
    { maxLength: 40 },
  )
  .map((t) => t.join(''));

describe('F4 fuzzing', () => {
  it(
    'XML reader: mutated VOC/CVAT files and token soup throw only FormatError, each fast',
    async () => {
      const alphabet = '<>&;#x"\'=/![]-?aD ';
      const arb = fc.oneof(
        mutated(fixture('cvat-images.xml'), alphabet),
        mutated(fixture('voc/Annotations/000001.xml'), alphabet),
        xmlTokens,
      );
      await fc.assert(
        fc.asyncProperty(arb, async (text) => {
          tried.xml++;
          onlyFormatErrors(() => parseXml(text));
          const t0 = performance.now();
          const [voc, cvat] = await Promise.all([importVoc([{ name: 'x.xml', text }]), importCvat(text)]);
          expect(performance.now() - t0).toBeLessThan(PER_INPUT_MS * 2);
          for (const r of [voc, cvat])
            expect(r.ok || r.issues.some((i) => i.severity === 'error')).toBe(true);
        }),
        runs,
      );
      console.info(`F4 XML: ${tried.xml} inputs`);
      expect(tried.xml).toBeGreaterThan(100);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'COCO RLE decoder: any JSON, any size and counts, throws only FormatError; a decoded mask decodes',
    () => {
      const rleChars = fc.string({
        unit: fc.constantFrom(...'0123456789:;<=>?@ABCOPQXYZ[\\]^_`aoz~ '),
        maxLength: 40,
      });
      const counts = fc.oneof(
        rleChars,
        fc.array(fc.oneof(fc.integer({ min: -3, max: 40 }), fc.double(), fc.constant(2 ** 53)), {
          maxLength: 30,
        }),
        fc.jsonValue(),
      );
      const sizes = fc.oneof(
        fc.tuple(fc.integer({ min: -2, max: 12 }), fc.integer({ min: -2, max: 12 })),
        fc.tuple(fc.constant(1 << 20), fc.constant(1 << 20)),
        fc.jsonValue(),
      );
      const arb = fc.oneof(fc.record({ size: sizes, counts }), fc.jsonValue());
      fc.assert(
        fc.property(arb, (value) => {
          tried.rle++;
          onlyFormatErrors(() => {
            const { rle } = decodeCocoRle(value as JsonValue);
            expect(rleDecode(rle).length).toBe(rle.size[0] * rle.size[1]);
          });
        }),
        runs,
      );
      console.info(`F4 RLE: ${tried.rle} inputs`);
      expect(tried.rle).toBeGreaterThan(1000);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'COCO JSON stream: mutated files resolve to a result (never a rejection), each fast',
    async () => {
      const base = fixture('coco-instances.json');
      await fc.assert(
        fc.asyncProperty(
          mutated(base, '{}[]",:0123456789-eE.NaIfty \\u'),
          fc.nat({ max: 300 }),
          async (text, chunk) => {
            tried.coco++;
            const t0 = performance.now();
            async function* chunks() {
              for (let i = 0; i < text.length; i += chunk + 1) yield text.slice(i, i + chunk + 1);
            }
            const r = await importCoco(chunks());
            expect(performance.now() - t0).toBeLessThan(PER_INPUT_MS);
            expect(r.ok || r.issues.some((i) => i.severity === 'error')).toBe(true);
          },
        ),
        runs,
      );
      console.info(`F4 COCO stream: ${tried.coco} inputs`);
      expect(tried.coco).toBeGreaterThan(100);
    },
    TEST_TIMEOUT_MS,
  );
});
