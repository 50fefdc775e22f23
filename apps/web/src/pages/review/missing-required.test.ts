import type { AnnotationPayload, OntologyDefinition } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { missingRequired } from './missing-required';

const ontology: OntologyDefinition = {
  classes: [
    {
      id: 'car',
      name: 'Car',
      color: '#ff0000',
      geometries: ['box', 'classification'],
      attributes: [
        { id: 'occluded', name: 'Occluded', type: 'boolean', required: true },
        { id: 'color', name: 'Color', type: 'enum', required: false, options: ['red'] },
      ],
    },
    { id: 'truck', name: 'Truck', color: '#00ff00', geometries: ['classification'], attributes: [] },
  ],
  global_attributes: [{ id: 'daytime', name: 'Daytime', type: 'boolean', required: true }],
  guidelines: '',
};
const payload = (p: Partial<AnnotationPayload>): AnnotationPayload => ({
  classifications: [],
  objects: [],
  spans: [],
  attributes: {},
  ...p,
});

describe('missing required attributes of a fix', () => {
  it('names missing global attributes and the missing attributes of each chosen class', () => {
    const m = missingRequired(
      ontology,
      payload({
        classifications: [
          { class_id: 'car', attributes: { color: 'red' } },
          { class_id: 'truck', attributes: {} },
        ],
      }),
    );
    expect(m.global).toEqual(['daytime']);
    expect([...m.classes]).toEqual([['car', ['occluded']]]);
    expect(m.total).toBe(2);
  });

  it('counts nothing once every required value is there (false counts as a value)', () => {
    const m = missingRequired(
      ontology,
      payload({
        classifications: [{ class_id: 'car', attributes: { occluded: false } }],
        attributes: { daytime: false },
      }),
    );
    expect(m).toEqual({ global: [], classes: new Map(), total: 0 });
  });
});
