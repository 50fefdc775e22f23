import { describe, expect, it } from 'vitest';
import { BOX_TOOL, boxDraft, boxKey, boxPointerDown, boxPointerMove, boxPointerUp } from './box-tool';
import { at, box, contextFor, documentOf, object } from './test-fixtures';

describe('box tool', () => {
  it('draws a box by dragging, in any direction, and selects it', () => {
    const ctx = contextFor(documentOf([object('a', box(0, 0, 5, 5))]));
    const down = boxPointerDown(BOX_TOOL, at(40, 30), ctx);
    expect(down.edit).toBeNull();
    const moved = boxPointerMove(down.state, at(10, 50), ctx);
    expect(boxDraft(moved.state)).toEqual({ kind: 'box', box: { x: 10, y: 30, w: 30, h: 20 } });
    const up = boxPointerUp(moved.state, at(12, 60), ctx);
    expect(up.state).toBe(BOX_TOOL);
    expect(up.edit?.doc.objects[1]).toEqual({
      id: 'new-1',
      class_id: 'car',
      geometry: { type: 'box', x: 12, y: 30, w: 28, h: 30 },
      attributes: {},
    });
    expect(up.edit?.doc.selection).toEqual(['new-1']);
  });

  it('clamps the drag to the image', () => {
    const ctx = contextFor(documentOf([], 100, 80));
    const s = boxPointerDown(BOX_TOOL, at(-10, -10), ctx).state;
    const up = boxPointerUp(s, at(150, 40), ctx);
    expect(up.edit!.doc.objects[0]!.geometry).toEqual(box(0, 0, 100, 40));
  });

  it('a click or a tiny drag creates nothing', () => {
    const ctx = contextFor(documentOf([]));
    const s = boxPointerDown(BOX_TOOL, at(10, 10), ctx).state;
    expect(boxPointerUp(s, at(10, 10), ctx).edit).toBeNull();
    expect(boxPointerUp(s, at(40, 12), ctx).edit).toBeNull();
    expect(boxPointerUp(s, at(13, 13), ctx).edit).not.toBeNull();
  });

  it('does not draw for a class without boxes, or read-only', () => {
    const doc = documentOf([]);
    expect(boxPointerDown(BOX_TOOL, at(1, 1), contextFor(doc, { classId: 'road' })).state).toBe(BOX_TOOL);
    expect(boxPointerDown(BOX_TOOL, at(1, 1), contextFor(doc, { canEdit: false })).state).toBe(BOX_TOOL);
    expect(boxPointerDown(BOX_TOOL, at(1, 1), contextFor(doc, { classId: null })).state).toBe(BOX_TOOL);
    expect(boxPointerMove(BOX_TOOL, at(5, 5), contextFor(doc)).state).toBe(BOX_TOOL);
    expect(boxPointerUp(BOX_TOOL, at(5, 5), contextFor(doc)).edit).toBeNull();
  });

  it('Escape drops the box being drawn', () => {
    const ctx = contextFor(documentOf([]));
    const s = boxPointerDown(BOX_TOOL, at(10, 10), ctx).state;
    expect(boxKey(s, 'Escape')).toEqual({ state: BOX_TOOL, edit: null, handled: true });
    expect(boxKey(BOX_TOOL, 'Escape').handled).toBe(false);
    expect(boxDraft(BOX_TOOL)).toBeNull();
  });
});
