import type { AnnotationPayload, LabeledObject, LabeledSpan } from '@tessera/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { semanticFuzzArb, validPayloadArb } from './payload-arbitraries';
import { MEDIA, ONTOLOGY, validPayload } from './test-fixtures';
import { validateAnnotation } from './validate-annotation';

const mediaArb = fc.record({
  width: fc.option(fc.double()),
  height: fc.option(fc.double()),
  textLength: fc.option(fc.double()),
});

describe('validateAnnotation properties', () => {
  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue(), semanticFuzzArb), mediaArb, (payload, media) => {
        const result = validateAnnotation(payload, ONTOLOGY, media);
        if (!result.ok) expect(result.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('reaches the semantic checks on random well-formed payloads; paths are JSON Pointers', () => {
    fc.assert(
      fc.property(semanticFuzzArb, mediaArb, (payload, media) => {
        const result = validateAnnotation(payload, ONTOLOGY, media);
        for (const issue of result.ok ? [] : result.issues) {
          expect(issue.code).not.toBe('invalid');
          expect(issue.path).toMatch(/^(\/([^~/]|~[01])*)+$/);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('accepts every generated valid payload', () => {
    const arb = fc
      .record({
        width: fc.integer({ min: 2, max: 4000 }),
        height: fc.integer({ min: 2, max: 4000 }),
        text: fc.nat(500),
      })
      .chain(({ width, height, text }) =>
        fc.tuple(fc.constant({ width, height, textLength: text }), validPayloadArb(width, height, text)),
      );
    fc.assert(
      fc.property(arb, ([media, payload]) => {
        const result = validateAnnotation(payload, ONTOLOGY, media);
        expect(result.ok ? [] : result.issues).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});

function bigPayload(count: number): AnnotationPayload {
  const objects: LabeledObject[] = [];
  const spans: LabeledSpan[] = [];
  for (let i = 0; i < count; i++) {
    const x = (i * 7) % 90;
    const y = (i * 3) % 40;
    const geometry: LabeledObject['geometry'] =
      i % 3 === 0
        ? { type: 'box', x, y, w: 5, h: 5 }
        : i % 3 === 1
          ? {
              type: 'polygon',
              points: [0, 1, 2, 3, 4, 5, 6, 7].map((k) => ({
                x: x + 5 + 4 * Math.cos((k * Math.PI) / 4),
                y: y + 5 + 4 * Math.sin((k * Math.PI) / 4),
              })),
            }
          : { type: 'point', x, y };
    const cls = i % 3 === 2 ? 'person' : 'car';
    objects.push({
      id: `o${i}`,
      class_id: cls,
      geometry,
      attributes: cls === 'car' ? { color: 'blue', doors: 4 } : {},
    });
    spans.push({ id: `s${i}`, class_id: 'entity', start: i * 3, end: i * 3 + 2, attributes: { conf: 0.9 } });
  }
  return { ...validPayload(), objects, spans: spans.reverse() };
}

/**
 * Best of several runs after a warm-up: the cost of the code itself, robust to a shared, busy test machine.
 */
function bestOf(runs: number, f: () => void): number {
  for (let i = 0; i < 10; i++) f();
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/**
 * How much longer 4n items take than n: about 4 for linear work, 4.7 for n log n, 16 for quadratic. A ratio
 * of two timings on the same machine in the same second, so a slow or busy machine does not fail it (an
 * absolute budget did); the speed itself is the benchmark's business (`bench/`).
 */
function growthOf4x(runs: number, run: (n: number) => void, n: number): number {
  return bestOf(runs, () => run(4 * n)) / bestOf(runs, () => run(n));
}

describe('validateAnnotation performance', () => {
  it('validates objects and spans in linear time (1,000 → 4,000 of each)', () => {
    const payload = bigPayload(2000);
    const media = { ...MEDIA, textLength: 10_000 };
    expect(validateAnnotation(payload, ONTOLOGY, media)).toEqual({ ok: true, value: payload });
    const payloads = new Map([1000, 4000].map((n) => [n, bigPayload(n)]));
    const run = (n: number) => validateAnnotation(payloads.get(n), ONTOLOGY, { ...MEDIA, textLength: 3 * n });
    expect(growthOf4x(20, run, 1000)).toBeLessThan(8);
  });

  it('checks nested spans in O(n log n) (5,000 → 20,000)', () => {
    const nested = (n: number) => {
      const spans: LabeledSpan[] = Array.from({ length: n }, (_, i) => ({
        id: `s${i}`,
        class_id: 'topic',
        start: i,
        end: 2 * n - i,
        attributes: {},
      }));
      return { ...validPayload(), spans };
    };
    const payloads = new Map([5000, 20_000].map((n) => [n, nested(n)]));
    const run = (n: number) => validateAnnotation(payloads.get(n), ONTOLOGY, { ...MEDIA, textLength: 2 * n });
    expect(validateAnnotation(payloads.get(20_000), ONTOLOGY, { ...MEDIA, textLength: 40_000 }).ok).toBe(
      true,
    );
    expect(growthOf4x(5, run, 5000)).toBeLessThan(8);
  });
});
