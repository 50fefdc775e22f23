import { describe, expect, it } from 'vitest';
import {
  createImageDocument,
  cycleSelection,
  documentPayload,
  findObject,
  objectIndex,
  replacePayload,
  selectedObjects,
  selectObjects,
  soleSelected,
  toggleSelected,
} from './image-document';
import { box, documentOf, object, point } from './test-fixtures';

const a = object('a', box(0, 0, 10, 10));
const b = object('b', point(5, 5), 'keypoint');
const c = object('c', box(20, 20, 5, 5));

describe('image document', () => {
  it('splits a payload into objects and the rest, and joins it back', () => {
    const payload = {
      classifications: [{ class_id: 'scene', attributes: {} }],
      objects: [a, b],
      spans: [],
      attributes: { weather: 'rain' },
    };
    const doc = createImageDocument(payload, 640, 480);
    expect(doc).toMatchObject({ width: 640, height: 480, selection: [] });
    expect(documentPayload(doc)).toEqual(payload);
  });

  it('finds objects by id', () => {
    const doc = documentOf([a, b, c]);
    expect(objectIndex(doc, 'b')).toBe(1);
    expect(objectIndex(doc, 'x')).toBe(-1);
    expect(findObject(doc, 'c')).toBe(c);
  });

  it('selects existing ids only, without repeats, and keeps identity when nothing changes', () => {
    const doc = documentOf([a, b, c]);
    const selected = selectObjects(doc, ['c', 'x', 'a', 'c']);
    expect(selected.selection).toEqual(['c', 'a']);
    expect(selectObjects(selected, ['c', 'a'])).toBe(selected);
    expect(selectedObjects(selected)).toEqual([a, c]);
    expect(soleSelected(selected)).toBeUndefined();
    expect(soleSelected(selectObjects(doc, ['b']))).toBe(b);
    expect(soleSelected(doc)).toBeUndefined();
  });

  it('toggles one id in and out of the selection', () => {
    const doc = selectObjects(documentOf([a, b, c]), ['a']);
    expect(toggleSelected(doc, 'b').selection).toEqual(['a', 'b']);
    expect(toggleSelected(doc, 'a').selection).toEqual([]);
    expect(toggleSelected(doc, 'zzz')).toBe(doc);
  });

  it('cycles the selection forwards and backwards with wrap-around', () => {
    const doc = documentOf([a, b, c]);
    expect(cycleSelection(doc, 1).selection).toEqual(['a']);
    expect(cycleSelection(doc, -1).selection).toEqual(['c']);
    const atC = selectObjects(doc, ['c']);
    expect(cycleSelection(atC, 1).selection).toEqual(['a']);
    expect(cycleSelection(atC, -1).selection).toEqual(['b']);
    expect(cycleSelection(selectObjects(doc, ['a', 'b']), 1).selection).toEqual(['c']);
    const empty = documentOf([]);
    expect(cycleSelection(empty, 1)).toBe(empty);
  });

  it('replaces the payload keeping the selection of ids that survive', () => {
    const doc = selectObjects(documentOf([a, b, c]), ['a', 'c']);
    const next = replacePayload(doc, { classifications: [], objects: [c], spans: [], attributes: { k: 1 } });
    expect(next.objects).toEqual([c]);
    expect(next.selection).toEqual(['c']);
    expect(next.rest.attributes).toEqual({ k: 1 });
  });
});
