import { validateAnnotation } from '@tessera/core';
import type { AnnotationPayload, AttributeValues } from '@tessera/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { missingRequired } from './required-attributes';
import { completePayload, ONTOLOGY } from './required-attributes-fixtures';

/** The server's attribute issue codes (core `checkAttributes`); every other code is about something else. */
const ATTRIBUTE_CODES = new Set([
  'missing_attribute',
  'unknown_attribute',
  'invalid_attribute_value',
  'out_of_range',
]);
const NO_MEDIA = { width: null, height: null, textLength: null } as const;

function serverView(payload: AnnotationPayload): { ok: boolean; paths: string[] } {
  const result = validateAnnotation(payload, ONTOLOGY, NO_MEDIA);
  if (result.ok) return { ok: true, paths: [] };
  return { ok: false, paths: result.issues.filter((i) => ATTRIBUTE_CODES.has(i.code)).map((i) => i.path) };
}

function expectAgreement(payload: AnnotationPayload): void {
  const server = serverView(payload);
  const editor = missingRequired(ONTOLOGY, payload);
  expect(editor.length === 0, JSON.stringify(payload)).toBe(server.ok);
  expect(editor.map((m) => m.path)).toEqual(server.paths);
}

const ATTRIBUTE_KEYS = [
  'color',
  'occluded',
  'doors',
  'nick',
  'weather',
  'lux',
  'conf',
  'kind',
  'quality',
  'note',
  'reviewed',
  'undefined_here',
];
const VALUES: readonly AttributeValues[string][] = [
  'red',
  'blue',
  'green',
  'sunny',
  'org',
  'good',
  'bad',
  '',
  'abcdef',
  'a long note of more than twenty characters',
  true,
  false,
  0,
  0.25,
  0.5,
  1,
  2.5,
  4,
  7,
  -1,
];
type Label = { readonly class_id: string; readonly attributes: AttributeValues };

const attributes: fc.Arbitrary<AttributeValues> = fc.dictionary(
  fc.constantFrom(...ATTRIBUTE_KEYS),
  fc.constantFrom(...VALUES),
  {
    maxKeys: 4,
  },
);
/** Half of the labels carry attributes valid for their class, so valid payloads are common too. */
const classification = fc.oneof<fc.Arbitrary<Label>[]>(
  fc.record({ class_id: fc.constantFrom('scene', 'indoor'), attributes }),
  fc.constantFrom<Label>(
    { class_id: 'scene', attributes: { weather: 'rainy' } },
    { class_id: 'scene', attributes: { weather: 'sunny', lux: 0.5 } },
    { class_id: 'indoor', attributes: {} },
  ),
);
const object = fc.oneof<fc.Arbitrary<Label>[]>(
  fc.record({ class_id: fc.constantFrom('car', 'person'), attributes }),
  fc.constantFrom<Label>(
    { class_id: 'car', attributes: { color: 'blue', occluded: true } },
    { class_id: 'car', attributes: { color: 'red', occluded: false, doors: 0 } },
    { class_id: 'person', attributes: {} },
    { class_id: 'person', attributes: { nick: 'bob' } },
  ),
);
const span = fc.oneof<fc.Arbitrary<{ readonly attributes: AttributeValues }>[]>(
  fc.record({ attributes }),
  fc.constantFrom<{ readonly attributes: AttributeValues }>(
    { attributes: { conf: 0 } },
    { attributes: { conf: 1, kind: 'loc' } },
  ),
);
const globals = fc.oneof<fc.Arbitrary<AttributeValues>[]>(
  attributes,
  fc.constantFrom<AttributeValues>({ quality: 'good' }, { quality: 'bad', reviewed: true, note: 'ok' }),
);

const payloads: fc.Arbitrary<AnnotationPayload> = fc
  .record({
    classifications: fc.array(classification, { maxLength: 3 }),
    objects: fc.array(object, { maxLength: 4 }),
    spans: fc.array(span, { maxLength: 3 }),
    attributes: globals,
  })
  .map((p) => ({
    classifications: p.classifications,
    objects: p.objects.map((o, i) => ({
      id: `o${i}`,
      class_id: o.class_id,
      geometry: { type: 'point' as const, x: i, y: i },
      attributes: o.attributes,
    })),
    spans: p.spans.map((s, i) => ({
      id: `s${i}`,
      class_id: 'entity',
      start: i,
      end: i + 2,
      attributes: s.attributes,
    })),
    attributes: p.attributes,
  }));

describe("missingRequired agrees with the server's submit-time validator", () => {
  it('on the complete fixture and on each hand-made variation', () => {
    const base = completePayload();
    const variations: AnnotationPayload[] = [
      base,
      { ...base, attributes: {} },
      { ...base, attributes: { quality: 'good', note: 'a long note of more than twenty characters' } },
      { ...base, classifications: [{ class_id: 'scene', attributes: { weather: 'sunny', lux: 0.25 } }] },
      { ...base, spans: [{ id: 's1', class_id: 'entity', start: 0, end: 1, attributes: { conf: 1.01 } }] },
      {
        ...base,
        objects: [
          {
            id: 'o1',
            class_id: 'car',
            geometry: { type: 'box', x: 0, y: 0, w: 3, h: 3 },
            attributes: { color: 'red', occluded: 'no' },
          },
        ],
      },
      { classifications: [], objects: [], spans: [], attributes: { quality: 'bad', reviewed: false } },
    ];
    for (const payload of variations) expectAgreement(payload);
  });

  it('on generated payloads (same verdict, same paths, same order)', () => {
    fc.assert(
      fc.property(payloads, (payload) => expectAgreement(payload)),
      { numRuns: 500 },
    );
  });

  it('generates both valid and invalid payloads, so the agreement means something', () => {
    const samples = fc.sample(payloads, { numRuns: 500, seed: 7 });
    const verdicts = new Set(samples.map((p) => missingRequired(ONTOLOGY, p).length === 0));
    expect(verdicts).toEqual(new Set([true, false]));
  });
});
