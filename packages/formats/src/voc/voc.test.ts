import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IrDataset } from '../ir';
import { datasetArb, F1_RUNS, SEED } from '../test-arbitraries';
import { canonicalXml } from '../xml/canonical-xml';
import { billionLaughs, charRefFlood, externalEntities } from '../xml/xml-bombs';
import { exportVoc } from './voc-export';
import { importVoc } from './voc-import';

const fixtures = new URL('../../fixtures/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, fixtures), 'utf8');

describe('VOC F1 round trip (IR → VOC → IR)', () => {
  it(`every box edge within 0.5 px, names and flags kept (${F1_RUNS} cases)`, async () => {
    const flags = fc.record({
      difficult: fc.boolean(),
      truncated: fc.boolean(),
      pose: fc.constantFrom('Left', 'Right', 'Frontal'),
    });
    const arb = datasetArb({ box: true }, { categoryIds: 'name' }).chain((d) =>
      fc.array(flags, { minLength: d.objects.length, maxLength: d.objects.length }).map(
        (props): IrDataset => ({
          ...d,
          images: d.images.map((i) => ({ ...i, properties: { depth: '3', segmented: '0' } })),
          objects: d.objects.map((o, k) => ({ ...o, properties: props[k]! })),
        }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(arb, async (d) => {
        const out = exportVoc(d);
        expect(out.issues).toEqual([]);
        const r = await importVoc([...out.files()].map((f) => ({ name: f.path, text: f.text })));
        if (!r.ok) expect.fail(JSON.stringify(r.issues));
        expect(r.issues).toEqual([]);
        expect(r.dataset.images.map((i) => [i.fileName, i.width, i.height])).toEqual(
          d.images.map((i) => [i.fileName, i.width, i.height]),
        );
        expect(new Set(r.dataset.categories.map((c) => c.name))).toEqual(
          new Set(d.objects.map((o) => d.categories.find((c) => c.id === o.categoryId)!.name)),
        );
        const byImage = (ds: IrDataset) =>
          ds.images.flatMap((i) => ds.objects.filter((o) => o.imageId === i.id));
        const want = byImage(d);
        byImage(r.dataset).forEach((o, k) => {
          const w = want[k]!;
          expect(o.categoryId).toBe(w.categoryId);
          expect(o.properties).toEqual(w.properties);
          const b = o.box!;
          const e = w.box!;
          for (const [got, exp] of [
            [b.x, e.x],
            [b.y, e.y],
            [b.x + b.w, e.x + e.w],
            [b.y + b.h, e.y + e.h],
          ] as const)
            expect(Math.abs(got - exp)).toBeLessThanOrEqual(0.5 + 1e-9);
        });
      }),
      { numRuns: F1_RUNS, seed: SEED },
    );
  });

  it('lists what VOC cannot carry', () => {
    const d: IrDataset = {
      images: [{ id: '1', fileName: 'a.jpg', width: 10, height: 10, properties: {} }],
      categories: [{ id: '3', name: 'car' }],
      objects: [
        {
          id: 'p',
          imageId: '1',
          categoryId: '3',
          polygons: [
            [
              { x: 1, y: 1 },
              { x: 5, y: 1 },
              { x: 3, y: 4 },
            ],
          ],
          attributes: {},
          properties: { iscrowd: 0 },
        },
        {
          id: 'k',
          imageId: '1',
          categoryId: '3',
          keypoints: [{ x: 1, y: 1, v: 2 }],
          attributes: {},
          properties: {},
        },
      ],
      extras: {},
    };
    expect(exportVoc(d).issues.map((i) => i.code)).toEqual([
      'category_ids_dropped',
      'properties_dropped',
      'polygon_as_box',
      'object_dropped',
    ]);
  });
});

describe('VOC F2 golden fixtures', () => {
  it('parse → re-export is byte-identical after canonical XML normalisation', async () => {
    const names = readdirSync(new URL('voc/Annotations/', fixtures)).sort();
    const files = names.map((n) => ({ name: `Annotations/${n}`, text: read(`voc/Annotations/${n}`) }));
    const r = await importVoc(files);
    if (!r.ok) expect.fail(JSON.stringify(r.issues));
    expect(r.issues).toEqual([]);
    expect(r.dataset.objects.find((o) => o.id === '000001.jpg:1')).toMatchObject({
      categoryId: 'dog',
      box: { x: 47, y: 239, w: 148, h: 132 },
      properties: { pose: 'Left', truncated: true, difficult: false },
    });
    const out = exportVoc(r.dataset);
    expect(out.issues).toEqual([]);
    const written = [...out.files()];
    expect(written.map((f) => f.path)).toEqual(files.map((f) => f.name));
    written.forEach((f, i) => {
      expect(canonicalXml(f.text)).toBe(canonicalXml(files[i]!.text));
    });
  });

  it('warns about 0-based and fractional third-party "VOC" coordinates', async () => {
    const r = await importVoc([{ name: 'street_0042.xml', text: read('voc-labelimg.xml') }]);
    if (!r.ok) expect.fail(JSON.stringify(r.issues));
    expect(r.issues.map((i) => [i.code, i.position?.line])).toEqual([
      ['voc_float_coordinates', 14],
      ['voc_zero_based', 14],
      ['box_clipped', 14],
    ]);
  });
});

describe('VOC F3 and U5: hostile files', () => {
  const voc = (objects: string) =>
    `<annotation><filename>a.jpg</filename><size><width>100</width><height>50</height></size>${objects}</annotation>`;
  const obj = (name: string, box: string) => `<object><name>${name}</name><bndbox>${box}</bndbox></object>`;

  it('reports bad objects per object with their line, and imports nothing unless skipInvalid', async () => {
    const text = voc(
      [
        obj('a', '<xmin>1</xmin><ymin>1</ymin><xmax>10</xmax><ymax>10</ymax>'),
        obj('b', '<xmin>NaN</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax>'),
        obj('c', '<xmin>9</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax>'),
        obj('d', '<xmin>200</xmin><ymin>1</ymin><xmax>300</xmax><ymax>2</ymax>'),
        '<object><bndbox/></object>',
      ].join('\n'),
    );
    const r = await importVoc([{ name: 'a.xml', text }]);
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => [i.code, i.position?.path, i.position?.line])).toEqual([
      ['invalid_number', '/annotation/object[2]', 2],
      ['invalid_box', '/annotation/object[3]', 3],
      ['box_outside_image', '/annotation/object[4]', 4],
      ['missing_field', '/annotation/object[5]', 5],
    ]);
    const skipped = await importVoc([{ name: 'a.xml', text }], { skipInvalid: true });
    expect(skipped.ok && skipped.dataset.objects.map((o) => o.categoryId)).toEqual(['a']);
  });

  it('rejects XML bombs and external entities per file without echoing file content', async () => {
    const bombs = [billionLaughs(), charRefFlood(), ...externalEntities()];
    const files = bombs.map((text, i) => ({ name: `bomb${i}.xml`, text }));
    const t0 = performance.now();
    const r = await importVoc([...files, { name: 'ok.xml', text: voc('') }], { skipInvalid: true });
    expect(performance.now() - t0).toBeLessThan(1000 * bombs.length);
    if (!r.ok) expect.fail(JSON.stringify(r.issues));
    expect(r.dataset.images.map((i) => i.id)).toEqual(['a.jpg']);
    expect(r.issues.map((i) => [i.position?.file, i.code])).toEqual(
      files.map((f, i) => [f.name, i === 1 ? 'format_limit' : 'format_forbidden']),
    );
    const passwd = readFileSync('/etc/passwd', 'utf8').slice(0, 8);
    expect(JSON.stringify(r)).not.toContain(passwd);
    expect((await importVoc(files.slice(0, 1))).ok).toBe(false);
  });
});
