import { describe, expect, it } from 'vitest';
import type { ImportResult } from '../ir';
import type { Issue } from '../issue';
import { importCoco } from './coco-import';
import { streamCoco } from './coco-stream';

const img = (id: number | string, w = 100, h = 50) =>
  `{"id":${id},"file_name":"${id}.jpg","width":${w},"height":${h}}`;
const ann = (id: number | string, imageId: number | string, cat: number, bbox = '[1,1,10,10]') =>
  `{"id":${id},"image_id":${imageId},"category_id":${cat},"bbox":${bbox},"area":100,"iscrowd":0}`;
const coco = (images: string[], annotations: string[], categories = ['{"id":1,"name":"a"}']) =>
  `{\n"images":[\n${images.join(',\n')}\n],\n"annotations":[\n${annotations.join(',\n')}\n],\n"categories":[\n${categories.join(',\n')}\n]\n}`;

function errors(r: ImportResult): Issue[] {
  return r.issues.filter((i) => i.severity === 'error');
}

describe('COCO F3 hostile imports', () => {
  it('reports a category id out of range per record, with its path and line, and imports nothing', async () => {
    const text = coco([img(1)], [ann(1, 1, 1), ann(2, 1, 7), ann(3, 1, 7)]);
    const r = await importCoco(text);
    expect(r.ok).toBe(false);
    expect(errors(r)).toEqual([
      {
        severity: 'error',
        code: 'unknown_category',
        message: 'category_id 7 is not in categories (2 annotations)',
        position: {
          path: '/annotations/1/category_id',
          line: 7,
          column: 1,
          offset: text.indexOf('{"id":2,'),
        },
      },
    ]);
    expect('dataset' in r).toBe(false);
  });

  it('with skipInvalid returns the valid records and lists the invalid ones', async () => {
    const r = await importCoco(coco([img(1)], [ann(1, 1, 1), ann(2, 1, 7), ann(3, 9, 1)]), {
      skipInvalid: true,
    });
    if (!r.ok) expect.fail(JSON.stringify(r.issues));
    expect(r.dataset.objects.map((o) => o.id)).toEqual(['1']);
    expect(errors(r).map((i) => [i.code, i.position?.path])).toEqual([
      ['unknown_image', '/annotations/2/image_id'],
      ['unknown_category', '/annotations/1/category_id'],
    ]);
  });

  it('drops a box wholly outside the image (error) and clips one partly outside (warning)', async () => {
    const r = await importCoco(
      coco([img(1, 100, 50)], [ann(1, 1, 1, '[90,40,20,20]'), ann(2, 1, 1, '[200,10,5,5]')]),
      {
        skipInvalid: true,
      },
    );
    if (!r.ok) expect.fail(JSON.stringify(r.issues));
    expect(r.dataset.objects.map((o) => [o.id, o.box])).toEqual([['1', { x: 90, y: 40, w: 10, h: 10 }]]);
    expect(r.issues.map((i) => [i.severity, i.code, i.position?.path])).toEqual([
      ['warning', 'box_clipped', '/annotations/0/bbox'],
      ['error', 'box_outside_image', '/annotations/1/bbox'],
    ]);
    expect((await importCoco(coco([img(1, 100, 50)], [ann(2, 1, 1, '[200,10,5,5]')]))).ok).toBe(false);
  });

  it('refuses NaN, Infinity and overflowing numbers as per-record errors with their line', async () => {
    const text = coco(
      [img(1)],
      [
        ann(1, 1, 1, '[NaN,1,2,3]'),
        ann(2, 1, 1, '[1,Infinity,2,3]'),
        ann(3, 1, 1, '[1e999,1,2,3]'),
        ann(4, 1, 1),
      ],
    );
    const r = await importCoco(text);
    expect(r.ok).toBe(false);
    expect(errors(r).map((i) => [i.code, i.position?.path, i.position?.line])).toEqual([
      ['invalid_record', '/annotations/0', 6],
      ['invalid_record', '/annotations/1', 7],
      ['invalid_record', '/annotations/2', 8],
    ]);
    expect(errors(r)[0]!.message).toContain('NaN and Infinity are not JSON');
    const skipped = await importCoco(text, { skipInvalid: true });
    expect(skipped.ok && skipped.dataset.objects.map((o) => o.id)).toEqual(['4']);
  });

  it('reports duplicate ids of images, annotations and categories', async () => {
    const r = await importCoco(
      coco([img(1), img(1)], [ann(5, 1, 1), ann(5, 1, 1)], ['{"id":1,"name":"a"}', '{"id":1,"name":"b"}']),
    );
    expect(r.ok).toBe(false);
    expect(errors(r).map((i) => [i.code, i.position?.path])).toEqual([
      ['duplicate_id', '/images/1/id'],
      ['duplicate_id', '/annotations/1/id'],
      ['duplicate_id', '/categories/1/id'],
    ]);
  });

  it('keeps 64-bit ids exact (never rounded to a neighbouring id)', async () => {
    const r = await importCoco(
      coco(
        [img('9007199254740993')],
        [ann('9007199254740993', '9007199254740993', 1), ann('9007199254740992', '9007199254740993', 1)],
      ),
    );
    if (!r.ok) expect.fail(JSON.stringify(r.issues));
    expect(r.dataset.objects.map((o) => o.id)).toEqual(['9007199254740993', '9007199254740992']);
  });

  it('reports wrong field types and bad RLEs per field', async () => {
    const bad = [
      '{"id":1,"image_id":1,"category_id":1,"bbox":[1,1,-2,3]}',
      '{"id":2,"image_id":1,"category_id":1,"bbox":"1,1,2,3"}',
      '{"id":3,"image_id":1,"category_id":1,"segmentation":{"size":[50,100],"counts":[1,2,3]}}',
      '{"id":4,"image_id":1,"category_id":1,"segmentation":{"size":[50,100],"counts":"~~~"}}',
      '{"id":5,"image_id":1,"category_id":1,"segmentation":[[1,2,3,4]]}',
      '{"id":6.5,"image_id":1,"category_id":1,"keypoints":[1,2,7]}',
      '[1,2]',
    ];
    const r = await importCoco(coco([img(1)], bad));
    expect(errors(r).map((i) => [i.code, i.position?.path])).toEqual([
      ['invalid_box', '/annotations/0/bbox'],
      ['invalid_field', '/annotations/1/bbox'],
      ['invalid_rle', '/annotations/2/segmentation'],
      ['invalid_rle', '/annotations/3/segmentation'],
      ['invalid_field', '/annotations/4/segmentation/0'],
      ['invalid_id', '/annotations/5/id'],
      ['invalid_field', '/annotations/5/keypoints/2'],
      ['invalid_record', '/annotations/6'],
    ]);
  });

  it('ends with one format error for a document that is not JSON, and never a partial result', async () => {
    for (const text of [
      '',
      '{"images":[',
      '{"images":[]} x',
      'null',
      '{"images":[{"id":1,"id":2}]]}',
      '\u0000',
    ]) {
      const r = await importCoco(text, { skipInvalid: true });
      expect(r.ok, text).toBe(false);
      expect(errors(r).length, text).toBeGreaterThan(0);
    }
    const broken = await importCoco(new Uint8Array([0x7b, 0xff, 0x7d]));
    expect(broken.issues.map((i) => i.code)).toEqual(['format_syntax']);
  });

  it('streams a large file in bounded memory (records read one at a time)', async () => {
    const images = 2_000;
    const perImage = 50; // 100,000 annotations, ~9 MB of JSON, produced lazily
    async function* body() {
      yield '{"categories":[{"id":1,"name":"a"}],"images":[';
      for (let i = 1; i <= images; i++) yield `${i > 1 ? ',' : ''}${img(i, 640, 480)}`;
      yield '],"annotations":[';
      let id = 0;
      for (let i = 1; i <= images; i++) {
        const rows: string[] = [];
        for (let k = 0; k < perImage; k++) rows.push(ann(++id, i, 1, `[${k},${k},20.5,10.25]`));
        yield `${i > 1 ? ',' : ''}${rows.join(',')}`;
      }
      yield ']}';
    }
    let objects = 0;
    let peak = 0;
    const before = process.memoryUsage().heapUsed;
    for await (const e of streamCoco(body())) {
      if (e.type === 'object') objects++;
      if (e.type === 'issue') expect.fail(JSON.stringify(e.issue));
      if (objects % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    }
    expect(objects).toBe(images * perImage);
    // The document is ~9 MB and the parsed records would be far more; the stream holds ids and one record.
    expect(peak).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses a record longer than the limit, and too many annotations waiting for their image', async () => {
    const long = coco([img(1)], [ann(1, 1, 1, `[1,1,1,1${',1'.repeat(5000)}]`)]);
    const r = await importCoco(long, { maxRecordChars: 1000 });
    expect(r.issues.map((i) => i.code)).toEqual(['format_limit']);
    const early = `{"annotations":[${ann(1, 1, 1)},${ann(2, 1, 1)},${ann(3, 1, 1)}],"images":[${img(1)}],"categories":[{"id":1,"name":"a"}]}`;
    expect((await importCoco(early)).ok).toBe(true);
    const capped = await importCoco(early, { maxPendingObjects: 2 });
    expect(capped.issues.map((i) => i.code)).toEqual(['format_limit']);
  });

  it('reads a results list (loadRes shape): ids assigned 1..n, scores kept, references left unchecked', async () => {
    const text =
      '[{"image_id":42,"category_id":18,"bbox":[1,2,3,4],"score":0.9},{"image_id":42,"category_id":1,"bbox":[0,0,1,1],"score":0.25}]';
    const r = await importCoco(text);
    if (!r.ok) expect.fail(JSON.stringify(r.issues));
    expect(r.dataset.objects.map((o) => [o.id, o.imageId, o.categoryId, o.score])).toEqual([
      ['1', '42', '18', 0.9],
      ['2', '42', '1', 0.25],
    ]);
    expect(r.issues.map((i) => [i.severity, i.code])).toEqual([['warning', 'images_unchecked']]);
  });
});
