import { describe, expect, it } from 'vitest';
import * as geometry from './index';

describe('@tessera/geometry public API', () => {
  it('exports every function the engine depends on, and no internal helper', () => {
    const names = [
      'boxArea',
      'boxIntersection',
      'boxIou',
      'boxInside',
      'polygonArea',
      'polygonSignedArea',
      'polygonIsSimple',
      'polygonIou',
      'polygonIntersectionArea',
      'convexPolygonIntersection',
      'polygonInside',
      'polygonBounds',
      'rleEncode',
      'rleDecode',
      'rleArea',
      'rleIou',
      'rleFromPolygon',
      'rleToString',
      'rleFromString',
      'spanLength',
      'spanOverlap',
      'spanIou',
      'spansOverlap',
      'spanInside',
      'cuboidCorners',
      'cuboidBevIou',
      'cuboidIou3d',
      'scaleIou',
      'lerpBox',
    ];
    for (const name of names)
      expect(typeof (geometry as Record<string, unknown>)[name], name).toBe('function');
    expect('triangulateRing' in geometry).toBe(false);
    expect('cross' in geometry).toBe(false);
  });
});
