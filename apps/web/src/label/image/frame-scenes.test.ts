import {
  createImageEditor,
  imageOntology,
  imagePointerDown,
  imagePointerMove,
  resizeView,
  selectObjectIds,
  setImageTool,
} from '@tessera/editor';
import type { OntologyDefinition } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { objectsSceneOf, selectionSceneOf } from './frame-scenes';

const definition: OntologyDefinition = {
  classes: [{ id: 'car', name: 'Car', color: '#ff0000', geometries: ['box'], attributes: [] }],
  global_attributes: [],
  guidelines: '',
};
const ontology = imageOntology(definition);
const env = { ontology, newId: () => 'new' };
const payload = {
  classifications: [],
  objects: [
    {
      id: 'a',
      class_id: 'car',
      geometry: { type: 'box' as const, x: 10, y: 10, w: 10, h: 10 },
      attributes: {},
    },
    {
      id: 'b',
      class_id: 'car',
      geometry: { type: 'box' as const, x: 50, y: 10, w: 10, h: 10 },
      attributes: {},
    },
  ],
  spans: [],
  attributes: {},
};
const overlays = [{ label: 'x', color: '#000000', payload }];
const fresh = () =>
  resizeView(createImageEditor({ payload, width: 100, height: 80, ontology }), { width: 232, height: 192 });

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
