import type { OntologyDefinition } from '@tessera/schema';
import { ontologyDefinitionValidator } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import {
  type DraftAction,
  type DraftState,
  draftHints,
  draftReducer,
  freshKey,
  initialDraft,
  moveItem,
} from './ontology-draft';

const run = (state: DraftState, ...actions: DraftAction[]): DraftState => actions.reduce(draftReducer, state);

const base: OntologyDefinition = {
  classes: [
    {
      id: 'car',
      name: 'Car',
      color: '#ff0000',
      geometries: ['box'],
      attributes: [{ id: 'color', name: 'Color', type: 'enum', required: true, options: ['red', 'blue'] }],
    },
    { id: 'person', name: 'Person', color: '#00ff00', geometries: ['box', 'point'], attributes: [] },
  ],
  global_attributes: [],
  guidelines: 'Draw tight boxes.',
};

const g = { kind: 'global' } as const;
const c0 = { kind: 'class', index: 0 } as const;

describe('draftReducer', () => {
  it('adds classes with fresh ids, palette colors and the given geometries, never mutating the input', () => {
    const start = initialDraft(base);
    const next = run(
      start,
      { type: 'addClass', geometries: ['span'] },
      { type: 'addClass', geometries: ['box'] },
    );
    expect(next.definition.classes.map((c) => c.id)).toEqual(['car', 'person', 'class_3', 'class_4']);
    expect(next.definition.classes[2]?.geometries).toEqual(['span']);
    expect(next.definition.classes[2]?.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(next.definition.classes[2]?.color).not.toBe(next.definition.classes[3]?.color);
    expect(next.dirty).toBe(true);
    expect(start.definition.classes).toHaveLength(2);
    expect(start.dirty).toBe(false);
    expect(ontologyDefinitionValidator.validate(next.definition).ok).toBe(true);
  });

  it('removes and moves classes, clearing server errors whose indexes would now be wrong', () => {
    const withErrors = run(initialDraft(base), {
      type: 'serverErrors',
      errors: [{ pointer: '/definition/classes/1/id', message: 'bad' }],
    });
    expect(withErrors.serverErrors).toHaveLength(1);
    const moved = run(withErrors, { type: 'moveClass', index: 1, to: 0 });
    expect(moved.definition.classes.map((c) => c.id)).toEqual(['person', 'car']);
    expect(moved.serverErrors).toEqual([]);
    const removed = run(moved, { type: 'removeClass', index: 0 });
    expect(removed.definition.classes.map((c) => c.id)).toEqual(['car']);
  });

  it('keeps server errors about other fields through an edit and drops those about the edited field', () => {
    const errors = [
      { pointer: '/definition/classes/0/id', message: 'taken' },
      { pointer: '/definition/classes/0/attributes/0/options/1', message: 'repeated' },
      { pointer: '/definition/global_attributes/0/min', message: 'min > max' },
      { pointer: '/migration/0/to', message: 'unknown class' },
    ];
    const loaded = run(initialDraft(base), { type: 'serverErrors', errors });
    const renamed = run(loaded, { type: 'setClassText', index: 1, field: 'name', value: 'Pedestrian' });
    expect(renamed.serverErrors).toBe(loaded.serverErrors);
    expect(renamed.definition.classes[1]?.name).toBe('Pedestrian');
    const fixed = run(
      renamed,
      { type: 'setClassText', index: 0, field: 'id', value: 'auto' },
      { type: 'setOptions', owner: c0, attr: 0, options: ['red', 'green'] },
      { type: 'setNumberBound', owner: g, attr: 0, field: 'max', value: 9 },
    );
    expect(fixed.serverErrors).toEqual([{ pointer: '/migration/0/to', message: 'unknown class' }]);
    const op = { op: 'rename_class', from: 'car', to: 'auto' } as const;
    expect(run(fixed, { type: 'setMigrationOp', index: 0, op }).serverErrors).toEqual([]);
  });

  it('toggles geometries as a set and drops allow_overlap once span is gone', () => {
    const state = run(
      initialDraft(base),
      { type: 'toggleGeometry', index: 0, kind: 'span', on: true },
      { type: 'toggleGeometry', index: 0, kind: 'span', on: true },
      { type: 'setAllowOverlap', index: 0, value: true },
    );
    expect(state.definition.classes[0]?.geometries).toEqual(['box', 'span']);
    expect(state.definition.classes[0]?.allow_overlap).toBe(true);
    const off = run(state, { type: 'toggleGeometry', index: 0, kind: 'span', on: false });
    expect(off.definition.classes[0]?.geometries).toEqual(['box']);
    expect(off.definition.classes[0]).not.toHaveProperty('allow_overlap');
  });

  it('adds, edits, retypes and removes class and global attributes', () => {
    let state = run(
      initialDraft(base),
      { type: 'addAttribute', owner: g },
      { type: 'setAttributeType', owner: g, attr: 0, attrType: 'number' },
      { type: 'setNumberBound', owner: g, attr: 0, field: 'min', value: 0 },
      { type: 'setNumberBound', owner: g, attr: 0, field: 'max', value: 10 },
      { type: 'setInteger', owner: g, attr: 0, value: true },
      { type: 'setAttributeText', owner: g, attr: 0, field: 'id', value: 'lanes' },
      { type: 'setAttributeRequired', owner: g, attr: 0, value: true },
    );
    expect(state.definition.global_attributes).toEqual([
      { id: 'lanes', name: 'Attribute 1', type: 'number', required: true, min: 0, max: 10, integer: true },
    ]);
    state = run(state, { type: 'setNumberBound', owner: g, attr: 0, field: 'max', value: null });
    expect(state.definition.global_attributes[0]).not.toHaveProperty('max');
    state = run(state, { type: 'setAttributeType', owner: g, attr: 0, attrType: 'text' });
    expect(state.definition.global_attributes[0]).toEqual({
      id: 'lanes',
      name: 'Attribute 1',
      type: 'text',
      required: true,
    });
    state = run(
      state,
      { type: 'setMaxLength', owner: g, attr: 0, value: 40 },
      { type: 'addAttribute', owner: c0 },
      { type: 'moveAttribute', owner: c0, attr: 1, to: 0 },
    );
    expect(state.definition.global_attributes[0]).toMatchObject({ max_length: 40 });
    expect(state.definition.classes[0]?.attributes.map((a) => a.id)).toEqual(['attr_2', 'color']);
    state = run(state, { type: 'removeAttribute', owner: c0, attr: 0 });
    expect(state.definition.classes[0]?.attributes.map((a) => a.id)).toEqual(['color']);
    expect(ontologyDefinitionValidator.validate(state.definition).ok).toBe(true);
  });

  it('sets enum options only on enum attributes and starts a retyped enum with no options', () => {
    const state = run(initialDraft(base), {
      type: 'setOptions',
      owner: c0,
      attr: 0,
      options: ['red', 'green'],
    });
    expect(state.definition.classes[0]?.attributes[0]).toMatchObject({ options: ['red', 'green'] });
    const retyped = run(
      state,
      { type: 'setAttributeType', owner: c0, attr: 0, attrType: 'boolean' },
      { type: 'setOptions', owner: c0, attr: 0, options: ['x'] },
    );
    expect(retyped.definition.classes[0]?.attributes[0]).toEqual({
      id: 'color',
      name: 'Color',
      type: 'boolean',
      required: true,
    });
    const back = run(retyped, { type: 'setAttributeType', owner: c0, attr: 0, attrType: 'enum' });
    expect(back.definition.classes[0]?.attributes[0]).toMatchObject({ type: 'enum', options: [] });
  });

  it('edits guidelines and the migration list; load resets dirty state and errors', () => {
    const state = run(
      initialDraft(base),
      { type: 'setGuidelines', text: 'New rules' },
      { type: 'addMigrationOp', op: { op: 'delete_class', class_id: 'car', remap_to: null } },
      { type: 'setMigrationOp', index: 0, op: { op: 'delete_class', class_id: 'car', remap_to: 'person' } },
    );
    expect(state.definition.guidelines).toBe('New rules');
    expect(state.migration).toEqual([{ op: 'delete_class', class_id: 'car', remap_to: 'person' }]);
    expect(run(state, { type: 'removeMigrationOp', index: 0 }).migration).toEqual([]);
    const loaded = run(state, { type: 'load', definition: base, migration: [] });
    expect(loaded).toEqual(initialDraft(base));
  });
});

describe('helpers', () => {
  it('freshKey skips taken keys', () => {
    expect(freshKey('class', ['class_2', 'x'])).toBe('class_3');
    expect(freshKey('class', ['class_1', 'class_3'])).toBe('class_4');
    expect(freshKey('attr', [])).toBe('attr_1');
  });

  it('moveItem clamps the target and copies', () => {
    const list = ['a', 'b', 'c'];
    expect(moveItem(list, 0, 5)).toEqual(['b', 'c', 'a']);
    expect(moveItem(list, 2, -1)).toEqual(['c', 'a', 'b']);
    expect(moveItem(list, 1, 1)).toEqual(list);
    expect(moveItem(list, 1, 1)).not.toBe(list);
  });
});

describe('draftHints', () => {
  it('finds nothing in a valid draft', () => {
    expect(draftHints(initialDraft(base), null)).toEqual([]);
  });

  it('points at bad ids, duplicates, names, colors, geometries, options and ranges like the server', () => {
    const state = run(
      initialDraft(base),
      { type: 'setClassText', index: 1, field: 'id', value: 'car' },
      { type: 'setClassText', index: 0, field: 'name', value: '  ' },
      { type: 'setClassText', index: 0, field: 'color', value: 'red' },
      { type: 'toggleGeometry', index: 1, kind: 'box', on: false },
      { type: 'toggleGeometry', index: 1, kind: 'point', on: false },
      { type: 'setOptions', owner: c0, attr: 0, options: ['red', 'red'] },
      { type: 'addAttribute', owner: g },
      { type: 'setAttributeText', owner: g, attr: 0, field: 'id', value: '_bad' },
      { type: 'setAttributeType', owner: g, attr: 0, attrType: 'number' },
      { type: 'setNumberBound', owner: g, attr: 0, field: 'min', value: 5 },
      { type: 'setNumberBound', owner: g, attr: 0, field: 'max', value: 1 },
    );
    const pointers = draftHints(state, null).map((h) => h.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining([
        '/definition/classes/1/id',
        '/definition/classes/0/name',
        '/definition/classes/0/color',
        '/definition/classes/1/geometries',
        '/definition/classes/0/attributes/0/options/1',
        '/definition/global_attributes/0/id',
        '/definition/global_attributes/0/min',
      ]),
    );
    expect(pointers).toHaveLength(7);
  });

  it('flags an enum without options and an integer range holding no integer', () => {
    const state = run(
      initialDraft(base),
      { type: 'setOptions', owner: c0, attr: 0, options: [] },
      { type: 'addAttribute', owner: g },
      { type: 'setAttributeType', owner: g, attr: 0, attrType: 'number' },
      { type: 'setInteger', owner: g, attr: 0, value: true },
      { type: 'setNumberBound', owner: g, attr: 0, field: 'min', value: 0.2 },
      { type: 'setNumberBound', owner: g, attr: 0, field: 'max', value: 0.8 },
    );
    expect(draftHints(state, null).map((h) => h.pointer)).toEqual([
      '/definition/classes/0/attributes/0/options',
      '/definition/global_attributes/0/max',
    ]);
  });

  it('checks migration ops against the previous and the new classes, following earlier ops', () => {
    const next: OntologyDefinition = {
      ...base,
      classes: base.classes.map((c) => (c.id === 'car' ? { ...c, id: 'vehicle' } : c)),
    };
    const ok = {
      definition: next,
      migration: [
        { op: 'rename_class', from: 'car', to: 'vehicle' },
        { op: 'delete_class', class_id: 'vehicle', remap_to: 'person' },
      ] as const,
    };
    expect(draftHints({ ...ok, migration: [...ok.migration] }, base)).toEqual([]);
    const bad = { definition: next, migration: [{ op: 'rename_class' as const, from: 'truck', to: 'car' }] };
    expect(draftHints(bad, base).map((h) => h.pointer)).toEqual(['/migration/0/from', '/migration/0/to']);
    expect(draftHints(bad, null)).toEqual([
      { pointer: '/migration', message: 'the first version has nothing to migrate' },
    ]);
  });
});
