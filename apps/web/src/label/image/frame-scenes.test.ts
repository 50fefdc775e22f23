import { imagePointerDown, imagePointerMove, selectObjectIds, setImageTool } from '@tessera/editor';
import { describe, expect, it } from 'vitest';
import { objectsSceneOf, selectionSceneOf } from './frame-scenes';
import { carBox, editorWith, env, ontology, payloadOf } from './test-editor';

const payload = payloadOf([carBox('a', 10), carBox('b', 50)]);
const overlays = [{ label: 'x', color: '#000000', payload }];
const fresh = () => editorWith(payload.objects);

describe('frame scenes', () => {
  it('puts the selection on the top layer with handles and the class name', () => {
    const s = selectObjectIds(fresh(), ['a']);
    const objects = objectsSceneOf({ state: s, overlays, image: null }, ontology);
    expect([...objects.skip]).toEqual(['a']);
    expect(objects.overlays).toBe(overlays);
    expect(objects.colorOf('car')).toBe('#ff0000');
    const zoomed = { ...s, viewport: { ...s.viewport, scale: 4 } };
    const sel = selectionSceneOf({ state: zoomed, overlays, image: null }, ontology);
    expect(sel.selected.map((o) => o.id)).toEqual(['a']);
    expect(sel.handles).toHaveLength(8);
    expect(sel.label).toBe('Car');
    expect(
      selectionSceneOf({ state: { ...s, readOnly: true }, overlays, image: null }, ontology).handles,
    ).toEqual([]);
  });

  it('hides objects, overlays and the selection while hidden', () => {
    const s = { ...selectObjectIds(fresh(), ['a']), hidden: true };
    expect(objectsSceneOf({ state: s, overlays, image: null }, ontology).objects).toEqual([]);
    expect(objectsSceneOf({ state: s, overlays, image: null }, ontology).overlays).toEqual([]);
    expect(selectionSceneOf({ state: s, overlays, image: null }, ontology).selected).toEqual([]);
  });

  it('shows the hovered object and the box being drawn', () => {
    const hovering = imagePointerMove(fresh(), { x: 126, y: 46, button: 0, shift: false, alt: false }, env);
    expect(selectionSceneOf({ state: hovering, overlays: [], image: null }, ontology).hover?.id).toBe('b');
    let drawing = setImageTool(fresh(), 'box', env);
    drawing = imagePointerDown(drawing, { x: 20, y: 20, button: 0, shift: false, alt: false }, env);
    drawing = imagePointerMove(drawing, { x: 40, y: 60, button: 0, shift: false, alt: false }, env);
    const scene = selectionSceneOf({ state: drawing, overlays: [], image: null }, ontology);
    expect(scene.draft).toEqual({ kind: 'box', box: { x: 2, y: 2, w: 10, h: 20 } });
    expect(scene.draftColor).toBe('#ff0000');
  });

  it('draws only the corner handles of a box that is small on screen', () => {
    const s = selectObjectIds(fresh(), ['a']);
    const zoomedOut = { ...s, viewport: { ...s.viewport, scale: 1 } };
    expect(selectionSceneOf({ state: zoomedOut, overlays: [], image: null }, ontology).handles).toHaveLength(
      4,
    );
  });
});
