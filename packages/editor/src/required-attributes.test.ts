import type { AnnotationPayload, OntologyDefinition } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { attributeValueProblem, missingRequired } from './required-attributes';
import { completePayload, ONTOLOGY } from './required-attributes-fixtures';

type Edit = (p: AnnotationPayload) => AnnotationPayload;

const withObjectAttrs =
  (i: number, attributes: AnnotationPayload['objects'][number]['attributes']): Edit =>
  (p) => ({ ...p, objects: p.objects.map((o, j) => (j === i ? { ...o, attributes } : o)) });

const CASES: readonly {
  readonly name: string;
  readonly edit: Edit;
  readonly expected: readonly Pick<
    ReturnType<typeof missingRequired>[number],
    'path' | 'owner' | 'index' | 'attribute_id'
  >[];
}[] = [
  { name: 'a complete payload', edit: (p) => p, expected: [] },
  {
    name: 'an empty payload without the required global attribute',
    edit: () => ({ classifications: [], objects: [], spans: [], attributes: {} }),
    expected: [{ path: '/attributes/quality', owner: 'global', index: null, attribute_id: 'quality' }],
  },
  {
    name: 'an object missing two required attributes',
    edit: withObjectAttrs(0, { doors: 2 }),
    expected: [
      { path: '/objects/0/attributes/color', owner: 'object', index: 0, attribute_id: 'color' },
      { path: '/objects/0/attributes/occluded', owner: 'object', index: 0, attribute_id: 'occluded' },
    ],
  },
  {
    name: 'a required boolean set to false counts as present',
    edit: withObjectAttrs(0, { color: 'blue', occluded: false }),
    expected: [],
  },
  {
    name: 'a classification missing its required enum',
    edit: (p) => ({
      ...p,
      classifications: [
        { class_id: 'indoor', attributes: {} },
        { class_id: 'scene', attributes: {} },
      ],
    }),
    expected: [
      {
        path: '/classifications/1/attributes/weather',
        owner: 'classification',
        index: 1,
        attribute_id: 'weather',
      },
    ],
  },
  {
    name: 'a span missing its required number',
    edit: (p) => ({ ...p, spans: [{ id: 's1', class_id: 'entity', start: 0, end: 1, attributes: {} }] }),
    expected: [{ path: '/spans/0/attributes/conf', owner: 'span', index: 0, attribute_id: 'conf' }],
  },
  {
    name: 'an enum value outside the options',
    edit: withObjectAttrs(0, { color: 'green', occluded: true }),
    expected: [{ path: '/objects/0/attributes/color', owner: 'object', index: 0, attribute_id: 'color' }],
  },
  {
    name: 'a number that is not an integer, and one out of range',
    edit: (p) =>
      withObjectAttrs(0, { color: 'red', occluded: true, doors: 2.5 })({
        ...p,
        spans: [{ id: 's1', class_id: 'entity', start: 0, end: 1, attributes: { conf: 1.5 } }],
      }),
    expected: [
      { path: '/objects/0/attributes/doors', owner: 'object', index: 0, attribute_id: 'doors' },
      { path: '/spans/0/attributes/conf', owner: 'span', index: 0, attribute_id: 'conf' },
    ],
  },
  {
    name: 'a text longer than max_length and a wrong type',
    edit: (p) =>
      withObjectAttrs(1, { nick: 'abcdef' })({ ...p, attributes: { quality: 'good', reviewed: 'yes' } }),
    expected: [
      { path: '/objects/1/attributes/nick', owner: 'object', index: 1, attribute_id: 'nick' },
      { path: '/attributes/reviewed', owner: 'global', index: null, attribute_id: 'reviewed' },
    ],
  },
  {
    name: 'an attribute the class does not define (escaped in the pointer)',
    edit: withObjectAttrs(1, { 'a/b~c': 'x' }),
    expected: [{ path: '/objects/1/attributes/a~1b~0c', owner: 'object', index: 1, attribute_id: 'a/b~c' }],
  },
  {
    name: 'a label of an unknown class is not checked (the server reports only the class)',
    edit: (p) => ({
      ...p,
      objects: [{ id: 'x', class_id: 'bus', geometry: { type: 'point', x: 0, y: 0 }, attributes: { z: 1 } }],
    }),
    expected: [],
  },
  {
    name: 'a missing global attribute comes after the labels, in the server order',
    edit: (p) => withObjectAttrs(0, { color: 'red' })({ ...p, attributes: { note: 'short' } }),
    expected: [
      { path: '/objects/0/attributes/occluded', owner: 'object', index: 0, attribute_id: 'occluded' },
      { path: '/attributes/quality', owner: 'global', index: null, attribute_id: 'quality' },
    ],
  },
];

describe('missingRequired', () => {
  it.each(CASES)('$name', ({ edit, expected }) => {
    const found = missingRequired(ONTOLOGY, edit(completePayload()));
    expect(
      found.map(({ path, owner, index, attribute_id }) => ({ path, owner, index, attribute_id })),
    ).toEqual(expected);
    for (const m of found) expect(m.message.length).toBeGreaterThan(0);
  });

  it('names the attribute in the message of a missing one', () => {
    const [first] = missingRequired(ONTOLOGY, withObjectAttrs(0, { occluded: true })(completePayload()));
    expect(first?.message).toBe('Color is required');
  });

  it('uses the first definition of a duplicated attribute id, like the server', () => {
    const ontology: OntologyDefinition = {
      classes: [],
      global_attributes: [
        { id: 'q', name: 'Q', required: false, type: 'boolean' },
        { id: 'q', name: 'Q again', required: true, type: 'text' },
      ],
      guidelines: '',
    };
    const empty = { classifications: [], objects: [], spans: [], attributes: {} };
    expect(missingRequired(ontology, empty)).toEqual([]);
    expect(missingRequired(ontology, { ...empty, attributes: { q: 'text' } })).toHaveLength(1);
  });
});

describe('attributeValueProblem', () => {
  it('accepts values of the right type within bounds and refuses the rest', () => {
    const num = { id: 'n', name: 'N', required: false, type: 'number', min: -1, max: 1 } as const;
    expect(attributeValueProblem(num, -1)).toBeNull();
    expect(attributeValueProblem(num, 1)).toBeNull();
    expect(attributeValueProblem(num, 1.01)).toBe('must be at most 1');
    expect(attributeValueProblem(num, -2)).toBe('must be at least -1');
    expect(attributeValueProblem(num, '0')).toBe('must be a finite number');
    const text = { id: 't', name: 'T', required: false, type: 'text' } as const;
    expect(attributeValueProblem(text, 'x'.repeat(9999))).toBeNull();
    expect(attributeValueProblem(text, 3)).toBe('must be a string');
  });
});
