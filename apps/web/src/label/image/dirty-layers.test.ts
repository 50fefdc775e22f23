import {
  type ImageEditorState,
  imagePointerDown,
  imagePointerMove,
  selectObjectIds,
  setImageTool,
} from '@tessera/editor';
import { describe, expect, it } from 'vitest';
import { dirtyLayers, type FrameInput, sameUnselected } from './dirty-layers';
import { carBox, editorWith, env } from './test-editor';

const editor = () => editorWith([carBox('a', 10), carBox('b', 40)]);
const NO_OVERLAYS: FrameInput<object>['overlays'] = [];
const frame = (state: ImageEditorState, image: object | null = null): FrameInput<object> => ({
  state,
  overlays: NO_OVERLAYS,
  image,
});
const ptr = (x: number, y: number) => ({ x, y, button: 0, shift: false, alt: false });

describe('dirty layers', () => {
  it('draws everything on the first frame and nothing when nothing changed', () => {
    const f = frame(editor());
    expect(dirtyLayers(null, f)).toEqual({ image: true, objects: true, selection: true });
    expect(dirtyLayers(f, frame(f.state))).toEqual({ image: false, objects: false, selection: false });
  });

  it('dragging the selected object redraws the selection layer only', () => {
    const selected = selectObjectIds(editor(), ['a']);
    const pressed = imagePointerDown(selected, ptr(56, 56), env);
    const moved = imagePointerMove(pressed, ptr(70, 60), env);
    expect(moved.history.present.objects).not.toBe(pressed.history.present.objects);
    expect(dirtyLayers(frame(pressed), frame(moved))).toEqual({
      image: false,
      objects: false,
      selection: true,
    });
  });

  it('selecting another object, panning or a new image redraw what they touch', () => {
    const s = editor();
    const selected = selectObjectIds(s, ['b']);
    expect(dirtyLayers(frame(s), frame(selected))).toEqual({ image: false, objects: true, selection: true });
    const panned = { ...s, viewport: { ...s.viewport, offsetX: 99 } };
    expect(dirtyLayers(frame(s), frame(panned))).toEqual({ image: true, objects: true, selection: true });
    expect(dirtyLayers(frame(s), frame(s, {}))).toEqual({ image: true, objects: false, selection: false });
    const tool = setImageTool(s, 'box', env);
    expect(dirtyLayers(frame(s), frame(tool))).toEqual({ image: false, objects: false, selection: true });
  });

  it('compares the unselected objects by identity', () => {
    const a = carBox('a', 1);
    const b = carBox('b', 2);
    expect(
      sameUnselected(
        { objects: [a, b], selection: ['a'] },
        { objects: [carBox('a', 5), b], selection: ['a'] },
      ),
    ).toBe(true);
    expect(
      sameUnselected({ objects: [a, b], selection: [] }, { objects: [a, carBox('b', 3)], selection: [] }),
    ).toBe(false);
    expect(sameUnselected({ objects: [a, b], selection: ['a'] }, { objects: [a, b], selection: ['b'] })).toBe(
      false,
    );
  });
});
