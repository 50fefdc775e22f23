/** Test-only fast-check arbitraries of small valid ontology definitions. */
import {
  type AttributeDef,
  GEOMETRY_KINDS,
  type OntologyClass,
  type OntologyDefinition,
} from '@tessera/schema';
import fc from 'fast-check';

const keyArb = (pool: readonly string[]) => fc.constantFrom(...pool);
const colorArb = fc.stringMatching(/^#[0-9a-fA-F]{6}$/);

export function attributeDefArb(ids: readonly string[]): fc.Arbitrary<AttributeDef> {
  const base = { id: keyArb(ids), name: fc.constantFrom('A', 'B'), required: fc.boolean() };
  const range = fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: 0, max: 5 }));
  return fc.oneof(
    fc.record({
      ...base,
      type: fc.constant('enum' as const),
      options: fc.uniqueArray(keyArb(['x', 'y', 'z']), { minLength: 1 }),
    }),
    fc.record({ ...base, type: fc.constant('boolean' as const) }),
    fc
      .record({ ...base, type: fc.constant('number' as const), range, integer: fc.boolean() })
      .map(({ range: [min, span], ...rest }) => ({ ...rest, min, max: min + span })),
    fc.record(
      { ...base, type: fc.constant('text' as const), max_length: fc.integer({ min: 1, max: 9 }) },
      { requiredKeys: ['id', 'name', 'required', 'type'] },
    ),
  );
}

const attributesArb = (ids: readonly string[]) =>
  fc.uniqueArray(attributeDefArb(ids), { selector: (a) => a.id, maxLength: 3 });

export const ontologyClassArb: fc.Arbitrary<OntologyClass> = fc.record(
  {
    id: keyArb(['a', 'b', 'c', 'd', 'e']),
    name: fc.constantFrom('One', 'Two'),
    color: colorArb,
    geometries: fc.shuffledSubarray([...GEOMETRY_KINDS], { minLength: 1 }),
    attributes: attributesArb(['p', 'q', 'r']),
    allow_overlap: fc.boolean(),
  },
  { requiredKeys: ['id', 'name', 'color', 'geometries', 'attributes'] },
);

/** Small valid ontologies drawn from a few shared ids, so two draws overlap. */
export const ontologyArb: fc.Arbitrary<OntologyDefinition> = fc.record({
  classes: fc.uniqueArray(ontologyClassArb, { selector: (c) => c.id, maxLength: 5 }),
  global_attributes: attributesArb(['g', 'h']),
  guidelines: fc.array(fc.constantFrom('one', 'two', 'three'), { maxLength: 6 }).map((l) => l.join('\n')),
});
