import { describe, expect, it } from 'vitest';
import { selectObjects } from './image-document';
import {
  commitDocument,
  createImageEditor,
  currentDocument,
  HIT_TOLERANCE_PX,
  toolContext,
} from './image-editor';
import { moveObjects } from './object-edits';
import { box, counterIds, ONTOLOGY, object } from './test-fixtures';

const payload = {
  classifications: [],
  objects: [object('a', box(10, 10, 20, 20))],
  spans: [],
  attributes: {},
};
const env = { ontology: ONTOLOGY, newId: counterIds() };

describe('image editor state', () => {
  it('starts on the select tool with the first object class and an empty history', () => {
    const s = createImageEditor({ payload, width: 100, height: 80, ontology: ONTOLOGY });
    expect(s.tool.tool).toBe('select');
    expect(s.classId).toBe('car');
    expect(s.history.past).toEqual([]);
    expect(currentDocument(s).objects).toBe(payload.objects);
    expect(s.readOnly).toBe(false);
  });

  it('records object changes as undo steps and selection changes as none', () => {
    const s = createImageEditor({ payload, width: 100, height: 80, ontology: ONTOLOGY });
    const selected = commitDocument(s, selectObjects(currentDocument(s), ['a']));
    expect(selected.history.past).toHaveLength(0);
    expect(currentDocument(selected).selection).toEqual(['a']);
    const moved = commitDocument(selected, moveObjects(currentDocument(selected), ['a'], 5, 0), 'k');
    expect(moved.history.past).toHaveLength(1);
    expect(moved.history.past[0]!.selection).toEqual(['a']);
    expect(commitDocument(moved, currentDocument(moved))).toBe(moved);
  });

  it('a selection change ends a merge run', () => {
    const s = createImageEditor({ payload, width: 100, height: 80, ontology: ONTOLOGY });
    const m1 = commitDocument(s, moveObjects(currentDocument(s), ['a'], 1, 0), 'nudge:a');
    const sel = commitDocument(m1, selectObjects(currentDocument(m1), ['a']));
    const m2 = commitDocument(sel, moveObjects(currentDocument(sel), ['a'], 1, 0), 'nudge:a');
    expect(m2.history.past).toHaveLength(2);
  });

  it('read-only keeps the objects but lets the selection change', () => {
    const s = createImageEditor({ payload, width: 100, height: 80, ontology: ONTOLOGY, readOnly: true });
    expect(commitDocument(s, moveObjects(currentDocument(s), ['a'], 5, 0))).toBe(s);
    expect(currentDocument(commitDocument(s, selectObjects(currentDocument(s), ['a']))).selection).toEqual([
      'a',
    ]);
    expect(toolContext(s, env).canEdit).toBe(false);
  });

  it('scales hit tolerances with the zoom and hides objects from hit tests', () => {
    const s = {
      ...createImageEditor({ payload, width: 100, height: 80, ontology: ONTOLOGY }),
      viewport: { scale: 2, offsetX: 0, offsetY: 0 },
    };
    const ctx = toolContext(s, env);
    expect(ctx.tolerance).toBe(HIT_TOLERANCE_PX / 2);
    expect(ctx.hitTest({ x: 15, y: 15 })).toBe(0);
    expect(toolContext({ ...s, hidden: true }, env).hitTest({ x: 15, y: 15 })).toBe(-1);
  });

  it('has no class when the ontology has no object classes', () => {
    const none = createImageEditor({
      payload,
      width: 10,
      height: 10,
      ontology: { ...ONTOLOGY, objectClasses: [], shortcuts: [] },
    });
    expect(none.classId).toBeNull();
  });
});
