import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collect, datasetArb, expectClose, F1_RUNS, SEED } from '../test-arbitraries';
import { canonicalXml } from '../xml/canonical-xml';
import { bigEntityManyRefs, billionLaughs, charRefFlood, externalEntities } from '../xml/xml-bombs';
import { exportCvat } from './cvat-export';
import { importCvat } from './cvat-import';

const fixture = readFileSync(new URL('../../fixtures/cvat-images.xml', import.meta.url), 'utf8');

describe('CVAT 1.1 F1 round trip (IR → CVAT → IR)', () => {
  it(`boxes with rotation, polygons, polylines, points and typed attributes within 1e-6 relative (${F1_RUNS} cases)`, async () => {
    const attrs = fc.record(
      {
        kind: fc.stringMatching(/^[a-z ]{0,8}$/),
        parked: fc.boolean(),
        count: fc.integer({ min: -5, max: 500 }),
      },
      { requiredKeys: [] },
    );
    const arb = datasetArb(
      { box: true, rotation: true, polygon: true, polyline: true, points: true },
      { categoryIds: 'name', attrs },
    );
    await fc.assert(
      fc.asyncProperty(arb, async (d) => {
        const out = exportCvat(d);
        expect(out.issues).toEqual([]);
        const r = await importCvat(collect(out.chunks()));
        if (!r.ok) expect.fail(JSON.stringify(r.issues));
        expect(r.issues).toEqual([]);
        expect(r.dataset.images.map((i) => [i.id, i.fileName, i.width, i.height])).toEqual(
          d.images.map((i) => [i.id, i.fileName, i.width, i.height]),
        );
        expect(r.dataset.categories.map((c) => c.name)).toEqual(d.categories.map((c) => c.name));
        const want = d.images.flatMap((i) => d.objects.filter((o) => o.imageId === i.id));
        expect(r.dataset.objects.length).toBe(want.length);
        r.dataset.objects.forEach((o, k) => {
          const w = want[k]!;
          expect(o.categoryId).toBe(w.categoryId);
          expect(o.attributes).toEqual(w.attributes);
          const { id: _a, imageId: _b, categoryId: _c, attributes: _d, properties, ...shape } = o;
          const { id: _e, imageId: _f, categoryId: _g, attributes: _h, properties: _i, ...wantShape } = w;
          expectClose(shape, wantShape, 1e-6, `object ${w.id}`);
          expect(properties).toEqual({ occluded: false, source: 'manual', z_order: 0 });
        });
      }),
      { numRuns: F1_RUNS, seed: SEED },
    );
  });
});

describe('CVAT 1.1 F2 golden fixture', () => {
  it('parse → re-export is byte-identical after canonical XML normalisation', async () => {
    const r = await importCvat(fixture);
    if (!r.ok) expect.fail(JSON.stringify(r.issues));
    expect(r.issues).toEqual([]);
    const d = r.dataset;
    expect(d.categories.map((c) => [c.id, c.kind, c.attributes?.map((a) => a.inputType)])).toEqual([
      ['car', 'any', ['select', 'checkbox']],
      ['pedestrian', 'any', ['number']],
      ['lane', 'polyline', undefined],
    ]);
    expect(d.objects[1]).toMatchObject({
      box: { x: 700, y: 320 },
      rotation: 15.5,
      attributes: { color: 'red', parked: false },
      properties: { occluded: true, source: 'auto', z_order: 1 },
    });
    expect(d.objects[2]).toMatchObject({ attributes: { age: 41 }, properties: { group_id: 1 } });
    const out = exportCvat(d);
    expect(out.issues).toEqual([]);
    expect(canonicalXml(collect(out.chunks()))).toBe(canonicalXml(fixture));
  });

  it('a label type CVAT does not have is dropped with a warning naming its line', async () => {
    const original = await importCvat(fixture);
    const r = await importCvat(fixture.replace('<type>polyline</type>', '<type>lasso</type>'));
    if (!original.ok || !r.ok) expect.fail(JSON.stringify([original.issues, r.issues]));
    // Only lane's kind goes (the golden test above pins car's and pedestrian's to CVAT's "every shape" type).
    const [car, pedestrian] = original.dataset.categories.map((c) => c.kind);
    expect(r.dataset.categories.map((c) => c.kind)).toEqual([car, pedestrian, undefined]);
    expect(r.issues).toEqual([
      {
        severity: 'warning',
        code: 'field_dropped',
        message: 'label type lasso is not a CVAT label type',
        position: { line: 71 }, // the fixture's <label> of "lane"
      },
    ]);
  });
});

describe('CVAT F3 and U5: hostile files', () => {
  it('reports undeclared labels and bad coordinates per shape with their line', async () => {
    const text = fixture
      .replace('label="car" source="auto"', 'label="truck" source="auto"')
      .replace('points="640.00,360.00;650.25,362.00"', 'points="640.00,NaN;650.25"');
    const r = await importCvat(text);
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => [i.code, i.position?.path, i.position?.line])).toEqual([
      ['unknown_category', '/annotations/image[@id="0"]/box[2]', 87],
      ['invalid_number', '/annotations/image[@id="1"]/points[1]', 98],
    ]);
    const skipped = await importCvat(text, { skipInvalid: true });
    expect(skipped.ok && skipped.dataset.objects.length).toBe(3);
  });

  it('rejects XML bombs and external entities (< 1 s each, nothing echoed)', async () => {
    const passwd = readFileSync('/etc/passwd', 'utf8').slice(0, 8);
    for (const bomb of [
      billionLaughs('annotations'),
      bigEntityManyRefs('annotations'),
      charRefFlood(1_000_000, 'annotations'),
      ...externalEntities('annotations'),
    ]) {
      const t0 = performance.now();
      const r = await importCvat(bomb, { skipInvalid: true });
      expect(performance.now() - t0).toBeLessThan(1000);
      expect(r.ok).toBe(false);
      expect(['format_forbidden', 'format_limit']).toContain(r.issues[0]?.code);
      expect(JSON.stringify(r)).not.toContain(passwd);
    }
  });
});
