/** Test-only fixtures for the ontology tests (not exported from the package). */
import type { AnnotationPayload, OntologyDefinition } from '@tessera/schema';

export const ONTOLOGY: OntologyDefinition = {
  classes: [
    {
      id: 'car',
      name: 'Car',
      color: '#ff0000',
      geometries: ['box', 'polygon'],
      attributes: [
        { id: 'color', name: 'Color', required: true, type: 'enum', options: ['red', 'blue'] },
        { id: 'occluded', name: 'Occluded', required: false, type: 'boolean' },
        { id: 'doors', name: 'Doors', required: false, type: 'number', min: 0, max: 6, integer: true },
      ],
    },
    {
      id: 'person',
      name: 'Person',
      color: '#00ff00',
      geometries: ['box', 'point', 'polygon'],
      attributes: [{ id: 'nick', name: 'Nickname', required: false, type: 'text', max_length: 5 }],
    },
    { id: 'road', name: 'Road', color: '#0000ff', geometries: ['polygon'], attributes: [] },
    {
      id: 'scene',
      name: 'Scene',
      color: '#123456',
      geometries: ['classification'],
      attributes: [
        { id: 'weather', name: 'Weather', required: true, type: 'enum', options: ['sunny', 'rainy'] },
      ],
    },
    {
      id: 'entity',
      name: 'Entity',
      color: '#abcdef',
      geometries: ['span'],
      attributes: [{ id: 'conf', name: 'Confidence', required: false, type: 'number', min: 0, max: 1 }],
    },
    {
      id: 'topic',
      name: 'Topic',
      color: '#fedcba',
      geometries: ['span'],
      attributes: [],
      allow_overlap: true,
    },
  ],
  global_attributes: [
    { id: 'quality', name: 'Quality', required: true, type: 'enum', options: ['good', 'bad'] },
    { id: 'note', name: 'Note', required: false, type: 'text' },
  ],
  guidelines: 'Label every car.\nBoxes are tight.\n',
};

export const MEDIA = { width: 100, height: 50, textLength: 200 } as const;

/** A payload valid against ONTOLOGY and MEDIA, touching every label kind. */
export function validPayload(): AnnotationPayload {
  return {
    classifications: [{ class_id: 'scene', attributes: { weather: 'sunny' } }],
    objects: [
      {
        id: 'o1',
        class_id: 'car',
        geometry: { type: 'box', x: 0, y: 0, w: 100, h: 50 },
        attributes: { color: 'red' },
      },
      {
        id: 'o2',
        class_id: 'road',
        geometry: {
          type: 'polygon',
          points: [
            { x: 0, y: 0 },
            { x: 10, y: 0 },
            { x: 10, y: 10 },
            { x: 0, y: 10 },
          ],
        },
        attributes: {},
      },
      {
        id: 'o3',
        class_id: 'person',
        geometry: { type: 'point', x: 100, y: 50 },
        attributes: { nick: 'bob' },
      },
    ],
    spans: [
      { id: 's1', class_id: 'entity', start: 0, end: 5, attributes: { conf: 0.5 } },
      { id: 's2', class_id: 'entity', start: 5, end: 9, attributes: {} },
      { id: 's3', class_id: 'topic', start: 10, end: 20, attributes: {} },
      { id: 's4', class_id: 'topic', start: 12, end: 25, attributes: {} },
    ],
    attributes: { quality: 'good' },
  };
}

/** Recursively freezes a value so a test fails if the code under test mutates it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
