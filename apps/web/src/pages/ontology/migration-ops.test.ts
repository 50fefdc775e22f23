import type { OntologyDefinition } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { draftHints } from './draft-hints';
import {
  describeMigrationOp,
  MIGRATION_OP_KINDS,
  newMigrationOp,
  splitTemplate,
  splitValues,
} from './migration-ops';

const previous: OntologyDefinition = {
  classes: [
    {
      id: 'vehicle',
      name: 'Vehicle',
      color: '#ff0000',
      geometries: ['box'],
      attributes: [
        { id: 'kind', name: 'Kind', type: 'enum', required: true, options: ['car', 'truck', 'bus'] },
        { id: 'parked', name: 'Parked', type: 'boolean', required: false },
      ],
    },
    { id: 'person', name: 'Person', color: '#00ff00', geometries: ['box'], attributes: [] },
  ],
  global_attributes: [{ id: 'weather', name: 'Weather', type: 'text', required: false }],
  guidelines: '',
};

const cls = (id: string) => ({
  id,
  name: id,
  color: '#123456',
  geometries: ['box' as const],
  attributes: [],
});
const next: OntologyDefinition = { ...previous, classes: [cls('car'), cls('truck'), cls('person')] };
const ctx = { previous, next };

describe('migration ops', () => {
  it('prefills each kind from the classes that went away and the ones that came', () => {
    expect(newMigrationOp('rename_class', ctx)).toEqual({ op: 'rename_class', from: 'vehicle', to: 'car' });
    expect(newMigrationOp('merge_classes', ctx)).toEqual({
      op: 'merge_classes',
      from: ['vehicle'],
      into: 'car',
    });
    expect(newMigrationOp('delete_class', ctx)).toEqual({
      op: 'delete_class',
      class_id: 'vehicle',
      remap_to: null,
    });
    expect(newMigrationOp('rename_attribute', ctx)).toEqual({
      op: 'rename_attribute',
      class_id: 'vehicle',
      from: 'kind',
      to: '',
    });
  });

  it('splits by an enum, mapping options to same-named new classes', () => {
    const split = newMigrationOp('split_class', ctx);
    expect(split).toEqual({
      op: 'split_class',
      from: 'vehicle',
      attribute: 'kind',
      mapping: { car: 'car', truck: 'truck' },
      default: 'car',
    });
    expect(draftHints({ definition: next, migration: [split] }, previous)).toEqual([]);
    expect(splitValues(previous, 'vehicle', 'parked')).toEqual(['true', 'false']);
    expect(splitValues(previous, 'person', 'kind')).toEqual([]);
    expect(splitTemplate(ctx, 'vehicle', 'parked').mapping).toEqual({});
  });

  it('starts with empty ids when a version has no classes, which the hints then flag', () => {
    const empty: OntologyDefinition = { classes: [], global_attributes: [], guidelines: '' };
    for (const { kind } of MIGRATION_OP_KINDS) {
      const op = newMigrationOp(kind, { previous: empty, next: empty });
      expect(draftHints({ definition: empty, migration: [op] }, empty).length).toBeGreaterThan(0);
    }
  });

  it('describes ops in one line', () => {
    expect(describeMigrationOp({ op: 'rename_class', from: 'a', to: 'b' })).toBe('rename class a → b');
    expect(describeMigrationOp({ op: 'delete_class', class_id: 'a', remap_to: null })).toBe(
      'delete class a (remove its objects)',
    );
    expect(describeMigrationOp({ op: 'rename_attribute', class_id: null, from: 'w', to: 'weather' })).toBe(
      'rename attribute global.w → weather',
    );
    expect(
      describeMigrationOp({
        op: 'split_class',
        from: 'v',
        attribute: 'k',
        mapping: { car: 'car' },
        default: 'other',
        drop_attribute: false,
      }),
    ).toBe('split v by k (car → car; otherwise other, keep attribute)');
  });
});
