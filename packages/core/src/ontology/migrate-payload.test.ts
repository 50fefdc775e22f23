import type { AnnotationPayload, Migration } from '@tessera/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { migratePayload } from './migrate-payload';
import { validPayloadArb } from './payload-arbitraries';
import { deepFreeze, ONTOLOGY, validPayload } from './test-fixtures';

const classIds = ONTOLOGY.classes.map((c) => c.id);
const payloadArb = validPayloadArb(100, 50, 200).map(deepFreeze);
const classesOf = (p: AnnotationPayload) => [
  ...p.classifications.map((c) => c.class_id),
  ...p.objects.map((o) => o.class_id),
  ...p.spans.map((s) => s.class_id),
];

describe('migratePayload', () => {
  it('returns an equal, new payload for no ops', () => {
    const payload = deepFreeze(validPayload());
    const result = migratePayload(payload, []);
    expect(result).toEqual(payload);
    expect(result).not.toBe(payload);
  });

  it('renames and merges classes on every kind of label', () => {
    const result = migratePayload(deepFreeze(validPayload()), [
      { op: 'rename_class', from: 'scene', to: 'setting' },
      { op: 'merge_classes', from: ['car', 'person'], into: 'vehicle_or_person' },
      { op: 'rename_class', from: 'entity', to: 'mention' },
    ]);
    expect(classesOf(result)).toEqual([
      'setting',
      'vehicle_or_person',
      'road',
      'vehicle_or_person',
      'mention',
      'mention',
      'topic',
      'topic',
    ]);
  });

  it('splits a class by an attribute value, dropping the attribute by default', () => {
    const payload = deepFreeze<AnnotationPayload>({
      ...validPayload(),
      objects: [
        {
          id: 'a',
          class_id: 'car',
          geometry: { type: 'point', x: 1, y: 1 },
          attributes: { color: 'red', doors: 2 },
        },
        { id: 'b', class_id: 'car', geometry: { type: 'point', x: 1, y: 1 }, attributes: { color: 'blue' } },
        { id: 'c', class_id: 'car', geometry: { type: 'point', x: 1, y: 1 }, attributes: {} },
        { id: 'd', class_id: 'road', geometry: { type: 'point', x: 1, y: 1 }, attributes: { color: 'red' } },
      ],
    });
    const mapping = { red: 'red_car' };
    const split = migratePayload(payload, [
      { op: 'split_class', from: 'car', attribute: 'color', mapping, default: 'other_car' },
    ]);
    expect(split.objects.map((o) => [o.class_id, o.attributes])).toEqual([
      ['red_car', { doors: 2 }],
      ['other_car', {}],
      ['other_car', {}],
      ['road', { color: 'red' }],
    ]);
    const kept = migratePayload(payload, [
      {
        op: 'split_class',
        from: 'car',
        attribute: 'color',
        mapping,
        default: 'other_car',
        drop_attribute: false,
      },
    ]);
    expect(kept.objects[0]).toEqual({ ...payload.objects[0], class_id: 'red_car' });
  });

  it('maps numbers and booleans by their string form; ignores inherited mapping keys', () => {
    const payload = deepFreeze<AnnotationPayload>({
      ...validPayload(),
      objects: [
        { id: 'a', class_id: 'car', geometry: { type: 'point', x: 1, y: 1 }, attributes: { doors: 4 } },
        {
          id: 'b',
          class_id: 'car',
          geometry: { type: 'point', x: 1, y: 1 },
          attributes: { doors: 'toString' },
        },
      ],
    });
    const result = migratePayload(payload, [
      { op: 'split_class', from: 'car', attribute: 'doors', mapping: { '4': 'sedan' }, default: 'car' },
    ]);
    expect(result.objects.map((o) => o.class_id)).toEqual(['sedan', 'car']);
  });

  it('deletes or remaps a class', () => {
    const payload = deepFreeze(validPayload());
    const removed = migratePayload(payload, [{ op: 'delete_class', class_id: 'topic', remap_to: null }]);
    expect(removed.spans.map((s) => s.id)).toEqual(['s1', 's2']);
    const remapped = migratePayload(payload, [{ op: 'delete_class', class_id: 'topic', remap_to: 'entity' }]);
    expect(remapped.spans.map((s) => s.class_id)).toEqual(['entity', 'entity', 'entity', 'entity']);
  });

  it('renames class attributes and global attributes; the renamed value replaces an existing target', () => {
    const payload = deepFreeze(validPayload());
    const result = migratePayload(payload, [
      { op: 'rename_attribute', class_id: 'car', from: 'color', to: 'paint' },
      { op: 'rename_attribute', class_id: null, from: 'quality', to: 'grade' },
      { op: 'rename_attribute', class_id: 'person', from: 'missing', to: 'nick' },
    ]);
    expect(result.objects[0]!.attributes).toEqual({ paint: 'red' });
    expect(result.objects[2]!.attributes).toEqual({ nick: 'bob' });
    expect(result.attributes).toEqual({ grade: 'good' });
    const clash = migratePayload(deepFreeze({ ...payload, attributes: { quality: 'good', grade: 'old' } }), [
      { op: 'rename_attribute', class_id: null, from: 'quality', to: 'grade' },
    ]);
    expect(clash.attributes).toEqual({ grade: 'good' });
  });

  it('rename A→B then B→A is the identity (when B is unused)', () => {
    fc.assert(
      fc.property(payloadArb, fc.constantFrom(...classIds), (payload, a) => {
        const there = migratePayload(payload, [{ op: 'rename_class', from: a, to: 'fresh' }]);
        expect(migratePayload(there, [{ op: 'rename_class', from: 'fresh', to: a }])).toEqual(payload);
        const ops: Migration = [
          { op: 'rename_class', from: a, to: 'fresh' },
          { op: 'rename_class', from: 'fresh', to: a },
        ];
        expect(migratePayload(payload, ops)).toEqual(payload);
      }),
    );
  });

  it('merge never changes label counts and leaves no source class behind', () => {
    const fromArb = fc.uniqueArray(fc.constantFrom(...classIds), { minLength: 1 });
    fc.assert(
      fc.property(payloadArb, fromArb, fc.constantFrom(...classIds, 'merged'), (payload, from, into) => {
        const result = migratePayload(payload, [{ op: 'merge_classes', from, into }]);
        expect(result.objects.length).toBe(payload.objects.length);
        expect(result.spans.length).toBe(payload.spans.length);
        expect(result.classifications.length).toBe(payload.classifications.length);
        const left = classesOf(result).filter((c) => from.includes(c));
        expect(left.every((c) => c === into)).toBe(true);
      }),
    );
  });

  it('delete without remap removes exactly the labels of that class', () => {
    fc.assert(
      fc.property(payloadArb, fc.constantFrom(...classIds), (payload, id) => {
        const result = migratePayload(payload, [{ op: 'delete_class', class_id: id, remap_to: null }]);
        expect(result.objects).toEqual(payload.objects.filter((o) => o.class_id !== id));
        expect(result.spans).toEqual(payload.spans.filter((s) => s.class_id !== id));
        expect(result.classifications).toEqual(payload.classifications.filter((c) => c.class_id !== id));
        expect(result.attributes).toEqual(payload.attributes);
      }),
    );
  });

  it('never mutates its input, whatever the ops', () => {
    const key = fc.constantFrom(...classIds, 'x', 'y');
    const attr = fc.constantFrom('color', 'doors', 'nick', 'quality', 'z');
    const opArb = fc.oneof(
      fc.record({ op: fc.constant('rename_class' as const), from: key, to: key }),
      fc.record({
        op: fc.constant('merge_classes' as const),
        from: fc.array(key, { minLength: 1 }),
        into: key,
      }),
      fc.record({
        op: fc.constant('split_class' as const),
        from: key,
        attribute: attr,
        mapping: fc.dictionary(fc.string(), key),
        default: key,
        drop_attribute: fc.boolean(),
      }),
      fc.record({ op: fc.constant('delete_class' as const), class_id: key, remap_to: fc.option(key) }),
      fc.record({
        op: fc.constant('rename_attribute' as const),
        class_id: fc.option(key),
        from: attr,
        to: attr,
      }),
    );
    fc.assert(
      fc.property(payloadArb, fc.array(opArb, { maxLength: 6 }), (payload, ops) => {
        const snapshot = structuredClone(payload);
        migratePayload(payload, ops); // frozen input: a mutation would throw
        expect(payload).toEqual(snapshot);
      }),
    );
  });
});
