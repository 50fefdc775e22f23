import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IrDataset } from '../ir';
import { datasetArb, expectClose, F1_RUNS, SEED } from '../test-arbitraries';
import { parseDataYaml, writeDataYaml } from './data-yaml';
import { exportYolo } from './yolo-export';
import { importYolo, type YoloImageInput, yoloLabelPath } from './yolo-import';

const dir = (name: string) => new URL(`../../fixtures/${name}/`, import.meta.url);
const read = (base: URL, path: string) => readFileSync(new URL(path, base), 'utf8');

function fixtureInput(name: string) {
  const base = dir(name);
  const images = (JSON.parse(read(base, 'images.json')) as YoloImageInput[]).map((i) => ({
    ...i,
    labels: read(base, yoloLabelPath(i.fileName)),
  }));
  return { dataYaml: read(base, 'data.yaml'), images };
}

/** Ultralytics drops duplicate rows of one image (with a warning): keep generated objects distinct. */
function distinctRows(d: IrDataset): boolean {
  const rows = d.objects.map((o) =>
    JSON.stringify([o.imageId, o.categoryId, o.box, o.polygons], (_, v) =>
      typeof v === 'number' ? Math.round(v * 1e6) : v,
    ),
  );
  return new Set(rows).size === rows.length;
}

async function yoloTrip(d: IrDataset, task: 'detect' | 'segment'): Promise<IrDataset> {
  const out = exportYolo(d, { task });
  const files = new Map([...out.files()].map((f) => [f.path, f.text]));
  const r = await importYolo({
    dataYaml: out.dataYaml,
    images: d.images.map((i) => ({
      fileName: i.fileName,
      id: i.id,
      width: i.width,
      height: i.height,
      labels: files.get(yoloLabelPath(i.fileName))!,
    })),
  });
  if (!r.ok) expect.fail(JSON.stringify(r.issues));
  expect(r.issues).toEqual([]);
  return r.dataset;
}

describe('YOLO F1 round trip', () => {
  it(`detect: boxes come back within 1e-6 relative, classes by position (${F1_RUNS} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        datasetArb({ box: true }, { categoryIds: 'index' }).filter(distinctRows),
        async (d) => {
          const back = await yoloTrip(d, 'detect');
          expect(back.categories).toEqual(d.categories);
          expect(back.objects.map((o) => [o.imageId, o.categoryId])).toEqual(
            d.objects.map((o) => [o.imageId, o.categoryId]),
          );
          back.objects.forEach((o, i) => {
            expectClose(o.box, d.objects[i]!.box, 1e-6, `object ${i}`);
          });
        },
      ),
      { numRuns: F1_RUNS, seed: SEED },
    );
  });

  it(`segment: polygons come back within 1e-6 relative (${F1_RUNS} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        datasetArb({ polygon: true }, { categoryIds: 'index' }).filter(distinctRows),
        async (d) => {
          const back = await yoloTrip(d, 'segment');
          back.objects.forEach((o, i) => {
            expectClose(o.polygons, d.objects[i]!.polygons, 1e-6, `object ${i}`);
          });
        },
      ),
      { numRuns: F1_RUNS, seed: SEED },
    );
  });

  it('lists what YOLO cannot carry, and renumbers sparse category ids with a warning', () => {
    const d: IrDataset = {
      images: [{ id: 'a', fileName: 'images/a.png', width: 10, height: 10, properties: {} }],
      categories: [{ id: '7', name: 'x' }],
      objects: [
        {
          id: 'o',
          imageId: 'a',
          categoryId: '7',
          box: { x: 1, y: 1, w: 2, h: 2 },
          rotation: 30,
          attributes: { color: 'red' },
          properties: { difficult: true },
        },
      ],
      extras: {},
    };
    const out = exportYolo(d);
    expect(out.issues.map((i) => i.code).sort()).toEqual([
      'attributes_dropped',
      'ids_assigned',
      'properties_dropped',
      'rotation_dropped',
    ]);
    expect([...out.files()]).toEqual([{ path: 'labels/a.txt', text: '0 0.2 0.2 0.2 0.2\n' }]);
  });
});

describe('YOLO F2 golden fixtures', () => {
  for (const name of ['yolo', 'yolo-seg']) {
    it(`${name}: parse → re-export gives the same label files byte for byte and the same data.yaml`, async () => {
      const input = fixtureInput(name);
      const r = await importYolo(input);
      if (!r.ok) expect.fail(JSON.stringify(r.issues));
      expect(r.issues).toEqual([]);
      const out = exportYolo(r.dataset);
      expect(out.issues).toEqual([]);
      const files = [...out.files()];
      expect(files.map((f) => f.path)).toEqual(input.images.map((i) => yoloLabelPath(i.fileName)));
      files.forEach((f, i) => {
        expect(f.text, f.path).toBe(input.images[i]!.labels);
      });
      expect(out.dataYaml).toBe(writeDataYaml(parseDataYaml(input.dataYaml)));
    });
  }

  it('reads the detect fixture into pixel boxes and names with spaces', async () => {
    const r = await importYolo(fixtureInput('yolo'));
    if (!r.ok) expect.fail(JSON.stringify(r.issues));
    expect(r.dataset.categories[3]).toEqual({ id: '3', name: 'traffic light' });
    expectClose(
      r.dataset.objects.find((o) => o.id === 'images/train/000000000025.jpg:1')?.box,
      { x: 240, y: 186.375, w: 160, h: 53.25 },
      1e-12,
    );
    expect(r.dataset.images.map((i) => i.fileName)).toEqual([
      'images/train/000000000009.jpg',
      'images/train/000000000025.jpg',
      'images/val/000000000030.jpg',
    ]);
  });
});

describe('YOLO F3 hostile rows', () => {
  const yaml = 'names: [a, b]\n';
  const one = (labels: string) => ({
    dataYaml: yaml,
    images: [{ fileName: 'images/x.jpg', width: 100, height: 50, labels }],
  });

  it('reports bad rows with file and line, and imports nothing unless skipInvalid', async () => {
    const text =
      '0 0.5 0.5 0.1 0.1\n2 0.5 0.5 0.1 0.1\n0 NaN 0.5 0.1 0.1\n1 Infinity 0 0 0\n0 0.5 0.5\n1 2 2 0.1 0.1\n0x1 0.5 0.5 0.1 0.1\n';
    const r = await importYolo(one(text));
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => [i.severity, i.code, i.position?.file, i.position?.line])).toEqual([
      ['error', 'unknown_category', 'labels/x.txt', 2],
      ['error', 'invalid_number', 'labels/x.txt', 3],
      ['error', 'invalid_number', 'labels/x.txt', 4],
      ['error', 'invalid_row', 'labels/x.txt', 5],
      ['warning', 'coordinate_clipped', 'labels/x.txt', 6],
      ['error', 'box_outside_image', 'labels/x.txt', 6],
      ['error', 'invalid_number', 'labels/x.txt', 7],
    ]);
    const skipped = await importYolo(one(text), { skipInvalid: true });
    expect(skipped.ok && skipped.dataset.objects.map((o) => o.id)).toEqual(['images/x.jpg:1']);
  });

  it('clips boxes partly outside with a warning and drops duplicate rows with a warning', async () => {
    const r = await importYolo(one('0 0.95 0.5 0.2 0.2\n0 0.95 0.5 0.2 0.2\n'));
    if (!r.ok) expect.fail(JSON.stringify(r.issues));
    expect(r.issues.map((i) => [i.code, i.position?.line])).toEqual([
      ['coordinate_clipped', 1],
      ['duplicate_row', 2],
    ]);
    expectClose(r.dataset.objects[0]!.box, { x: 85, y: 20, w: 15, h: 10 }, 1e-9);
  });

  it('refuses YAML it does not read instead of guessing (anchors, missing names, bad keys)', async () => {
    for (const bad of [
      'names: *a\n',
      'names: |\n  a\n',
      'path: x\n',
      'names:\n  0: a\n  0: b\n',
      'names:\n  1: b\n',
      'names: [[a]]\n',
    ]) {
      const r = await importYolo({ dataYaml: bad, images: [] });
      expect(r.ok, bad).toBe(false);
      expect(r.issues[0]?.code, bad).toBe('format_invalid');
    }
    expect(parseDataYaml('names: {0: \'a # b\', 1: "c"}  # comment\n').names).toEqual(['a # b', 'c']);
    expect(parseDataYaml('names:\n  - x\n  - y\ndownload: |\n  import os\n').names).toEqual(['x', 'y']);
  });
});
