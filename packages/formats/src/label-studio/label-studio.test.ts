import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IrDataset } from '../ir';
import { canonicalJson } from '../json/canonical-json';
import { collect, datasetArb, expectClose, F1_RUNS, SEED } from '../test-arbitraries';
import { exportLabelStudio } from './ls-export';
import { rectFromLs, rectToLs } from './ls-geometry';
import { importLabelStudio } from './ls-import';

const fixture = readFileSync(new URL('../../fixtures/label-studio.json', import.meta.url), 'utf8');

describe('Label Studio F1 round trip (IR → LS JSON → IR)', () => {
  it(`rotated boxes, polygons, keypoints and attributes within 1e-6 relative (${F1_RUNS} cases)`, async () => {
    const attrs = fc.record(
      { state: fc.stringMatching(/^[A-Za-z ]{1,8}$/), count: fc.integer({ min: 0, max: 99 }) },
      { requiredKeys: [] },
    );
    const arb = datasetArb(
      { box: true, rotation: true, polygon: true, points: true },
      { categoryIds: 'name', attrs },
    ).map(
      (d): IrDataset => ({
        ...d,
        objects: d.objects.map((o) => (o.points ? { ...o, points: o.points.slice(0, 1) } : o)),
      }),
    );
    await fc.assert(
      fc.asyncProperty(arb, async (d) => {
        const out = exportLabelStudio(d);
        expect(out.issues.filter((i) => i.code !== 'ids_assigned')).toEqual([]);
        const r = await importLabelStudio(collect(out.chunks()));
        if (!r.ok) expect.fail(JSON.stringify(r.issues));
        const expectedWarnings = d.images.filter((i) => !d.objects.some((o) => o.imageId === i.id)).length;
        expect(r.issues.map((i) => i.code)).toEqual(Array(expectedWarnings).fill('image_size_unknown'));
        const want = d.images.flatMap((i) => d.objects.filter((o) => o.imageId === i.id));
        expect(r.dataset.objects.length).toBe(want.length);
        r.dataset.objects.forEach((o, k) => {
          const w = want[k]!;
          expect([o.imageId, o.categoryId]).toEqual([w.imageId, w.categoryId]);
          expect(o.attributes).toEqual(w.attributes);
          for (const key of ['box', 'rotation', 'polygons', 'points'] as const)
            expectClose(o[key], w[key], 1e-6, `object ${w.id} ${key}`);
        });
      }),
      { numRuns: F1_RUNS, seed: SEED },
    );
  });

  it('rotates about the top-left corner in Label Studio and about the centre in the IR', () => {
    // A 20 × 10 px box turned 90° clockwise about its top-left corner (100, 100) covers x 90..100, y 100..120.
    const { box, rotation } = rectFromLs({ x: 50, y: 50, width: 10, height: 5, rotation: 90 }, 200, 200);
    expectClose(box, { x: 85, y: 105, w: 20, h: 10 }, 1e-12);
    expect(rotation).toBe(90);
    expectClose(rectToLs(box, 90, 200, 200), { x: 50, y: 50, width: 10, height: 5, rotation: 90 }, 1e-12);
  });
});

describe('Label Studio F2 golden fixture', () => {
  it('parse → re-export is byte-identical after canonical JSON normalisation', async () => {
    const r = await importLabelStudio(fixture);
    if (!r.ok) expect.fail(JSON.stringify(r.issues));
    expect(r.issues.map((i) => [i.code, i.position?.path])).toEqual([
      ['predictions_not_read', '/1/predictions'],
      ['image_size_unknown', '/1'],
    ]);
    const d = r.dataset;
    expect(d.images).toEqual([
      {
        id: '101',
        fileName: '/data/upload/3/a1b2c3d4-street_0101.jpg',
        width: 1280,
        height: 853,
        properties: {},
      },
    ]);
    expect(d.categories.map((c) => c.id)).toEqual(['Car', 'Truck', 'Road', 'Pedestrian']);
    expect(d.objects[0]).toMatchObject({ id: '101:7:n2ldmn1klc', attributes: { state: 'Parked' } });
    expect(d.objects[2]!.polygons![0]![0]).toEqual({ x: 133, y: 684 });
    expect(d.objects[3]!.points).toEqual([{ x: 580, y: 427 }]);
    const out = exportLabelStudio(d);
    expect(out.issues).toEqual([]);
    expect(canonicalJson(collect(out.chunks()))).toBe(canonicalJson(fixture));
  });
});

describe('Label Studio F3 hostile imports', () => {
  const task = (id: string, value: string, extra = '') =>
    `{"id":${id},"data":{"image":"a.jpg"},"annotations":[{"id":1,"result":[{"original_width":100,"original_height":50${extra},"value":${value},"id":"r${id}","from_name":"label","to_name":"image","type":"rectanglelabels"}]}]}`;
  const ok = '{"x":1,"y":1,"width":10,"height":10,"rotation":0,"rectanglelabels":["a"]}';

  it('reports bad regions per task with their path and line, and imports nothing unless skipInvalid', async () => {
    const text = `[\n${[
      task('1', ok),
      task('2', '{"x":NaN,"y":1,"width":10,"height":10,"rectanglelabels":["a"]}'),
      task('3', '{"x":1,"y":1,"width":-10,"height":10,"rectanglelabels":["a"]}'),
      task('4', '{"x":1,"y":1,"width":10,"height":10}'),
      task('1', ok),
      task('9007199254740993', ok),
    ].join(',\n')}\n]`;
    const r = await importLabelStudio(text);
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => [i.code, i.position?.path, i.position?.line])).toEqual([
      ['invalid_record', '/1', 3],
      ['invalid_box', '/2/annotations/0/result/0/value/width', 4],
      ['missing_label', '/3/annotations/0/result/0/value', 5],
      ['duplicate_id', '/4/id', 6],
    ]);
    const skipped = await importLabelStudio(text, { skipInvalid: true });
    expect(skipped.ok && skipped.dataset.images.map((i) => i.id)).toEqual(['1', '9007199254740993']);
  });

  it('refuses a document that is not a list of tasks, or not JSON', async () => {
    for (const text of ['{"tasks":[]}', '[{"id":1', 'NaN', '']) {
      const r = await importLabelStudio(text, { skipInvalid: true });
      expect(r.ok, text).toBe(false);
      expect(r.issues.at(-1)?.code, text).toMatch(/^format_/);
    }
  });
});
