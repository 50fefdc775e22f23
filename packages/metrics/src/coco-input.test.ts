import { describe, expect, it } from 'vitest';
import { type CocoGroundTruth, parseCocoDetections, parseCocoGroundTruth } from './coco-input';

const ann = (over: Record<string, unknown> = {}) => ({
  id: 1,
  image_id: 1,
  category_id: 1,
  bbox: [0, 0, 2, 2],
  area: 4,
  iscrowd: 0,
  ...over,
});
const dataset = (over: Record<string, unknown> = {}) => ({
  images: [{ id: 3 }, { id: 1 }, { id: 3 }],
  categories: [{ id: 9 }, { id: 1 }],
  annotations: [ann()],
  ...over,
});

function gt(value: unknown): CocoGroundTruth {
  const r = parseCocoGroundTruth(value);
  if (!r.ok) throw new Error(r.issue.path);
  return r.value;
}

const issue = (r: { ok: boolean; issue?: { path: string; message: string } }) => (r.ok ? null : r.issue);

describe('parseCocoGroundTruth', () => {
  it('sorts and de-duplicates image and category ids and builds columns', () => {
    const g = gt(dataset({ annotations: [ann({ image_id: 3, category_id: 9, iscrowd: true }), ann()] }));
    expect([...g.imageIds]).toEqual([1, 3]);
    expect([...g.categoryIds]).toEqual([1, 9]);
    expect(g.count).toBe(2);
    expect([...g.image]).toEqual([1, 0]);
    expect([...g.category]).toEqual([1, 0]);
    expect([...g.crowd]).toEqual([1, 0]);
    expect([...g.box]).toEqual([0, 0, 2, 2, 0, 0, 2, 2]);
  });

  it('treats a missing iscrowd as 0 and drops annotations of unlisted images or categories', () => {
    const g = gt(
      dataset({ annotations: [ann({ iscrowd: undefined }), ann({ image_id: 5 }), ann({ category_id: 5 })] }),
    );
    expect(g.count).toBe(1);
    expect([...g.crowd]).toEqual([0]);
  });

  it.each([
    [[], '$', 'expected a COCO dataset object'],
    [dataset({ images: null }), 'images', 'expected an array'],
    [dataset({ images: [{ id: 1 }, { id: '2' }] }), 'images[1].id', 'expected a finite number'],
    [dataset({ categories: [7] }), 'categories[0]', 'expected an object'],
    [dataset({ annotations: {} }), 'annotations', 'expected an array'],
    [dataset({ annotations: [ann(), null] }), 'annotations[1]', 'expected an object'],
    [
      dataset({ annotations: [ann({ image_id: '1' })] }),
      'annotations[0].image_id',
      'expected a finite number',
    ],
    [
      dataset({ annotations: [ann({ category_id: null })] }),
      'annotations[0].category_id',
      'expected a finite number',
    ],
    [
      dataset({ annotations: [ann(), ann(), ann(), ann({ bbox: [1, 2, 3] })] }),
      'annotations[3].bbox',
      'expected [x, y, width, height]: 4 finite numbers',
    ],
    [
      dataset({ annotations: [ann({ bbox: [1, 2, 3, null] })] }),
      'annotations[0].bbox',
      'expected [x, y, width, height]: 4 finite numbers',
    ],
    [dataset({ annotations: [ann({ area: undefined })] }), 'annotations[0].area', 'expected a finite number'],
    [
      dataset({ annotations: [ann({ iscrowd: 2 })] }),
      'annotations[0].iscrowd',
      'expected 0, 1, true or false',
    ],
  ])('rejects %j at %s', (value, path, message) => {
    expect(issue(parseCocoGroundTruth(value))).toEqual({ path, message });
  });
});

describe('parseCocoDetections', () => {
  const g = gt(dataset());
  const det = (over: Record<string, unknown> = {}) => ({
    image_id: 1,
    category_id: 1,
    bbox: [0, 0, 1, 1],
    score: 0.5,
    ...over,
  });

  it('keeps input order and drops unknown categories', () => {
    const r = parseCocoDetections(
      [det({ score: 0.1 }), det({ category_id: 77 }), det({ image_id: 3, score: 0.2 })],
      g,
    );
    expect(r.ok && [...r.value.score]).toEqual([0.1, 0.2]);
    expect(r.ok && [...r.value.image]).toEqual([0, 1]);
    expect(issue(parseCocoDetections([], g))).toBeNull();
  });

  it.each([
    [{}, '$', 'expected a COCO results array'],
    [[det(), 'x'], '[1]', 'expected an object'],
    [[det({ image_id: null })], '[0].image_id', 'expected a finite number'],
    [[det({ category_id: '1' })], '[0].category_id', 'expected a finite number'],
    [[det({ bbox: [0, 0, 1] })], '[0].bbox', 'expected [x, y, width, height]: 4 finite numbers'],
    [[det({ score: undefined })], '[0].score', 'expected a finite number'],
    [[det(), det({ image_id: 2, category_id: 77 })], '[1].image_id', 'image 2 is not in the ground truth'],
  ])('rejects %j at %s', (value, path, message) => {
    expect(issue(parseCocoDetections(value, g))).toEqual({ path, message });
  });
});
