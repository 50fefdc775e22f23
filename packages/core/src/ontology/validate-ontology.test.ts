import type { FieldIssue, OntologyDefinition } from '@tessera/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ontologyArb } from './ontology-arbitraries';
import { ONTOLOGY } from './test-fixtures';
import { validateOntologyDefinition } from './validate-ontology';

type Draft = { -readonly [K in keyof OntologyDefinition]: OntologyDefinition[K] };

function issuesOf(edit: (o: Draft) => void): readonly FieldIssue[] {
  const ontology: Draft = structuredClone(ONTOLOGY);
  edit(ontology);
  const result = validateOntologyDefinition(ontology);
  return result.ok ? [] : result.issues;
}

const codes = (issues: readonly FieldIssue[]) => issues.map((i) => [i.path, i.code]);

describe('validateOntologyDefinition', () => {
  it('accepts a valid definition', () => {
    expect(validateOntologyDefinition(ONTOLOGY)).toEqual({ ok: true, value: ONTOLOGY });
  });

  it('reports schema problems with code invalid (e.g. a key that is not stable)', () => {
    const issues = issuesOf((o) => {
      o.classes = [{ ...o.classes[0]!, id: 'has space' }];
    });
    expect(codes(issues)).toEqual([['/classes/0/id', 'invalid']]);
  });

  it('duplicate_id for class ids, at the later class', () => {
    const issues = issuesOf((o) => {
      o.classes = [...o.classes, { ...o.classes[2]!, name: 'Road again' }];
    });
    expect(codes(issues)).toEqual([['/classes/6/id', 'duplicate_id']]);
  });

  it('duplicate_id for attribute ids within a class and among global attributes', () => {
    const issues = issuesOf((o) => {
      const car = o.classes[0]!;
      o.classes[0] = {
        ...car,
        attributes: [...car.attributes, { id: 'color', name: 'Again', required: false, type: 'boolean' }],
      };
      o.global_attributes = [
        ...o.global_attributes,
        { id: 'note', name: 'Note 2', required: false, type: 'text' },
      ];
    });
    expect(codes(issues)).toEqual([
      ['/classes/0/attributes/3/id', 'duplicate_id'],
      ['/global_attributes/2/id', 'duplicate_id'],
    ]);
  });

  it('allows a class attribute to share its id with a global attribute', () => {
    const issues = issuesOf((o) => {
      o.classes[2] = {
        ...o.classes[2]!,
        attributes: [{ id: 'quality', name: 'Q', required: false, type: 'boolean' }],
      };
    });
    expect(issues).toEqual([]);
  });

  it('duplicate_option for a repeated enum option', () => {
    const issues = issuesOf((o) => {
      o.global_attributes[0] = {
        id: 'quality',
        name: 'Q',
        required: true,
        type: 'enum',
        options: ['a', 'b', 'a'],
      };
    });
    expect(codes(issues)).toEqual([['/global_attributes/0/options/2', 'duplicate_option']]);
  });

  it('invalid_range for min > max, and for an integer range without integers', () => {
    const issues = issuesOf((o) => {
      o.global_attributes = [
        { id: 'n1', name: 'N', required: false, type: 'number', min: 5, max: 4 },
        { id: 'n2', name: 'N', required: false, type: 'number', min: 0.2, max: 0.8, integer: true },
        { id: 'n3', name: 'N', required: false, type: 'number', min: 0.2, max: 0.8 },
        { id: 'n4', name: 'N', required: false, type: 'number', min: 3, max: 3, integer: true },
      ];
    });
    expect(codes(issues)).toEqual([
      ['/global_attributes/0/min', 'invalid_range'],
      ['/global_attributes/1/max', 'invalid_range'],
    ]);
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue()), (value) => {
        validateOntologyDefinition(value);
      }),
      { numRuns: 1000 },
    );
  });

  it('accepts generated valid ontologies', () => {
    fc.assert(
      fc.property(ontologyArb, (ontology) => {
        const result = validateOntologyDefinition(ontology);
        expect(result.ok ? [] : result.issues).toEqual([]);
      }),
    );
  });
});
