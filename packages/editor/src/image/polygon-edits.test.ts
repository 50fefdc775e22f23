import { describe, expect, it } from 'vitest';
import { deleteVertex, insertVertex, moveVertex } from './polygon-edits';
import { box, documentOf, object, polygon } from './test-fixtures';

const tri = object('t', polygon(10, 10, 50, 10, 30, 40), 'road');
const quad = object('q', polygon(0, 0, 10, 0, 10, 10, 0, 10), 'road');
const b = object('b', box(1, 1, 2, 2));
const doc = documentOf([tri, quad, b]);

describe('polygon vertex edits', () => {
  it('moves a vertex, clamped into the image', () => {
    expect(moveVertex(doc, 't', 2, { x: 30, y: 60 }).objects[0]!.geometry).toEqual(
      polygon(10, 10, 50, 10, 30, 60),
    );
    expect(moveVertex(doc, 't', 1, { x: 500, y: -5 }).objects[0]!.geometry).toEqual(
      polygon(10, 10, 100, 0, 30, 40),
    );
    expect(moveVertex(doc, 't', 0, { x: 10, y: 10 })).toBe(doc);
  });

  it('inserts a vertex after the given one (including on the closing edge)', () => {
    expect(insertVertex(doc, 't', 0, { x: 30, y: 5 }).objects[0]!.geometry).toEqual(
      polygon(10, 10, 30, 5, 50, 10, 30, 40),
    );
    expect(insertVertex(doc, 't', 2, { x: 15, y: 30 }).objects[0]!.geometry).toEqual(
      polygon(10, 10, 50, 10, 30, 40, 15, 30),
    );
  });

  it('deletes a vertex but never below three', () => {
    expect(deleteVertex(doc, 'q', 1).objects[1]!.geometry).toEqual(polygon(0, 0, 10, 10, 0, 10));
    expect(deleteVertex(doc, 't', 0)).toBe(doc);
  });

  it('ignores other geometries, unknown ids and out-of-range indices', () => {
    expect(moveVertex(doc, 'b', 0, { x: 1, y: 1 })).toBe(doc);
    expect(insertVertex(doc, 'nope', 0, { x: 1, y: 1 })).toBe(doc);
    expect(moveVertex(doc, 't', 3, { x: 1, y: 1 })).toBe(doc);
    expect(insertVertex(doc, 't', -1, { x: 1, y: 1 })).toBe(doc);
    expect(deleteVertex(doc, 'q', 4)).toBe(doc);
  });
});
