/** Test-only fixtures for the required-attribute tests (not exported from the package). */
import type { AnnotationPayload, OntologyDefinition } from '@tessera/schema';

export const ONTOLOGY: OntologyDefinition = {
  classes: [
    {
      id: 'car',
      name: 'Car',
      color: '#ff0000',
      geometries: ['box', 'polygon', 'point'],
      attributes: [
        { id: 'color', name: 'Color', required: true, type: 'enum', options: ['red', 'blue'] },
        { id: 'occluded', name: 'Occluded', required: true, type: 'boolean' },
        { id: 'doors', name: 'Doors', required: false, type: 'number', min: 0, max: 6, integer: true },
      ],
    },
    {
      id: 'person',
      name: 'Person',
      color: '#00ff00',
      geometries: ['box', 'point'],
      attributes: [{ id: 'nick', name: 'Nickname', required: false, type: 'text', max_length: 5 }],
    },
    {
      id: 'scene',
      name: 'Scene',
      color: '#123456',
      geometries: ['classification'],
      attributes: [
        { id: 'weather', name: 'Weather', required: true, type: 'enum', options: ['sunny', 'rainy'] },
        { id: 'lux', name: 'Light', required: false, type: 'number', min: 0.5 },
      ],
    },
    { id: 'indoor', name: 'Indoor', color: '#654321', geometries: ['classification'], attributes: [] },
    {
      id: 'entity',
      name: 'Entity',
      color: '#abcdef',
      geometries: ['span'],
      attributes: [
        { id: 'conf', name: 'Confidence', required: true, type: 'number', min: 0, max: 1 },
        { id: 'kind', name: 'Kind', required: false, type: 'enum', options: ['org', 'loc'] },
      ],
      allow_overlap: true,
    },
  ],
  global_attributes: [
    { id: 'quality', name: 'Quality', required: true, type: 'enum', options: ['good', 'bad'] },
    { id: 'note', name: 'Note', required: false, type: 'text', max_length: 20 },
    { id: 'reviewed', name: 'Reviewed', required: false, type: 'boolean' },
  ],
  guidelines: 'Label every car.\nBoxes are tight.\n',
};

/** Valid against ONTOLOGY: every label kind, every required attribute present. */
export function completePayload(): AnnotationPayload {
  return {
    classifications: [
      { class_id: 'scene', attributes: { weather: 'sunny' } },
      { class_id: 'indoor', attributes: {} },
    ],
    objects: [
      {
        id: 'o1',
        class_id: 'car',
        geometry: { type: 'box', x: 1, y: 2, w: 10, h: 5 },
        attributes: { color: 'red', occluded: false, doors: 4 },
      },
      {
        id: 'o2',
        class_id: 'person',
        geometry: { type: 'point', x: 3, y: 4 },
        attributes: {},
      },
    ],
    spans: [{ id: 's1', class_id: 'entity', start: 0, end: 4, attributes: { conf: 0.5 } }],
    attributes: { quality: 'good' },
  };
}
