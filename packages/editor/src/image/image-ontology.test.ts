import { describe, expect, it } from 'vitest';
import {
  CLASS_DIGITS,
  classAllows,
  classColor,
  classesFor,
  FALLBACK_COLOR,
  firstClassFor,
  imageOntology,
  objectKindsOf,
  shortcutOfClass,
} from './image-ontology';
import { DEFINITION, ONTOLOGY } from './test-fixtures';

describe('image ontology', () => {
  it('lists object classes in ontology order, skipping classification-only ones', () => {
    expect(ONTOLOGY.objectClasses.map((c) => c.id)).toEqual(['car', 'person', 'keypoint', 'road']);
    expect(ONTOLOGY.shortcuts).toEqual([
      { key: '1', classId: 'car' },
      { key: '2', classId: 'person' },
      { key: '3', classId: 'keypoint' },
      { key: '4', classId: 'road' },
    ]);
    expect(shortcutOfClass(ONTOLOGY, 'road')).toBe('4');
    expect(shortcutOfClass(ONTOLOGY, 'scene')).toBeNull();
  });

  it('numbers the first ten classes 1–9 then 0 and no more', () => {
    const classes = Array.from({ length: 12 }, (_, i) => ({
      id: `c${i}`,
      name: `C${i}`,
      color: '#123456',
      geometries: ['box' as const],
      attributes: [],
    }));
    const o = imageOntology({ ...DEFINITION, classes });
    expect(o.shortcuts.map((s) => s.key)).toEqual(CLASS_DIGITS);
    expect(o.shortcuts[9]).toEqual({ key: '0', classId: 'c9' });
    expect(shortcutOfClass(o, 'c10')).toBeNull();
  });

  it('answers which class allows which geometry', () => {
    expect(classAllows(ONTOLOGY, 'car', 'polygon')).toBe(true);
    expect(classAllows(ONTOLOGY, 'person', 'polygon')).toBe(false);
    expect(classAllows(ONTOLOGY, 'nope', 'box')).toBe(false);
    expect(classAllows(ONTOLOGY, null, 'box')).toBe(false);
    expect(firstClassFor(ONTOLOGY, 'point')).toBe('keypoint');
    expect(firstClassFor(imageOntology({ ...DEFINITION, classes: [] }), 'box')).toBeNull();
    expect(classesFor(ONTOLOGY, 'polygon').map((c) => c.id)).toEqual(['car', 'road']);
    expect(objectKindsOf(DEFINITION.classes[0]!)).toEqual(['box', 'polygon']);
  });

  it('gives class colors with a fallback for unknown classes', () => {
    expect(classColor(ONTOLOGY, 'person')).toBe('#00ff00');
    expect(classColor(ONTOLOGY, 'gone')).toBe(FALLBACK_COLOR);
  });

  it('keeps the first definition of a repeated class id', () => {
    const first = DEFINITION.classes[0]!;
    const o = imageOntology({ ...DEFINITION, classes: [first, { ...first, color: '#000000' }] });
    expect(classColor(o, 'car')).toBe('#ff0000');
    expect(o.objectClasses).toHaveLength(1);
  });
});
