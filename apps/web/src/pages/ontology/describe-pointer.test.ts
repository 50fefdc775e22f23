import type { OntologyDefinition } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { describePointer } from './describe-pointer';

const def: OntologyDefinition = {
  classes: [
    {
      id: 'car',
      name: 'Car',
      color: '#ff0000',
      geometries: ['box'],
      attributes: [{ id: 'kind', name: 'Kind', type: 'enum', required: true, options: ['a', 'a'] }],
    },
  ],
  global_attributes: [{ id: 'a/b', name: 'Weather', type: 'text', required: false }],
  guidelines: '',
};

describe('describePointer', () => {
  it('names rows by position and id', () => {
    expect(describePointer('/definition/classes/0/attributes/0/options/1', def)).toBe(
      'class 1 “car” › attribute 1 “kind” › option 2',
    );
    expect(describePointer('/definition/global_attributes/0/max_length', def)).toBe(
      'global attribute 1 “a/b” › max length',
    );
    expect(describePointer('/definition/classes/7/id', def)).toBe('class 8 › id');
    expect(describePointer('/migration/2/to', def)).toBe('migration op 3 › to');
    expect(describePointer('/definition/guidelines', def)).toBe('guidelines');
    expect(describePointer('/', def)).toBe('the draft');
  });
});
