import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annotationPayloadValidator } from './annotation';
import { migrationValidator, ontologyDefinitionValidator } from './ontology';
import { DEFAULT_WORKFLOW, workflowValidator } from './project';
import { taskInputValidator } from './task-input';

describe('record validators', () => {
  it('reports every issue with a JSON Pointer, including unknown fields', () => {
    const result = taskInputValidator.validate({
      type: 'imageannotation',
      priority: 'high',
      extra: 1,
      tags: [''],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path).sort()).toEqual(['/extra', '/priority', '/tags/0']);
    expect(result.issues.every((i) => i.code === 'invalid' && i.message.length > 0)).toBe(true);
  });

  it('accepts the defaults and rejects out-of-range workflow values', () => {
    expect(workflowValidator.check(DEFAULT_WORKFLOW)).toBe(true);
    const bad = workflowValidator.validate({ ...DEFAULT_WORKFLOW, annotations_per_task: 0, gold_rate: 2 });
    expect(bad.ok ? [] : bad.issues.map((i) => i.path).sort()).toEqual([
      '/annotations_per_task',
      '/gold_rate',
    ]);
    expect(workflowValidator.check({ ...DEFAULT_WORKFLOW, review: { policy: 'sample', rate: 0.1 } })).toBe(
      true,
    );
    expect(workflowValidator.check({ ...DEFAULT_WORKFLOW, review: { policy: 'sample' } })).toBe(false);
  });

  it('validates ontology definitions and migrations', () => {
    const def = {
      classes: [
        {
          id: 'car',
          name: 'Car',
          color: '#ff0000',
          geometries: ['box'],
          attributes: [{ id: 'n', name: 'N', type: 'number', required: true, min: 0 }],
        },
      ],
      global_attributes: [],
      guidelines: '',
    };
    expect(ontologyDefinitionValidator.check(def)).toBe(true);
    expect(
      ontologyDefinitionValidator.check({ ...def, classes: [{ ...def.classes[0], color: 'red' }] }),
    ).toBe(false);
    expect(migrationValidator.check([{ op: 'rename_class', from: 'car', to: 'vehicle' }])).toBe(true);
    expect(migrationValidator.check([{ op: 'explode', from: 'car' }])).toBe(false);
  });

  it('never throws, on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        for (const v of [
          taskInputValidator,
          annotationPayloadValidator,
          ontologyDefinitionValidator,
          workflowValidator,
        ]) {
          const r = v.validate(value);
          expect(r.ok || r.issues.length > 0).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('accepts every well-formed annotation payload', () => {
    const box = fc.record({
      type: fc.constant('box'),
      x: fc.double({ noNaN: true, noDefaultInfinity: true }),
      y: fc.double({ noNaN: true, noDefaultInfinity: true }),
      w: fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }),
      h: fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }),
    });
    const object = fc.record({
      id: fc.string({ minLength: 1, maxLength: 8 }),
      class_id: fc.constantFrom('car', 'truck'),
      geometry: box,
      attributes: fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.boolean(), fc.integer())),
    });
    fc.assert(
      fc.property(fc.array(object, { maxLength: 5 }), (objects) => {
        expect(
          annotationPayloadValidator.check({ classifications: [], objects, spans: [], attributes: {} }),
        ).toBe(true);
      }),
    );
  });
});
