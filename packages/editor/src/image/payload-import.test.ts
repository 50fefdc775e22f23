import { describe, expect, it } from 'vitest';
import { selectObjects } from './image-document';
import { copyAllFrom, importableObject, loadPrelabels } from './payload-import';
import { box, counterIds, documentOf, ONTOLOGY, object, point, polygon } from './test-fixtures';

const payload = (objects: ReturnType<typeof object>[]) => ({
  classifications: [],
  objects,
  spans: [],
  attributes: {},
});

describe('payload import', () => {
  it('accepts objects whose class allows the geometry, cut to the image', () => {
    expect(importableObject(object('a', box(90, 0, 20, 10)), ONTOLOGY, 100, 80)?.geometry).toEqual(
      box(90, 0, 10, 10),
    );
    const ok = object('a', box(1, 1, 5, 5));
    expect(importableObject(ok, ONTOLOGY, 100, 80)).toBe(ok);
    expect(importableObject(object('a', polygon(0, 0, 5, 0, 5, 5), 'person'), ONTOLOGY, 100, 80)).toBeNull();
    expect(importableObject(object('a', box(0, 0, 1, 1), 'removed'), ONTOLOGY, 100, 80)).toBeNull();
    expect(importableObject(object('a', box(200, 0, 10, 10)), ONTOLOGY, 100, 80)).toBeNull();
  });

  it('copies all objects of another payload on top with new ids and selects them', () => {
    const mine = object('mine', box(0, 0, 5, 5));
    const doc = selectObjects(documentOf([mine]), ['mine']);
    const source = payload([
      object('mine', box(10, 10, 5, 5)),
      object('k', point(3, 3), 'keypoint'),
      object('bad', point(3, 3), 'car'),
    ]);
    const next = copyAllFrom(doc, source, { ontology: ONTOLOGY, newId: counterIds('c') });
    expect(next.objects.map((o) => o.id)).toEqual(['mine', 'c-1', 'c-2']);
    expect(next.objects[1]!.geometry).toEqual(box(10, 10, 5, 5));
    expect(next.selection).toEqual(['c-1', 'c-2']);
    expect(copyAllFrom(doc, payload([]), { ontology: ONTOLOGY, newId: counterIds() })).toBe(doc);
  });

  it('loads pre-labels in place of the objects, keeping unique ids and renaming repeats', () => {
    const doc = selectObjects(documentOf([object('old', box(0, 0, 5, 5))]), ['old']);
    const next = loadPrelabels(
      doc,
      [
        object('p1', box(1, 1, 5, 5)),
        object('p1', box(2, 2, 5, 5)),
        object('', point(4, 4), 'keypoint'),
        object('x', box(500, 500, 5, 5)),
      ],
      { ontology: ONTOLOGY, newId: counterIds('n') },
    );
    expect(next.objects.map((o) => o.id)).toEqual(['p1', 'n-1', 'n-2']);
    expect(next.selection).toEqual([]);
  });
});
