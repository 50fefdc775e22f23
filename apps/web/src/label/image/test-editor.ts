import { createImageEditor, type ImageEditorState, imageOntology, resizeView } from '@tessera/editor';
import type { AnnotationPayload, LabeledObject } from '@tessera/schema';

/** Tests' ontology: one class, `car`, drawn as boxes. */
export const ontology = imageOntology({
  classes: [{ id: 'car', name: 'Car', color: '#ff0000', geometries: ['box'], attributes: [] }],
  global_attributes: [],
  guidelines: '',
});
export const env = { ontology, newId: () => 'new' };

/** A 10 × 10 car box at (x, 10). */
export const carBox = (id: string, x: number): LabeledObject => ({
  id,
  class_id: 'car',
  geometry: { type: 'box', x, y: 10, w: 10, h: 10 },
  attributes: {},
});

export const payloadOf = (objects: readonly LabeledObject[]): AnnotationPayload => ({
  classifications: [],
  objects: [...objects],
  spans: [],
  attributes: {},
});

/** A 100 × 80 image in a 232 × 192 canvas: scale 2, offset 16 (screen = image · 2 + 16). */
export function editorWith(objects: readonly LabeledObject[]): ImageEditorState {
  return resizeView(createImageEditor({ payload: payloadOf(objects), width: 100, height: 80, ontology }), {
    width: 232,
    height: 192,
  });
}
