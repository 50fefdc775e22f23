import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectObjects } from './image-document';
import {
  addObject,
  changeObjectsClass,
  deleteObjects,
  duplicateObjects,
  moveObjects,
  setGeometry,
  setObjectAttributes,
} from './object-edits';
import { geometryBounds } from './object-geometry';
import { box, counterIds, documentOf, finite, ONTOLOGY, object, point, polygon } from './test-fixtures';

const a = object('a', box(10, 10, 20, 20));
const p = object('p', point(50, 50), 'keypoint');
const poly = object('poly', polygon(60, 10, 90, 10, 75, 40), 'road');

describe('object edits', () => {
  it('adds an object cut to the image and selects it; a repeated id is refused', () => {
    const doc = addObject(documentOf([a]), object('n', box(90, 70, 30, 30)));
    expect(doc.objects[1]!.geometry).toEqual(box(90, 70, 10, 10));
    expect(doc.selection).toEqual(['n']);
    expect(addObject(doc, object('a', box(0, 0, 1, 1)))).toBe(doc);
  });

  it('deletes objects and drops them from the selection', () => {
    const doc = selectObjects(documentOf([a, p, poly]), ['a', 'p']);
    const next = deleteObjects(doc, ['a', 'poly']);
    expect(next.objects).toEqual([p]);
    expect(next.selection).toEqual(['p']);
    expect(deleteObjects(doc, ['nope'])).toBe(doc);
  });

  it('moves objects together, stopping at the image border', () => {
    const doc = documentOf([a, p, poly]);
    const moved = moveObjects(doc, ['a', 'poly'], 5, -100);
    expect(moved.objects[0]!.geometry).toEqual(box(15, 0, 20, 20));
    expect(moved.objects[2]!.geometry).toEqual(polygon(65, 0, 95, 0, 80, 30));
    expect(moved.objects[1]).toBe(p);
    expect(moveObjects(doc, ['a'], 0, 0)).toBe(doc);
    expect(moveObjects(doc, ['zzz'], 3, 3)).toBe(doc);
  });

  it('moving keeps the objects inside and their size (property)', () => {
    fc.assert(
      fc.property(finite(-500, 500), finite(-500, 500), (dx, dy) => {
        const moved = moveObjects(documentOf([a, poly]), ['a', 'poly'], dx, dy);
        for (const o of moved.objects) {
          const b = geometryBounds(o.geometry);
          expect(b.x).toBeGreaterThanOrEqual(-1e-9);
          expect(b.y).toBeGreaterThanOrEqual(-1e-9);
          expect(b.x + b.w).toBeLessThanOrEqual(100 + 1e-9);
          expect(b.y + b.h).toBeLessThanOrEqual(80 + 1e-9);
        }
        expect(geometryBounds(moved.objects[0]!.geometry).w).toBeCloseTo(20, 9);
      }),
    );
  });

  it('replaces a geometry of the same type only', () => {
    const doc = documentOf([a]);
    expect(setGeometry(doc, 'a', box(1, 2, 3, 4)).objects[0]!.geometry).toEqual(box(1, 2, 3, 4));
    expect(setGeometry(doc, 'a', point(1, 2))).toBe(doc);
    expect(setGeometry(doc, 'a', box(95, 0, 10, 10)).objects[0]!.geometry).toEqual(box(95, 0, 5, 10));
  });

  it('changes class only to a class that allows the geometry, carrying valid attributes', () => {
    const person = {
      ...object('h', box(0, 0, 5, 5), 'person'),
      attributes: { occluded: true, pose: 'sitting' },
    };
    const doc = documentOf([person, p, poly]);
    const toCar = changeObjectsClass(doc, ['h', 'p', 'poly'], 'car', ONTOLOGY);
    expect(toCar.objects.map((o) => o.class_id)).toEqual(['car', 'keypoint', 'car']);
    expect(toCar.objects[0]!.attributes).toEqual({});
    expect(changeObjectsClass(doc, ['poly'], 'person', ONTOLOGY)).toBe(doc);
    expect(changeObjectsClass(doc, ['h'], 'unknown', ONTOLOGY)).toBe(doc);
    expect(changeObjectsClass(doc, ['h'], 'person', ONTOLOGY)).toBe(doc);
    const standing = { ...p, attributes: { pose: 'standing' } };
    const back = changeObjectsClass(
      documentOf([{ ...standing, class_id: 'keypoint' }]),
      ['p'],
      'keypoint',
      ONTOLOGY,
    );
    expect(back.objects[0]!.attributes).toEqual({ pose: 'standing' });
  });

  it('sets attributes of one object', () => {
    const doc = documentOf([a, p]);
    const values = { occluded: false };
    const next = setObjectAttributes(doc, 'a', values);
    expect(next.objects[0]!.attributes).toBe(values);
    expect(next.objects[1]).toBe(p);
    expect(setObjectAttributes(next, 'a', values)).toBe(next);
  });

  it('duplicates with new ids, offset inside the image, and selects the copies', () => {
    const corner = object('corner', box(85, 65, 15, 15));
    const doc = documentOf([a, corner]);
    const next = duplicateObjects(doc, ['a', 'corner'], counterIds('copy'));
    expect(next.objects.map((o) => o.id)).toEqual(['a', 'corner', 'copy-1', 'copy-2']);
    expect(next.selection).toEqual(['copy-1', 'copy-2']);
    expect(next.objects[2]!.geometry).toEqual(box(10, 10, 20, 20));
    expect(duplicateObjects(documentOf([a]), ['a'], counterIds()).objects[1]!.geometry).toEqual(
      box(20, 20, 20, 20),
    );
    expect(duplicateObjects(doc, [], counterIds())).toBe(doc);
  });
});
