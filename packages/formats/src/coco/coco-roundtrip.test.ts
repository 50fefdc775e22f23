import { readFileSync } from 'node:fs';
import { polygonBounds, rleArea, rleEncode, rleToBbox } from '@tessera/geometry';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IrDataset } from '../ir';
import { canonicalJson } from '../json/canonical-json';
import { chunked, collect, datasetArb, expectClose, F1_RUNS, SEED } from '../test-arbitraries';
import { exportCoco } from './coco-export';
import { importCoco } from './coco-import';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');

async function roundTrip(d: IrDataset): Promise<{ text: string; back: IrDataset }> {
  const exported = exportCoco(d);
  expect(exported.issues).toEqual([]);
  const text = collect(exported.chunks());
  const r = await importCoco(text);
  if (!r.ok) expect.fail(JSON.stringify(r.issues));
  return { text, back: r.dataset };
}

describe('COCO F1 round trip (IR → COCO → IR)', () => {
  it(`keeps boxes, polygons, keypoints, ids, categories and attributes (${F1_RUNS} cases, exact)`, async () => {
    const attrs = fc.dictionary(
      fc.stringMatching(/^[a-z]{1,6}$/),
      fc.oneof(fc.string(), fc.boolean(), fc.integer()),
      { maxKeys: 2 },
    );
    const arb = datasetArb(
      { box: true, polygon: true, keypoints: 4 },
      { categoryIds: 'sparse', attrs, keypointNames: true },
    );
    await fc.assert(
      fc.asyncProperty(arb, async (d) => {
        const { text, back } = await roundTrip(d);
        expect(back.images).toEqual(d.images);
        expect(back.categories).toEqual(d.categories);
        expect(back.objects.length).toBe(d.objects.length);
        d.objects.forEach((o, i) => {
          const b = back.objects[i]!;
          expect([b.id, b.imageId, b.categoryId]).toEqual([o.id, o.imageId, o.categoryId]);
          expect(b.attributes).toEqual(o.attributes);
          const box =
            o.box ??
            polygonBounds([...(o.polygons ?? []).flat(), ...(o.keypoints ?? []).filter((k) => k.v > 0)]);
          expectClose(b.box, box, 1e-6, `object ${o.id} box`);
          if (o.polygons) expectClose(b.polygons, o.polygons, 1e-6, `object ${o.id} polygons`);
          if (o.keypoints) expectClose(b.keypoints, o.keypoints, 1e-6, `object ${o.id} keypoints`);
          expect(b.properties.iscrowd).toBe(0);
        });
        // A second trip changes nothing at all.
        expect(collect(exportCoco(back).chunks())).toBe(text);
      }),
      { numRuns: F1_RUNS, seed: SEED },
    );
  });

  it(`keeps RLE masks exact in both encodings (${F1_RUNS} cases)`, async () => {
    const maskArb = fc
      .record({
        h: fc.integer({ min: 1, max: 24 }),
        w: fc.integer({ min: 1, max: 24 }),
        seed: fc.array(fc.boolean(), { minLength: 576, maxLength: 576 }),
      })
      .map(({ h, w, seed }) =>
        rleEncode(
          Uint8Array.from(seed.slice(0, h * w), (b) => (b ? 1 : 0)),
          h,
          w,
        ),
      );
    await fc.assert(
      fc.asyncProperty(maskArb, fc.boolean(), async (mask, compressed) => {
        const [h, w] = mask.size;
        const d: IrDataset = {
          images: [{ id: '1', fileName: 'm.png', width: w, height: h, properties: {} }],
          categories: [{ id: '1', name: 'blob' }],
          objects: [
            {
              id: '1',
              imageId: '1',
              categoryId: '1',
              mask,
              attributes: {},
              properties: { iscrowd: 1, mask_encoding: compressed ? 'compressed' : 'uncompressed' },
            },
          ],
          extras: {},
        };
        const { back } = await roundTrip(d);
        expect(back.objects[0]!.mask).toEqual(mask);
        expect(back.objects[0]!.properties).toEqual({
          iscrowd: 1,
          area: rleArea(mask),
          mask_encoding: compressed ? 'compressed' : 'uncompressed',
        });
        expect(back.objects[0]!.box).toEqual(
          rleArea(mask) === 0 ? { x: 0, y: 0, w: 0, h: 0 } : rleToBbox(mask),
        );
      }),
      { numRuns: F1_RUNS, seed: SEED },
    );
  });

  it('reads the same records whatever the chunk boundaries (streamed input)', async () => {
    const text = fixture('coco-instances.json');
    const whole = await importCoco(text);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 20 }),
        async (sizes) => {
          const streamed = await importCoco(chunked(text, sizes));
          expect(streamed).toEqual(whole);
        },
      ),
      { numRuns: 50, seed: SEED },
    );
    const bytes = new TextEncoder().encode(`\uFEFF${text}`);
    async function* byteChunks() {
      for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
    }
    expect(await importCoco(byteChunks())).toEqual(whole);
  });
});

describe('COCO F2 golden fixture', () => {
  it('parse → re-export is byte-identical after canonical JSON normalisation', async () => {
    const text = fixture('coco-instances.json');
    const r = await importCoco(text);
    if (!r.ok) expect.fail(JSON.stringify(r.issues));
    expect(r.issues).toEqual([]);
    const d = r.dataset;
    expect(d.categories.map((c) => c.id)).toEqual(['1', '3', '18']);
    expect(d.categories[0]!.skeleton).toEqual([
      [0, 1],
      [0, 2],
      [1, 3],
      [2, 4],
    ]);
    expect(d.objects.map((o) => o.id)).toEqual(['1768', '2030', '900100397133', '183020']);
    expect(d.objects[1]!.polygons).toHaveLength(2);
    expect(d.objects[2]!.mask?.size).toEqual([427, 640]);
    expect(d.objects[2]!.properties).toEqual({ iscrowd: 1, area: 4800, mask_encoding: 'uncompressed' });
    expect(d.objects[3]!.keypoints?.[1]).toEqual({ x: 0, y: 0, v: 0 });
    const out = exportCoco(d);
    expect(out.issues).toEqual([]);
    expect(canonicalJson(collect(out.chunks()))).toBe(canonicalJson(text));
  });

  it('keeps ids beyond 2^53 exact, as strings in the IR and digits in the export', async () => {
    const big = '18446744073709551615';
    const text = `{"images":[{"id":${big},"file_name":"a.jpg","width":10,"height":10}],"categories":[{"id":9007199254740993,"name":"c"}],"annotations":[{"id":9007199254740995,"image_id":${big},"category_id":9007199254740993,"bbox":[1,1,2,2],"area":4,"iscrowd":0}]}`;
    const r = await importCoco(text);
    if (!r.ok) expect.fail(JSON.stringify(r.issues));
    expect(r.dataset.images[0]!.id).toBe(big);
    expect(r.dataset.objects[0]).toMatchObject({
      id: '9007199254740995',
      imageId: big,
      categoryId: '9007199254740993',
    });
    const again = collect(exportCoco(r.dataset).chunks());
    expect(again).toContain(`"id":${big}`);
    expect(again).toContain('"category_id":9007199254740993');
    expect(canonicalJson(again)).toBe(canonicalJson(text));
  });

  it('reads a compressed-string RLE and writes it back compressed', async () => {
    const rle =
      'XVm36U=<D<E;D<D6J001O01O000001O0001O01O000000010O0000001O01O000001O0001O01O000000010O0000001O01O000001O00M4I6J6J6J6J6J7I6J6JPed3';
    const text = `{"images":[{"id":1,"file_name":"a.jpg","width":640,"height":427}],"categories":[{"id":5,"name":"x"}],"annotations":[{"id":1,"image_id":1,"category_id":5,"segmentation":{"size":[427,640],"counts":"${rle}"},"area":3175,"bbox":[300,100,61,71],"iscrowd":1}]}`;
    const r = await importCoco(text);
    if (!r.ok) expect.fail(JSON.stringify(r.issues));
    expect(r.dataset.objects[0]!.properties.mask_encoding).toBe('compressed');
    expect(canonicalJson(collect(exportCoco(r.dataset).chunks()))).toBe(canonicalJson(text));
  });
});
