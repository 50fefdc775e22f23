import { describe, expect, it } from 'vitest';
import { handleTolerance, hitHandle, objectHandles } from './object-handles';
import { box, point, polygon } from './test-fixtures';

describe('object handles', () => {
  it('gives a box its eight resize handles', () => {
    const handles = objectHandles(box(0, 0, 10, 20));
    expect(handles).toHaveLength(8);
    expect(handles[4]).toEqual({ hit: { kind: 'box', handle: 'se' }, point: { x: 10, y: 20 } });
  });

  it('gives a polygon its vertices and edge midpoints, a point nothing', () => {
    const handles = objectHandles(polygon(0, 0, 10, 0, 10, 10));
    expect(handles.map((h) => h.hit)).toEqual([
      { kind: 'vertex', index: 0 },
      { kind: 'vertex', index: 1 },
      { kind: 'vertex', index: 2 },
      { kind: 'edge', index: 0 },
      { kind: 'edge', index: 1 },
      { kind: 'edge', index: 2 },
    ]);
    expect(handles[5]!.point).toEqual({ x: 5, y: 5 });
    expect(objectHandles(point(1, 1))).toEqual([]);
  });

  it('hits the nearest handle within the tolerance', () => {
    expect(hitHandle(box(0, 0, 10, 20), { x: 9, y: 19 }, 2)).toEqual({ kind: 'box', handle: 'se' });
    expect(hitHandle(box(0, 0, 10, 20), { x: 5, y: 1 }, 2)).toEqual({ kind: 'box', handle: 'n' });
    expect(hitHandle(box(0, 0, 10, 20), { x: 5, y: 10 }, 2)).toBeNull();
    expect(hitHandle(polygon(0, 0, 10, 0, 10, 10), { x: 5.5, y: 0 }, 2)).toEqual({ kind: 'edge', index: 0 });
    expect(hitHandle(polygon(0, 0, 2, 0, 2, 2), { x: 0.5, y: 0 }, 2)).toEqual({ kind: 'vertex', index: 0 });
  });

  it('shrinks the handle reach on objects that are small on screen', () => {
    expect(handleTolerance(box(0, 0, 100, 100), 6)).toBe(6);
    expect(handleTolerance(box(0, 0, 12, 100), 6)).toBe(3);
    expect(handleTolerance(box(0, 0, 1, 1), 6)).toBe(2);
  });
});
