import { describe, expect, it } from 'vitest';
import { polygonArea, polygonBounds, polygonInside, polygonSignedArea } from './polygon';

const square = [
  { x: 0, y: 0 },
  { x: 2, y: 0 },
  { x: 2, y: 2 },
  { x: 0, y: 2 },
];
const lShape = [
  { x: 0, y: 0 },
  { x: 4, y: 0 },
  { x: 4, y: 1 },
  { x: 1, y: 1 },
  { x: 1, y: 4 },
  { x: 0, y: 4 },
];

describe('polygonArea', () => {
  it('is the absolute shoelace area in either orientation', () => {
    expect(polygonArea(square)).toBe(4);
    expect(polygonArea([...square].reverse())).toBe(4);
    expect(polygonArea(lShape)).toBe(7);
    expect(
      polygonArea([
        { x: 0, y: 0 },
        { x: 3, y: 0 },
        { x: 0, y: 4 },
      ]),
    ).toBe(6);
  });

  it('signs by orientation (positive = counter-clockwise with y up)', () => {
    expect(polygonSignedArea(square)).toBe(4);
    expect(polygonSignedArea([...square].reverse())).toBe(-4);
  });

  it('is 0 for fewer than 3 vertices', () => {
    expect(polygonArea([])).toBe(0);
    expect(
      polygonArea([
        { x: 0, y: 0 },
        { x: 1, y: 1 },
      ]),
    ).toBe(0);
  });

  it('keeps precision far from the origin', () => {
    const far = square.map((p) => ({ x: p.x + 1e9, y: p.y - 1e9 }));
    expect(polygonArea(far)).toBe(4);
  });
});

describe('polygonBounds', () => {
  it('returns the bounding box, and the zero box for an empty polygon', () => {
    expect(polygonBounds(lShape)).toEqual({ x: 0, y: 0, w: 4, h: 4 });
    expect(
      polygonBounds([
        { x: -1, y: 2 },
        { x: 3, y: 7 },
        { x: 0, y: 5 },
      ]),
    ).toEqual({ x: -1, y: 2, w: 4, h: 5 });
    expect(polygonBounds([])).toEqual({ x: 0, y: 0, w: 0, h: 0 });
  });
});

describe('polygonInside', () => {
  it('checks every vertex against [0,W]×[0,H], border included', () => {
    expect(polygonInside(square, 2, 2)).toBe(true);
    expect(polygonInside(square, 1.5, 2)).toBe(false);
    expect(polygonInside([{ x: -0.1, y: 1 }, ...square], 10, 10)).toBe(false);
    expect(polygonInside([{ x: Number.NaN, y: 1 }], 10, 10)).toBe(false);
    expect(polygonInside([], 10, 10)).toBe(true);
    expect(polygonInside([{ x: -0.1, y: 1 }], 10, 10, 0.2)).toBe(true);
  });
});
