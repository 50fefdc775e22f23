import { describe, expect, it } from 'vitest';
import {
  distanceToRing,
  distanceToSegment,
  geometryHit,
  hitTestAll,
  outranks,
  pointInPolygon,
} from './hit-test';
import { box, object, point, polygon } from './test-fixtures';

describe('hit test', () => {
  it('measures distances to segments and rings', () => {
    expect(distanceToSegment({ x: 5, y: 3 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(3);
    expect(distanceToSegment({ x: -3, y: 4 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(5);
    expect(distanceToSegment({ x: 3, y: 4 }, { x: 0, y: 0 }, { x: 0, y: 0 })).toBe(5);
    const square = [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 10 },
      { x: 0, y: 10 },
    ];
    expect(distanceToRing({ x: 5, y: 12 }, square)).toBe(2);
  });

  it('tests points in concave polygons', () => {
    const u = polygon(0, 0, 30, 0, 30, 30, 20, 30, 20, 10, 10, 10, 10, 30, 0, 30);
    if (u.type !== 'polygon') throw new Error('fixture');
    expect(pointInPolygon({ x: 5, y: 20 }, u.points)).toBe(true);
    expect(pointInPolygon({ x: 15, y: 20 }, u.points)).toBe(false);
    expect(pointInPolygon({ x: 40, y: 5 }, u.points)).toBe(false);
  });

  it('hits filled shapes inside and near their outline, points near them', () => {
    expect(geometryHit(box(10, 10, 10, 10), { x: 15, y: 15 }, 0)).toBe(true);
    expect(geometryHit(box(10, 10, 10, 10), { x: 22, y: 15 }, 2)).toBe(true);
    expect(geometryHit(box(10, 10, 10, 10), { x: 22.5, y: 15 }, 2)).toBe(false);
    expect(geometryHit(polygon(0, 0, 10, 0, 0, 10), { x: 5.5, y: 5.5 }, 1)).toBe(true);
    expect(geometryHit(polygon(0, 0, 10, 0, 0, 10), { x: 7, y: 7 }, 1)).toBe(false);
    expect(geometryHit(point(5, 5), { x: 8, y: 9 }, 5)).toBe(true);
    expect(geometryHit(point(5, 5), { x: 8, y: 9 }, 4.9)).toBe(false);
  });

  it('prefers points, then the smaller shape, then the one on top', () => {
    expect(outranks({ index: 0, isPoint: true, area: 0 }, { index: 5, isPoint: false, area: 0 })).toBe(true);
    expect(outranks({ index: 0, isPoint: false, area: 4 }, { index: 5, isPoint: false, area: 9 })).toBe(true);
    expect(outranks({ index: 6, isPoint: false, area: 9 }, { index: 5, isPoint: false, area: 9 })).toBe(true);
    const objects = [
      object('big', box(0, 0, 50, 50)),
      object('small', box(10, 10, 5, 5)),
      object('same', box(0, 0, 50, 50)),
      object('pt', point(40, 40), 'keypoint'),
    ];
    expect(hitTestAll(objects, { x: 12, y: 12 }, 1)).toBe(1);
    expect(hitTestAll(objects, { x: 30, y: 30 }, 1)).toBe(2);
    expect(hitTestAll(objects, { x: 40.5, y: 40 }, 1)).toBe(3);
    expect(hitTestAll(objects, { x: 80, y: 80 }, 1)).toBe(-1);
  });
});
