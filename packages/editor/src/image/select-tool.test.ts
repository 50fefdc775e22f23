import { describe, expect, it } from 'vitest';
import { selectObjects } from './image-document';
import { SELECT_TOOL, selectKey, selectPointerDown, selectPointerMove, selectPointerUp } from './select-tool';
import { at, box, contextFor, documentOf, object, point, polygon } from './test-fixtures';

const a = object('a', box(10, 10, 20, 20));
const b = object('b', box(50, 10, 20, 20));
const k = object('k', point(80, 60), 'keypoint');
const road = object('r', polygon(10, 50, 40, 50, 25, 75), 'road');
const doc = documentOf([a, b, k, road]);

describe('select tool', () => {
  it('a click selects the object under the pointer; a click on nothing clears', () => {
    const down = selectPointerDown(SELECT_TOOL, at(15, 15), contextFor(doc));
    expect(down.edit?.doc.selection).toEqual(['a']);
    expect(down.state.drag).toMatchObject({ mode: 'move', ids: ['a'] });
    const selected = selectObjects(doc, ['a']);
    const empty = selectPointerDown(SELECT_TOOL, at(45, 45), contextFor(selected));
    expect(empty.edit?.doc.selection).toEqual([]);
  });

  it('shift+click toggles objects in the selection without dragging', () => {
    const selected = selectObjects(doc, ['a']);
    const step = selectPointerDown(SELECT_TOOL, at(55, 15, { shift: true }), contextFor(selected));
    expect(step.edit?.doc.selection).toEqual(['a', 'b']);
    expect(step.state.drag).toBeNull();
    expect(selectPointerDown(SELECT_TOOL, at(45, 45, { shift: true }), contextFor(selected)).edit).toBeNull();
  });

  it('drags the whole selection from where it was pressed, with one merge key', () => {
    const selected = selectObjects(doc, ['a', 'b']);
    const down = selectPointerDown(SELECT_TOOL, at(15, 15), contextFor(selected));
    expect(down.edit?.doc).toBe(selected);
    const m1 = selectPointerMove(down.state, at(18, 16), contextFor(selected));
    const m2 = selectPointerMove(m1.state, at(20, 20), contextFor(m1.edit!.doc));
    expect(m1.edit?.mergeKey).toBe(m2.edit?.mergeKey);
    expect(m2.edit!.doc.objects[0]!.geometry).toEqual(box(15, 15, 20, 20));
    expect(m2.edit!.doc.objects[1]!.geometry).toEqual(box(55, 15, 20, 20));
    const up = selectPointerUp(m2.state, at(20, 20), contextFor(m2.edit!.doc));
    expect(up.state.drag).toBeNull();
    expect(up.edit!.doc.objects[0]!.geometry).toEqual(box(15, 15, 20, 20));
  });

  it('resizes the selected box by a handle, flipping past the opposite edge', () => {
    const selected = selectObjects(doc, ['a']);
    const down = selectPointerDown(SELECT_TOOL, at(30, 30), contextFor(selected));
    expect(down.state.drag).toMatchObject({ mode: 'resize', handle: 'se' });
    const moved = selectPointerMove(down.state, at(5, 40), contextFor(selected));
    expect(moved.edit!.doc.objects[0]!.geometry).toEqual(box(5, 10, 5, 30));
    expect(moved.edit?.mergeKey).toBe('resize:a');
  });

  it('moves, inserts and alt+click deletes polygon vertices', () => {
    const selected = selectObjects(doc, ['r']);
    const vertex = selectPointerDown(SELECT_TOOL, at(40, 50), contextFor(selected));
    expect(vertex.state.drag).toEqual({ mode: 'vertex', id: 'r', index: 1 });
    const moved = selectPointerMove(vertex.state, at(45, 52), contextFor(selected));
    expect(moved.edit!.doc.objects[3]!.geometry).toEqual(polygon(10, 50, 45, 52, 25, 75));

    const edge = selectPointerDown(SELECT_TOOL, at(25, 50), contextFor(selected));
    expect(edge.edit!.doc.objects[3]!.geometry).toEqual(polygon(10, 50, 25, 50, 40, 50, 25, 75));
    expect(edge.state.drag).toEqual({ mode: 'vertex', id: 'r', index: 1 });
    const dragged = selectPointerMove(edge.state, at(25, 45), contextFor(edge.edit!.doc));
    expect(dragged.edit?.mergeKey).toBe(edge.edit?.mergeKey);
    expect(dragged.edit!.doc.objects[3]!.geometry).toEqual(polygon(10, 50, 25, 45, 40, 50, 25, 75));

    const four = dragged.edit!.doc;
    const deleted = selectPointerDown(SELECT_TOOL, at(25, 45, { alt: true }), contextFor(four));
    expect(deleted.edit!.doc.objects[3]!.geometry).toEqual(polygon(10, 50, 40, 50, 25, 75));
  });

  it('read-only: selects, but neither moves nor shows handles', () => {
    const selected = selectObjects(doc, ['a']);
    const ctx = contextFor(selected, { canEdit: false });
    const down = selectPointerDown(SELECT_TOOL, at(30, 30), ctx);
    expect(down.state.drag).toBeNull();
    expect(selectPointerMove(down.state, at(40, 40), ctx).edit).toBeNull();
    expect(selectPointerDown(SELECT_TOOL, at(55, 15), ctx).edit?.doc.selection).toEqual(['b']);
  });

  it('tracks what the pointer hovers', () => {
    const selected = selectObjects(doc, ['a']);
    const overB = selectPointerMove(SELECT_TOOL, at(60, 20), contextFor(selected)).state;
    expect(overB.hover).toEqual({ id: 'b', handle: null });
    const overHandle = selectPointerMove(overB, at(10, 10), contextFor(selected)).state;
    expect(overHandle.hover).toEqual({ id: 'a', handle: { kind: 'box', handle: 'nw' } });
    expect(selectPointerMove(overHandle, at(10.5, 10), contextFor(selected)).state).toBe(overHandle);
    expect(selectPointerUp(SELECT_TOOL, at(1, 1), contextFor(selected)).edit).toBeNull();
  });

  it('Escape clears the selection', () => {
    const selected = selectObjects(doc, ['a']);
    const step = selectKey(SELECT_TOOL, 'Escape', contextFor(selected));
    expect(step.handled).toBe(true);
    expect(step.edit?.doc.selection).toEqual([]);
    expect(selectKey(SELECT_TOOL, 'Escape', contextFor(doc)).handled).toBe(false);
  });

  it('a press in the middle of a box that is small on screen moves it instead of resizing', () => {
    const small = object('s', box(10, 10, 8, 8));
    const selected = selectObjects(documentOf([small]), ['s']);
    const ctx = contextFor(selected, { tolerance: 11 });
    expect(selectPointerDown(SELECT_TOOL, at(14, 14), ctx).state.drag).toMatchObject({ mode: 'move' });
    expect(selectPointerDown(SELECT_TOOL, at(18, 18), ctx).state.drag).toMatchObject({
      mode: 'resize',
      handle: 'se',
    });
  });
});
