import type { AnnotationPayload, LabeledObject } from '@tessera/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateAnnotations, pairAgreement } from './aggregate';
import { scoreGold } from './gold-score';

const box = (
  id: string,
  class_id: string,
  x: number,
  y: number,
  w = 10,
  h = 10,
  attributes = {},
): LabeledObject => ({
  id,
  class_id,
  geometry: { type: 'box', x, y, w, h },
  attributes,
});
const payload = (p: Partial<AnnotationPayload>): AnnotationPayload => ({
  classifications: [],
  objects: [],
  spans: [],
  attributes: {},
  ...p,
});

describe('consensus', () => {
  it('keeps objects a strict majority drew, averaging boxes and voting attributes', () => {
    const result = aggregateAnnotations([
      payload({ objects: [box('a', 'car', 0, 0, 10, 10, { occluded: true }), box('x', 'truck', 50, 50)] }),
      payload({ objects: [box('b', 'car', 2, 0, 10, 10, { occluded: false })] }),
      payload({ objects: [box('c', 'car', 1, 0, 10, 10, { occluded: true })] }),
    ]);
    expect(result.payload.objects).toEqual([
      {
        id: 'a',
        class_id: 'car',
        geometry: { type: 'box', x: 1, y: 0, w: 10, h: 10 },
        attributes: { occluded: true },
      },
    ]);
    expect(result.details).toMatchObject({ annotators: 3, kept: 1, dropped: 1 });
    expect(result.agreement).toBeGreaterThan(0.4);
    expect(result.agreement).toBeLessThan(1);
  });

  it('needs both annotators to agree when k = 2, and matches only the same class', () => {
    const result = aggregateAnnotations([
      payload({ objects: [box('a', 'car', 0, 0)] }),
      payload({ objects: [box('b', 'truck', 0, 0)] }),
    ]);
    expect(result.payload.objects).toEqual([]);
    expect(result.agreement).toBe(0);
  });

  it('votes classifications (ties to the first class in code-point order) and global attributes', () => {
    const c = (id: string) => ({ class_id: id, attributes: {} });
    const tie = aggregateAnnotations([
      payload({ classifications: [c('truck')], attributes: { night: true } }),
      payload({ classifications: [c('car')], attributes: { night: true } }),
    ]);
    expect(tie.payload.classifications).toEqual([c('car')]);
    expect(tie.payload.attributes).toEqual({ night: true });
    const major = aggregateAnnotations([
      payload({ classifications: [c('truck')] }),
      payload({ classifications: [c('truck')] }),
      payload({ classifications: [c('car')] }),
    ]);
    expect(major.payload.classifications).toEqual([c('truck')]);
  });

  it('merges overlapping spans of the same class by their median bounds', () => {
    const span = (id: string, start: number, end: number) => ({
      id,
      class_id: 'person',
      start,
      end,
      attributes: {},
    });
    const result = aggregateAnnotations([
      payload({ spans: [span('a', 0, 10)] }),
      payload({ spans: [span('b', 1, 10)] }),
      payload({ spans: [span('c', 0, 12), span('d', 40, 45)] }),
    ]);
    expect(result.payload.spans).toEqual([span('a', 0, 10)]);
  });

  it('agrees fully on identical annotations and stays in [0, 1] and symmetric', () => {
    const arbBox = fc.record({
      x: fc.integer({ min: 0, max: 90 }),
      y: fc.integer({ min: 0, max: 90 }),
      w: fc.integer({ min: 1, max: 10 }),
      h: fc.integer({ min: 1, max: 10 }),
    });
    const arbPayload = fc
      .array(arbBox, { maxLength: 6 })
      .map((bs) =>
        payload({ objects: bs.map((b, i) => box(`o${i}`, i % 2 ? 'car' : 'truck', b.x, b.y, b.w, b.h)) }),
      );
    fc.assert(
      fc.property(arbPayload, arbPayload, (a, b) => {
        expect(pairAgreement(a, a, 0.5)).toBeCloseTo(1, 12);
        const ab = pairAgreement(a, b, 0.5);
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ab).toBeLessThanOrEqual(1 + 1e-12);
        expect(ab).toBeCloseTo(pairAgreement(b, a, 0.5), 12);
        const same = aggregateAnnotations([a, a, a]);
        expect(same.agreement).toBeCloseTo(1, 12);
        expect(same.payload.objects.length).toBe(a.objects.length);
      }),
    );
  });

  it('scores gold answers: accuracy over matched elements, mean IoU of matched objects', () => {
    const expected = payload({ objects: [box('e1', 'car', 0, 0), box('e2', 'car', 50, 50)] });
    expect(scoreGold(expected, expected)).toEqual({ accuracy: 1, meanIou: 1 });
    const half = scoreGold(payload({ objects: [box('s1', 'car', 2, 0)] }), expected);
    expect(half.accuracy).toBe(0.5);
    expect(half.meanIou).toBeCloseTo(80 / 120, 12);
    expect(scoreGold(payload({}), payload({}))).toEqual({ accuracy: 1, meanIou: null });
  });
});
