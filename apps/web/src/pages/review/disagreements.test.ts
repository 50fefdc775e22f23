import type { AnnotationPayload, LabeledObject, LabeledSpan } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import {
  disagreementCount,
  disagreementPayload,
  findDisagreements,
  geometryOverlap,
  matchedIndices,
  objectMatch,
} from './disagreements';

const box = (id: string, class_id: string, x: number, y = 0, w = 10, h = 10): LabeledObject => ({
  id,
  class_id,
  geometry: { type: 'box', x, y, w, h },
  attributes: {},
});
const span = (id: string, class_id: string, start: number, end: number): LabeledSpan => ({
  id,
  class_id,
  start,
  end,
  attributes: {},
});
const payload = (p: Partial<AnnotationPayload>): AnnotationPayload => ({
  classifications: [],
  objects: [],
  spans: [],
  attributes: {},
  ...p,
});
const ids = (xs: readonly { id: string }[]) => xs.map((x) => x.id);

describe('review disagreements', () => {
  it('matches boxes of the same class at IoU ≥ 0.5 and not across classes', () => {
    // [0,10) vs [3,13): intersection 70, union 130 → 0.538; [0,10) vs [4,14): 60 / 140 → 0.43
    expect(objectMatch(box('a', 'car', 0), box('b', 'car', 3))).toBeCloseTo(70 / 130, 12);
    const [mine, theirs] = findDisagreements([
      payload({ objects: [box('a', 'car', 0), box('c', 'car', 100)] }),
      payload({ objects: [box('b', 'car', 3), box('d', 'car', 104)] }),
    ]);
    expect(ids(mine?.objects ?? [])).toEqual(['c']);
    expect(ids(theirs?.objects ?? [])).toEqual(['d']);
    const [x, y] = findDisagreements([
      payload({ objects: [box('a', 'car', 0)] }),
      payload({ objects: [box('b', 'truck', 0)] }),
    ]);
    expect(ids(x?.objects ?? [])).toEqual(['a']);
    expect(ids(y?.objects ?? [])).toEqual(['b']);
  });

  it('matches one-to-one: two boxes on one box leave one unmatched', () => {
    const [one, two] = findDisagreements([
      payload({ objects: [box('a', 'car', 0)] }),
      payload({ objects: [box('b', 'car', 1), box('c', 'car', 0)] }),
    ]);
    expect(one?.objects).toEqual([]);
    // The exact copy wins the match; the shifted one is left over.
    expect(ids(two?.objects ?? [])).toEqual(['b']);
    expect(matchedIndices([1, 2], [1], (a, b) => (a === b ? 1 : 0))).toEqual(new Set([0]));
  });

  it('needs an element in every other annotation to count as agreed (three annotators)', () => {
    const ds = findDisagreements([
      payload({ objects: [box('a', 'car', 0), box('x', 'car', 50)] }),
      payload({ objects: [box('b', 'car', 0), box('y', 'car', 50)] }),
      payload({ objects: [box('c', 'car', 0)] }),
    ]);
    expect(ds.map((d) => ids(d.objects))).toEqual([['x'], ['y'], []]);
    expect(ds.map(disagreementCount)).toEqual([1, 1, 0]);
  });

  it('matches spans only on the exact range and class', () => {
    const ds = findDisagreements([
      payload({ spans: [span('a', 'person', 0, 5), span('b', 'org', 10, 20), span('c', 'person', 30, 35)] }),
      payload({ spans: [span('d', 'person', 0, 5), span('e', 'org', 10, 21), span('f', 'org', 30, 35)] }),
    ]);
    expect(ds.map((d) => ids(d.spans))).toEqual([
      ['b', 'c'],
      ['e', 'f'],
    ]);
  });

  it('compares polygons by IoU and points by distance; different geometry types never match', () => {
    const square = (x: number) => [
      { x, y: 0 },
      { x: x + 10, y: 0 },
      { x: x + 10, y: 10 },
      { x, y: 10 },
    ];
    expect(
      geometryOverlap({ type: 'polygon', points: square(0) }, { type: 'polygon', points: square(0) }),
    ).toBeCloseTo(1, 12);
    expect(
      geometryOverlap({ type: 'polygon', points: square(0) }, { type: 'polygon', points: square(5) }),
    ).toBeCloseTo(50 / 150, 12);
    expect(geometryOverlap({ type: 'point', x: 0, y: 0 }, { type: 'point', x: 6, y: 8 })).toBeCloseTo(
      0.5,
      12,
    );
    expect(geometryOverlap({ type: 'point', x: 0, y: 0 }, { type: 'point', x: 30, y: 0 })).toBe(0);
    expect(geometryOverlap({ type: 'box', x: 0, y: 0, w: 10, h: 10 }, { type: 'point', x: 5, y: 5 })).toBe(0);
  });

  it('lists whole-item classes not every annotation chose', () => {
    const c = (class_id: string) => ({ class_id, attributes: {} });
    const ds = findDisagreements([
      payload({ classifications: [c('car'), c('night')] }),
      payload({ classifications: [c('car')] }),
    ]);
    expect(ds.map((d) => d.classes)).toEqual([['night'], []]);
  });

  it('finds nothing to disagree on in a single annotation or identical ones', () => {
    const p = payload({ objects: [box('a', 'car', 0)], spans: [span('s', 'org', 1, 2)] });
    expect(findDisagreements([p]).map(disagreementCount)).toEqual([0]);
    expect(findDisagreements([p, p, p]).map(disagreementCount)).toEqual([0, 0, 0]);
    expect(findDisagreements([])).toEqual([]);
  });

  it('gathers the disagreements into one overlay payload with ids unique per annotation', () => {
    const ds = findDisagreements([
      payload({ objects: [box('o1', 'car', 0)] }),
      payload({ objects: [box('o1', 'truck', 0)], spans: [span('s1', 'org', 0, 3)] }),
    ]);
    const overlay = disagreementPayload(ds);
    expect(ids(overlay.objects)).toEqual(['0-o1', '1-o1']);
    expect(ids(overlay.spans)).toEqual(['1-s1']);
    expect(overlay.objects.map((o) => o.class_id)).toEqual(['car', 'truck']);
  });
});
