import type { OntologyClass, OntologyDefinition } from '@tessera/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffOntology, isOntologyDiffEmpty } from './diff-ontology';
import { ontologyArb } from './ontology-arbitraries';
import { ONTOLOGY } from './test-fixtures';

const ids = (items: readonly { readonly id: string }[]) => items.map((i) => i.id);

describe('diffOntology', () => {
  it('reports added, removed and changed classes with per-field before/after', () => {
    const [car, person, road, ...rest] = ONTOLOGY.classes;
    const next: OntologyDefinition = {
      ...ONTOLOGY,
      classes: [
        ...rest,
        {
          ...car!,
          name: 'Automobile',
          color: '#FF0000', // same colour, other case
          geometries: ['polygon', 'box', 'point'],
          allow_overlap: false, // same as absent
          attributes: [
            { id: 'color', name: 'Color', required: false, type: 'enum', options: ['red', 'blue'] },
            { id: 'occluded', name: 'Occluded', required: false, type: 'boolean' },
            { id: 'trim', name: 'Trim', required: false, type: 'text' },
          ],
        },
        road!,
        { id: 'bus', name: 'Bus', color: '#000000', geometries: ['box'], attributes: [] },
      ],
      global_attributes: [ONTOLOGY.global_attributes[1]!],
      guidelines: 'Label every car.\nBoxes are loose.\n',
    };
    const diff = diffOntology(ONTOLOGY, next);
    expect(ids(diff.classes.added)).toEqual(['bus']);
    expect(diff.classes.removed).toEqual([person]);
    expect(diff.classes.changed).toEqual([
      {
        id: 'car',
        changes: [
          { field: 'name', before: 'Car', after: 'Automobile' },
          { field: 'geometries', before: ['box', 'polygon'], after: ['box', 'polygon', 'point'] },
        ],
        attributes: {
          added: [{ id: 'trim', name: 'Trim', required: false, type: 'text' }],
          removed: [car!.attributes[2]],
          changed: [{ id: 'color', changes: [{ field: 'required', before: true, after: false }] }],
        },
      },
    ]);
    expect(ids(diff.globalAttributes.removed)).toEqual(['quality']);
    expect(diff.guidelinesChanged).toBe(true);
    expect(diff.guidelinesDiff).toEqual([
      '@@ -1,2 +1,2 @@',
      ' Label every car.',
      '-Boxes are tight.',
      '+Boxes are loose.',
    ]);
    expect(JSON.parse(JSON.stringify(diff))).toEqual(diff);
  });

  it('reports attribute type changes and absent optional fields as null', () => {
    const cls = (attributes: OntologyClass['attributes']): OntologyDefinition => ({
      ...ONTOLOGY,
      classes: [{ id: 'k', name: 'K', color: '#000000', geometries: ['box'], attributes }],
    });
    const diff = diffOntology(
      cls([{ id: 'n', name: 'N', required: false, type: 'number', min: 0 }]),
      cls([{ id: 'n', name: 'N', required: false, type: 'text', max_length: 3 }]),
    );
    expect(diff.classes.changed[0]!.attributes.changed).toEqual([
      {
        id: 'n',
        changes: [
          { field: 'type', before: 'number', after: 'text' },
          { field: 'min', before: 0, after: null },
          { field: 'max_length', before: null, after: 3 },
        ],
      },
    ]);
  });

  it('orders every list by id in code-point order', () => {
    const make = (id: string): OntologyClass => ({
      id,
      name: id,
      color: '#000000',
      geometries: ['box'],
      attributes: [],
    });
    const next = { ...ONTOLOGY, classes: ['b', 'B', 'a.1', 'a', 'Z9'].map(make) };
    expect(ids(diffOntology({ ...ONTOLOGY, classes: [] }, next).classes.added)).toEqual([
      'B',
      'Z9',
      'a',
      'a.1',
      'b',
    ]);
  });

  it('diff(x, x) is empty', () => {
    fc.assert(
      fc.property(ontologyArb, (x) => {
        const diff = diffOntology(x, structuredClone(x));
        expect(isOntologyDiffEmpty(diff)).toBe(true);
        expect(diff.guidelinesDiff).toEqual([]);
      }),
    );
  });

  it('is consistent with the id sets, and changed exactly when the content differs', () => {
    fc.assert(
      fc.property(ontologyArb, ontologyArb, (x, y) => {
        const diff = diffOntology(x, y);
        const before = new Map(x.classes.map((c) => [c.id, c]));
        const after = new Map(y.classes.map((c) => [c.id, c]));
        expect(ids(diff.classes.added)).toEqual([...after.keys()].filter((id) => !before.has(id)).sort());
        expect(ids(diff.classes.removed)).toEqual([...before.keys()].filter((id) => !after.has(id)).sort());
        const shared = [...before.keys()].filter((id) => after.has(id)).sort();
        const differs = shared.filter((id) => canonical(before.get(id)!) !== canonical(after.get(id)!));
        expect(ids(diff.classes.changed)).toEqual(differs);
        expect(isOntologyDiffEmpty(diff)).toBe(canonicalOntology(x) === canonicalOntology(y));
        const back = diffOntology(y, x);
        expect(ids(back.classes.added)).toEqual(ids(diff.classes.removed));
        expect(ids(back.globalAttributes.removed)).toEqual(ids(diff.globalAttributes.added));
      }),
      { numRuns: 300 },
    );
  });
});

/** An order-insensitive rendering of what the diff compares (independent of the implementation). */
function canonical(c: OntologyClass): string {
  return JSON.stringify({
    name: c.name,
    color: c.color.toLowerCase(),
    geometries: [...c.geometries].sort(),
    allow_overlap: c.allow_overlap === true,
    attributes: canonicalAttributes(c.attributes),
  });
}

function canonicalAttributes(list: OntologyClass['attributes']): string {
  return JSON.stringify(
    [...list]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((a) => Object.entries(a).sort(([k], [l]) => (k < l ? -1 : 1))),
  );
}

function canonicalOntology(o: OntologyDefinition): string {
  const classes = [...o.classes].sort((a, b) => (a.id < b.id ? -1 : 1)).map((c) => [c.id, canonical(c)]);
  return JSON.stringify([classes, canonicalAttributes(o.global_attributes), o.guidelines]);
}
