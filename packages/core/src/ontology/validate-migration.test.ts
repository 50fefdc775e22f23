import type { Migration, OntologyDefinition } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { ONTOLOGY } from './test-fixtures';
import { validateMigration } from './validate-migration';

const NEXT: OntologyDefinition = {
  ...ONTOLOGY,
  classes: [
    ...ONTOLOGY.classes,
    {
      id: 'vehicle',
      name: 'Vehicle',
      color: '#111111',
      geometries: ['box'],
      attributes: [{ id: 'paint', name: 'Paint', required: false, type: 'enum', options: ['red', 'blue'] }],
    },
    { id: 'red_car', name: 'Red car', color: '#222222', geometries: ['box'], attributes: [] },
  ],
  global_attributes: [
    ...ONTOLOGY.global_attributes,
    { id: 'grade', name: 'Grade', required: false, type: 'text' },
  ],
};

const codes = (ops: Migration) => validateMigration(ONTOLOGY, NEXT, ops).map((i) => [i.path, i.code]);

describe('validateMigration', () => {
  it('accepts a migration whose sources and targets exist', () => {
    expect(
      codes([
        { op: 'rename_class', from: 'car', to: 'vehicle' },
        { op: 'rename_attribute', class_id: 'vehicle', from: 'color', to: 'paint' },
        { op: 'merge_classes', from: ['person', 'road'], into: 'vehicle' },
        {
          op: 'split_class',
          from: 'vehicle',
          attribute: 'paint',
          mapping: { red: 'red_car' },
          default: 'vehicle',
        },
        { op: 'delete_class', class_id: 'topic', remap_to: null },
        { op: 'delete_class', class_id: 'entity', remap_to: 'topic' },
        { op: 'rename_attribute', class_id: null, from: 'note', to: 'grade' },
      ]),
    ).toEqual([]);
  });

  it('unknown_class for sources missing from previous and targets missing from next', () => {
    expect(
      codes([
        { op: 'rename_class', from: 'truck', to: 'lorry' },
        { op: 'merge_classes', from: ['car', 'bus'], into: 'fleet' },
        { op: 'split_class', from: 'bike', attribute: 'a', mapping: { x: 'nowhere' }, default: 'gone' },
        { op: 'delete_class', class_id: 'ghost', remap_to: 'phantom' },
        { op: 'rename_attribute', class_id: 'spirit', from: 'a', to: 'b' },
      ]),
    ).toEqual([
      ['/migration/0/from', 'unknown_class'],
      ['/migration/0/to', 'unknown_class'],
      ['/migration/1/from/1', 'unknown_class'],
      ['/migration/1/into', 'unknown_class'],
      ['/migration/2/from', 'unknown_class'],
      ['/migration/2/mapping/x', 'unknown_class'],
      ['/migration/2/default', 'unknown_class'],
      ['/migration/3/class_id', 'unknown_class'],
      ['/migration/3/remap_to', 'unknown_class'],
      ['/migration/4/class_id', 'unknown_class'],
    ]);
  });

  it('allows sources produced by earlier ops, which keep the attributes they came with', () => {
    expect(
      codes([
        { op: 'rename_class', from: 'car', to: 'red_car' },
        { op: 'split_class', from: 'red_car', attribute: 'color', mapping: {}, default: 'vehicle' },
      ]),
    ).toEqual([]);
  });

  it('unknown_attribute for split and rename sources and rename targets', () => {
    expect(
      codes([
        { op: 'split_class', from: 'car', attribute: 'size', mapping: {}, default: 'vehicle' },
        { op: 'rename_attribute', class_id: 'vehicle', from: 'color', to: 'hue' },
        { op: 'rename_attribute', class_id: null, from: 'mood', to: 'vibe' },
      ]),
    ).toEqual([
      ['/migration/0/attribute', 'unknown_attribute'],
      ['/migration/1/to', 'unknown_attribute'],
      ['/migration/2/from', 'unknown_attribute'],
      ['/migration/2/to', 'unknown_attribute'],
    ]);
  });

  it('tracks attribute renames: a renamed-away attribute is no longer a source', () => {
    expect(
      codes([
        { op: 'rename_attribute', class_id: 'car', from: 'color', to: 'paint' },
        { op: 'rename_attribute', class_id: 'car', from: 'color', to: 'paint' },
      ]),
    ).toEqual([
      ['/migration/0/to', 'unknown_attribute'],
      ['/migration/1/from', 'unknown_attribute'],
      ['/migration/1/to', 'unknown_attribute'],
    ]);
  });

  it('reports a structurally invalid migration under /migration with code invalid', () => {
    const issues = validateMigration(ONTOLOGY, NEXT, [{ op: 'explode' }] as unknown as Migration);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.code === 'invalid' && i.path.startsWith('/migration/0'))).toBe(true);
  });
});
