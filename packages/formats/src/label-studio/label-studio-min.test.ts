import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IrDataset } from '../ir';
import { canonicalJson } from '../json/canonical-json';
import { collect, datasetArb, expectClose, F1_RUNS, SEED } from '../test-arbitraries';
import { exportLabelStudioMin } from './ls-min-export';
import { importLabelStudioMin } from './ls-min-import';

const fixture = readFileSync(new URL('../../fixtures/label-studio-min.json', import.meta.url), 'utf8');

describe('Label Studio JSON-MIN', () => {
  it(`F1: rotated boxes, polygons and keypoints within 1e-6 relative (${F1_RUNS} cases)`, async () => {
    const arb = datasetArb(
      { box: true, rotation: true, polygon: true, points: true },
      { categoryIds: 'name' },
    ).map(
      (d): IrDataset => ({
        ...d,
        objects: d.objects.map((o) => (o.points ? { ...o, points: o.points.slice(0, 1) } : o)),
      }),
    );
    await fc.assert(
      fc.asyncProperty(arb, async (d) => {
        const out = exportLabelStudioMin(d);
        expect(out.issues.filter((i) => i.code !== 'ids_assigned')).toEqual([]);
        const r = await importLabelStudioMin(collect(out.chunks()));
        if (!r.ok) expect.fail(JSON.stringify(r.issues));
        const want = d.images.flatMap((i) => d.objects.filter((o) => o.imageId === i.id));
        expect(r.dataset.objects.map((o) => [o.imageId, o.categoryId])).toEqual(
          want.map((o) => [o.imageId, o.categoryId]),
        );
        r.dataset.objects.forEach((o, k) => {
          for (const key of ['box', 'rotation', 'polygons', 'points'] as const)
            expectClose(o[key], want[k]![key], 1e-6, `object ${k} ${key}`);
        });
      }),
      { numRuns: F1_RUNS, seed: SEED },
    );
  });

  it('F2: parse → re-export is byte-identical after canonical JSON normalisation', async () => {
    const r = await importLabelStudioMin(fixture);
    if (!r.ok) expect.fail(JSON.stringify(r.issues));
    expect(r.issues).toEqual([]);
    expect(r.dataset.images.map((i) => [i.id, i.width, i.height])).toEqual([
      ['101', 1280, 853],
      ['103', 640, 480],
    ]);
    expect(r.dataset.objects.map((o) => [o.id, o.categoryId])).toEqual([
      ['101:label:1', 'Car'],
      ['101:label:2', 'Truck'],
      ['101:poly:1', 'Road'],
      ['101:kp:1', 'Pedestrian'],
      ['103:label:1', 'Car'],
    ]);
    expectClose(r.dataset.objects[4]!.box, { x: 0, y: 0, w: 320, h: 480 }, 0);
    const out = exportLabelStudioMin(r.dataset);
    expect(out.issues).toEqual([]);
    expect(canonicalJson(collect(out.chunks()))).toBe(canonicalJson(fixture));
  });

  it('F3: bad regions are per-task errors; attributes it cannot carry are listed', async () => {
    const bad =
      '[{"id":1,"label":[{"x":1,"y":"a","width":1,"height":1,"rectanglelabels":["c"],"original_width":10,"original_height":10}]}]';
    const r = await importLabelStudioMin(bad);
    expect(r.issues.map((i) => [i.code, i.position?.path])).toEqual([['invalid_number', '/0/label/0/y']]);
    const d: IrDataset = {
      images: [{ id: '5', fileName: 'a.jpg', width: 10, height: 10, properties: {} }],
      categories: [{ id: 'c', name: 'c' }],
      objects: [
        {
          id: 'o',
          imageId: '5',
          categoryId: 'c',
          box: { x: 1, y: 1, w: 2, h: 2 },
          attributes: { a: 'b' },
          properties: {},
        },
      ],
      extras: {},
    };
    expect(exportLabelStudioMin(d).issues.map((i) => i.code)).toEqual(['attributes_dropped']);
  });
});
