import { describe, expect, it } from 'vitest';
import { selectObjects } from './image-document';
import { commitDocument, createImageEditor, currentDocument, type ImageEditorState } from './image-editor';
import {
  applyImageCommand,
  changeSelectedClass,
  copyFromPayload,
  editObjectAttributes,
  redoImage,
  replaceImagePayload,
  selectObjectIds,
  setImageClass,
  setImageTool,
  undoImage,
} from './image-editor-commands';
import { imagePointerDown } from './image-editor-input';
import { resizeView } from './image-editor-view';
import { box, counterIds, ONTOLOGY, object, point } from './test-fixtures';

const a = object('a', box(10, 10, 20, 20));
const b = object('b', box(50, 10, 20, 20));
const payload = { classifications: [], objects: [a, b], spans: [], attributes: {} };
const env = { ontology: ONTOLOGY, newId: counterIds('n') };

function fresh(readOnly = false): ImageEditorState {
  return resizeView(createImageEditor({ payload, width: 100, height: 80, ontology: ONTOLOGY, readOnly }), {
    width: 232,
    height: 192,
  });
}
const objects = (s: ImageEditorState) => currentDocument(s).objects;
const run = (s: ImageEditorState, ...commands: Parameters<typeof applyImageCommand>[1][]) =>
  commands.reduce((acc, c) => applyImageCommand(acc, c, env), s);

describe('image editor commands', () => {
  it('switching to a drawing tool picks a class that can draw it', () => {
    const s = setImageTool(fresh(), 'point', env);
    expect(s.tool.tool).toBe('point');
    expect(s.classId).toBe('keypoint');
    const onBox = setImageTool(s, 'box', env);
    expect(onBox.classId).toBe('car');
    expect(setImageTool(onBox, 'box', env)).toBe(onBox);
    expect(setImageTool(fresh(true), 'box', env).tool.tool).toBe('select');
  });

  it('picking a class the tool cannot draw switches to the class geometry', () => {
    const onBox = setImageTool(fresh(), 'box', env);
    const road = setImageClass(onBox, 'road', env);
    expect(road.classId).toBe('road');
    expect(road.tool.tool).toBe('polygon');
    const person = setImageClass(onBox, 'person', env);
    expect(person.tool.tool).toBe('box');
    expect(setImageClass(onBox, 'scene', env)).toBe(onBox);
    expect(setImageClass(fresh(), 'keypoint', env).tool.tool).toBe('select');
  });

  it('deletes, duplicates and nudges the selection; nudges in a row are one undo step', () => {
    const s = selectObjectIds(fresh(), ['a']);
    const deleted = run(s, { type: 'delete' });
    expect(objects(deleted).map((o) => o.id)).toEqual(['b']);
    const dup = run(s, { type: 'duplicate' });
    expect(objects(dup).map((o) => o.id)).toEqual(['a', 'b', 'n-1']);
    const nudged = run(
      s,
      { type: 'nudge', dx: 1, dy: 0 },
      { type: 'nudge', dx: 10, dy: 0 },
      { type: 'nudge', dx: 0, dy: -1 },
    );
    expect(objects(nudged)[0]!.geometry).toEqual(box(21, 9, 20, 20));
    expect(nudged.history.past).toHaveLength(1);
    expect(objects(run(nudged, { type: 'undo' }))[0]).toBe(a);
  });

  it('undo and redo restore objects and the selection at that time', () => {
    const s = run(selectObjectIds(fresh(), ['a']), { type: 'delete' });
    const undone = run(s, { type: 'undo' });
    expect(objects(undone)).toEqual([a, b]);
    expect(currentDocument(undone).selection).toEqual(['a']);
    expect(objects(run(undone, { type: 'redo' }))).toEqual([b]);
    expect(redoImage(s)).toBe(s);
  });

  it('undo while drawing a polygon removes its last vertex; mid-drag it waits', () => {
    let s = setImageTool(fresh(), 'polygon', env);
    s = imagePointerDown(s, { x: 36, y: 36, button: 0, shift: false, alt: false }, env);
    s = imagePointerDown(s, { x: 96, y: 36, button: 0, shift: false, alt: false }, env);
    const undone = undoImage(s, env);
    expect(undone.tool.tool === 'polygon' && undone.tool.points.length).toBe(1);
    const dragging = imagePointerDown(
      setImageTool(fresh(), 'box', env),
      { x: 20, y: 20, button: 0, shift: false, alt: false },
      env,
    );
    expect(undoImage(dragging, env)).toBe(dragging);
  });

  it('cycles the selection with Tab and hides everything with H', () => {
    const s = run(fresh(), { type: 'cycle', direction: 1 });
    expect(currentDocument(s).selection).toEqual(['a']);
    const hidden = run(s, { type: 'toggle-hidden' });
    expect(hidden.hidden).toBe(true);
    expect(currentDocument(hidden).selection).toEqual([]);
    expect(run(hidden, { type: 'cycle', direction: 1 })).toBe(hidden);
    expect(run(hidden, { type: 'toggle-hidden' }).hidden).toBe(false);
  });

  it('zooms and fits', () => {
    const zoomed = run(fresh(), { type: 'zoom', factor: 2 });
    expect(zoomed.viewport.scale).toBe(4);
    expect(run(zoomed, { type: 'fit' }).viewport).toEqual(fresh().viewport);
    expect(run(fresh(), { type: 'tool', tool: 'polygon' }, { type: 'class', classId: 'road' }).classId).toBe(
      'road',
    );
  });

  it('changes the class of the selection and edits attributes, merging edits of the same field', () => {
    const s = selectObjectIds(fresh(), ['a', 'b']);
    const person = changeSelectedClass(s, 'person', env);
    expect(objects(person).map((o) => o.class_id)).toEqual(['person', 'person']);
    const e1 = editObjectAttributes(person, 'a', { pose: 's' });
    const e2 = editObjectAttributes(e1, 'a', { pose: 'sitting' });
    expect(e2.history.past).toHaveLength(2);
    expect(objects(e2)[0]!.attributes).toEqual({ pose: 'sitting' });
    const e3 = editObjectAttributes(e2, 'a', { pose: 'sitting', occluded: true });
    expect(e3.history.past).toHaveLength(3);
  });

  it('replaces the payload as one undo step and copies another payload on top', () => {
    const s = commitDocument(fresh(), selectObjects(currentDocument(fresh()), ['a']));
    const replaced = replaceImagePayload(s, {
      classifications: [],
      objects: [b],
      spans: [],
      attributes: { x: 1 },
    });
    expect(objects(replaced)).toEqual([b]);
    expect(currentDocument(replaced).rest.attributes).toEqual({ x: 1 });
    expect(objects(undoImage(replaced, env))).toEqual([a, b]);
    const source = {
      classifications: [],
      objects: [object('k', point(5, 5), 'keypoint')],
      spans: [],
      attributes: {},
    };
    const copied = copyFromPayload(fresh(), source, env);
    expect(objects(copied)).toHaveLength(3);
    expect(copied.history.past).toHaveLength(1);
    expect(replaceImagePayload(fresh(true), source).history.present.objects).toEqual([a, b]);
  });
});
