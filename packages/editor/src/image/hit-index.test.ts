import type { LabeledObject } from '@tessera/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHitIndex, hitIndexFor, hitTestIndex } from './hit-index';
import { hitTestAll } from './hit-test';
import { box, finite, geometryArb, object } from './test-fixtures';

const objectsArb = (size: number, max: number): fc.Arbitrary<LabeledObject[]> =>
  fc.array(geometryArb(size), { maxLength: max }).map((gs) => gs.map((g, i) => object(`o${i}`, g)));

describe('hit index', () => {
  it('answers exactly like checking every object (property)', () => {
    const arb = fc.record({
      objects: objectsArb(500, 60),
      probes: fc.array(fc.record({ x: finite(-20, 520), y: finite(-20, 520) }), {
        minLength: 1,
        maxLength: 20,
      }),
      tolerance: finite(0, 15),
    });
    fc.assert(
      fc.property(arb, ({ objects, probes, tolerance }) => {
        const index = createHitIndex(objects, 500, 400);
        for (const p of probes)
          expect(hitTestIndex(index, p, tolerance)).toBe(hitTestAll(objects, p, tolerance));
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with brute force for objects spilling over the image border (property)', () => {
    const arb = fc.record({
      objects: objectsArb(300, 30).map((os) =>
        os.map((o) => ({
          ...o,
          geometry: o.geometry.type === 'box' ? { ...o.geometry, x: o.geometry.x - 100 } : o.geometry,
        })),
      ),
      p: fc.record({ x: finite(-150, 350), y: finite(-150, 350) }),
    });
    fc.assert(
      fc.property(arb, ({ objects, p }) => {
        expect(hitTestIndex(createHitIndex(objects, 200, 200), p, 3)).toBe(hitTestAll(objects, p, 3));
      }),
    );
  });

  it('stays fast with 5,000 boxes: a hit test visits only nearby objects', () => {
    const objects = Array.from({ length: 5000 }, (_, i) =>
      object(`b${i}`, box((i * 37) % 1900, (i * 53) % 1060, 12 + (i % 30), 12 + (i % 20))),
    );
    const index = createHitIndex(objects, 1920, 1080);
    const perCell = Math.max(...index.cells.map((c) => c.length));
    expect(perCell).toBeLessThan(200);
    const started = performance.now();
    let found = 0;
    for (let i = 0; i < 2000; i++) {
      const p = { x: (i * 7.3) % 1920, y: (i * 3.1) % 1080 };
      if (hitTestIndex(index, p, 4) === hitTestAll(objects, p, 4)) found++;
    }
    expect(found).toBe(2000);
    const indexTime = timeIt(() => {
      for (let i = 0; i < 2000; i++) hitTestIndex(index, { x: (i * 7.3) % 1920, y: (i * 3.1) % 1080 }, 4);
    });
    const bruteTime = timeIt(() => {
      for (let i = 0; i < 2000; i++) hitTestAll(objects, { x: (i * 7.3) % 1920, y: (i * 3.1) % 1080 }, 4);
    });
    expect(indexTime).toBeLessThan(bruteTime);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('reuses the index of the same object list', () => {
    const objects = [object('a', box(0, 0, 1, 1))];
    expect(hitIndexFor(objects, 10, 10)).toBe(hitIndexFor(objects, 10, 10));
    expect(hitIndexFor(objects, 20, 10)).not.toBe(hitIndexFor(objects, 10, 10));
    expect(hitIndexFor([...objects], 10, 10)).not.toBe(hitIndexFor(objects, 10, 10));
  });

  it('handles an empty list and a zero-size image', () => {
    expect(hitTestIndex(createHitIndex([], 0, 0), { x: 0, y: 0 }, 5)).toBe(-1);
    expect(hitTestIndex(createHitIndex([object('a', box(0, 0, 0, 0))], 0, 0), { x: 0, y: 0 }, 1)).toBe(0);
  });
});

function timeIt(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}
