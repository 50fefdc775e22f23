import { describe, expect, it } from 'vitest';
import { createImageEditor, currentDocument, type ImageEditorState } from './image-editor';
import { selectObjectIds, setImageTool, undoImage } from './image-editor-commands';
import {
  imageCursor,
  imageKeyDown,
  imageKeyUp,
  imagePointerDown,
  imagePointerMove,
  imagePointerUp,
  imageWheel,
  type ScreenPointer,
} from './image-editor-input';
import { resizeView } from './image-editor-view';
import type { ImageKeyInput } from './image-shortcuts';
import { box, counterIds, ONTOLOGY, object } from './test-fixtures';

const a = object('a', box(10, 10, 20, 20));
const env = { ontology: ONTOLOGY, newId: counterIds('n') };
/** Image 100 × 80 in a 232 × 192 canvas: scale 2, offset 16 (screen = image · 2 + 16). */
function fresh(objects = [a]): ImageEditorState {
  const payload = { classifications: [], objects, spans: [], attributes: {} };
  return resizeView(createImageEditor({ payload, width: 100, height: 80, ontology: ONTOLOGY }), {
    width: 232,
    height: 192,
  });
}
const ptr = (
  x: number,
  y: number,
  button = 0,
  mods: { shift?: boolean; alt?: boolean } = {},
): ScreenPointer => ({
  x,
  y,
  button,
  shift: mods.shift ?? false,
  alt: mods.alt ?? false,
});
const key = (k: string, mods: Partial<ImageKeyInput> = {}): ImageKeyInput => ({
  key: k,
  code: '',
  ctrl: false,
  meta: false,
  shift: false,
  alt: false,
  ...mods,
});

function drag(
  s: ImageEditorState,
  from: [number, number],
  to: [number, number],
  steps = 10,
  use = env,
): ImageEditorState {
  let next = imagePointerDown(s, ptr(...from), use);
  for (let i = 1; i <= steps; i++) {
    const t = i / steps;
    next = imagePointerMove(next, ptr(from[0] + (to[0] - from[0]) * t, from[1] + (to[1] - from[1]) * t), use);
  }
  return imagePointerUp(next, ptr(...to), use);
}

describe('image editor input', () => {
  it('a box-tool drag in screen pixels creates a box in image pixels', () => {
    const own = { ...env, newId: counterIds('drawn') };
    const s = drag(setImageTool(fresh([]), 'box', own), [36, 56], [116, 96], 10, own);
    expect(currentDocument(s).objects).toEqual([
      {
        id: 'drawn-1',
        class_id: 'car',
        geometry: { type: 'box', x: 10, y: 20, w: 40, h: 20 },
        attributes: {},
      },
    ]);
    expect(s.history.past).toHaveLength(1);
  });

  it('a move drag is one undo step, and two drags are two', () => {
    const once = drag(fresh(), [56, 56], [76, 66]);
    expect(currentDocument(once).objects[0]!.geometry).toEqual(box(20, 15, 20, 20));
    expect(once.history.past).toHaveLength(1);
    const twice = drag(once, [76, 66], [96, 66]);
    expect(twice.history.past).toHaveLength(2);
    expect(currentDocument(undoImage(twice, env)).objects[0]!.geometry).toEqual(box(20, 15, 20, 20));
  });

  it('pans with the middle button and with space+drag, without touching the objects', () => {
    const middle = imagePointerUp(
      imagePointerMove(imagePointerDown(fresh(), ptr(50, 50, 1), env), ptr(60, 45), env),
      ptr(60, 45),
      env,
    );
    expect(middle.viewport).toEqual({ scale: 2, offsetX: 26, offsetY: 11 });
    expect(middle.history.past).toHaveLength(0);
    let s = imageKeyDown(fresh(), key(' '), env).state;
    expect(imageCursor(s)).toBe('grab');
    s = imagePointerDown(s, ptr(56, 56), env);
    expect(imageCursor(s)).toBe('grabbing');
    s = imagePointerMove(s, ptr(50, 50), env);
    s = imagePointerUp(s, ptr(50, 50), env);
    s = imageKeyUp(s, key(' '));
    expect(s.viewport.offsetX).toBe(10);
    expect(currentDocument(s).objects[0]).toBe(a);
    expect(s.spaceHeld).toBe(false);
    expect(imagePointerDown(fresh(), ptr(1, 1, 2), env)).toEqual(fresh());
  });

  it('zooms with the wheel', () => {
    expect(imageWheel(fresh(), 100, 100, -200).viewport.scale).toBeGreaterThan(2);
  });

  it('gives keys to the drawing tool first, then to the shortcut map', () => {
    let s = setImageTool(fresh(), 'polygon', env);
    s = imageKeyDown(s, key('4'), env).state;
    expect(s.classId).toBe('road');
    for (const [x, y] of [
      [36, 36],
      [96, 36],
      [66, 96],
    ] as const)
      s = imagePointerDown(s, ptr(x, y), env);
    const back = imageKeyDown(s, key('Backspace'), env);
    expect(back.handled).toBe(true);
    expect(currentDocument(back.state).objects).toHaveLength(1);
    const closed = imageKeyDown(imagePointerDown(back.state, ptr(66, 96), env), key('Enter'), env).state;
    expect(currentDocument(closed).objects).toHaveLength(2);
    const deleted = imageKeyDown(closed, key('Delete'), env).state;
    expect(currentDocument(deleted).objects).toHaveLength(1);
    const undone = imageKeyDown(deleted, key('z', { ctrl: true }), env).state;
    expect(currentDocument(undone).objects).toHaveLength(2);
    expect(imageKeyDown(undone, key('q'), env)).toEqual({ state: undone, handled: false });
  });

  it('drawing while hidden shows the objects again', () => {
    const hidden = imageKeyDown(setImageTool(fresh(), 'box', env), key('h'), env).state;
    expect(hidden.hidden).toBe(true);
    expect(drag(hidden, [36, 36], [96, 96]).hidden).toBe(false);
  });

  it('reports a cursor for each situation', () => {
    expect(imageCursor(setImageTool(fresh(), 'box', env))).toBe('crosshair');
    const selected = selectObjectIds(fresh(), ['a']);
    expect(imageCursor(imagePointerMove(selected, ptr(36, 36), env))).toBe('nw-resize');
    expect(imageCursor(imagePointerMove(selected, ptr(50, 50), env))).toBe('move');
    expect(imageCursor(imagePointerMove(selected, ptr(200, 150), env))).toBe('default');
    expect(imageCursor(imagePointerDown(selected, ptr(50, 50), env))).toBe('move');
  });
});
