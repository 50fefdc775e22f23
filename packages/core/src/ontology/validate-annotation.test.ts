import type { AnnotationPayload, FieldIssue } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { MEDIA, ONTOLOGY, validPayload } from './test-fixtures';
import { type MediaExtent, validateAnnotation } from './validate-annotation';

type Draft = { -readonly [K in keyof AnnotationPayload]: AnnotationPayload[K] };

function issuesOf(edit: (p: Draft) => void, media: MediaExtent = MEDIA): readonly FieldIssue[] {
  const payload: Draft = structuredClone(validPayload());
  edit(payload);
  const result = validateAnnotation(payload, ONTOLOGY, media);
  return result.ok ? [] : result.issues;
}

const codes = (issues: readonly FieldIssue[]) => issues.map((i) => [i.path, i.code]);

describe('validateAnnotation', () => {
  it('accepts a valid payload and returns it', () => {
    const payload = validPayload();
    expect(validateAnnotation(payload, ONTOLOGY, MEDIA)).toEqual({ ok: true, value: payload });
  });

  it('reports structural problems alone, with code invalid', () => {
    const result = validateAnnotation({ classifications: [], objects: [], spans: [] }, ONTOLOGY, MEDIA);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.every((i) => i.code === 'invalid')).toBe(true);
    expect(validateAnnotation(null, ONTOLOGY, MEDIA).ok).toBe(false);
  });

  it('unknown_class on objects, spans and classifications', () => {
    const issues = issuesOf((p) => {
      p.objects[0] = { ...p.objects[0]!, class_id: 'truck' };
      p.spans[0] = { ...p.spans[0]!, class_id: 'nope' };
      p.classifications[0] = { ...p.classifications[0]!, class_id: 'indoor' };
    });
    expect(codes(issues)).toEqual([
      ['/classifications/0/class_id', 'unknown_class'],
      ['/objects/0/class_id', 'unknown_class'],
      ['/spans/0/class_id', 'unknown_class'],
    ]);
  });

  it('geometry_not_allowed for each label kind', () => {
    const issues = issuesOf((p) => {
      p.objects[1] = { ...p.objects[1]!, geometry: { type: 'box', x: 1, y: 1, w: 2, h: 2 } }; // road: polygon only
      p.spans[1] = { ...p.spans[1]!, class_id: 'scene', attributes: { weather: 'rainy' } };
      p.classifications[0] = { class_id: 'road', attributes: {} };
    });
    expect(codes(issues)).toEqual([
      ['/classifications/0/class_id', 'geometry_not_allowed'],
      ['/objects/1/geometry/type', 'geometry_not_allowed'],
      ['/spans/1/class_id', 'geometry_not_allowed'],
    ]);
  });

  it('missing_attribute and unknown_attribute point at the attribute key', () => {
    const issues = issuesOf((p) => {
      p.objects[0] = { ...p.objects[0]!, attributes: { speed: 3 } };
      p.attributes = { 'a/b': 'x' };
    });
    expect(codes(issues)).toEqual([
      ['/objects/0/attributes/color', 'missing_attribute'],
      ['/objects/0/attributes/speed', 'unknown_attribute'],
      ['/attributes/quality', 'missing_attribute'],
      ['/attributes/a~1b', 'unknown_attribute'],
    ]);
  });

  it('treats __proto__ as an ordinary (unknown) attribute key', () => {
    const payload = JSON.parse(JSON.stringify({ ...validPayload(), attributes: { quality: 'good' } }));
    payload.attributes = JSON.parse('{"quality":"good","__proto__":"x"}');
    const result = validateAnnotation(payload, ONTOLOGY, MEDIA);
    expect(result.ok ? [] : codes(result.issues)).toEqual([['/attributes/__proto__', 'unknown_attribute']]);
  });

  it('invalid_attribute_value for wrong types, options, integers and text length', () => {
    const issues = issuesOf((p) => {
      p.objects[0] = { ...p.objects[0]!, attributes: { color: 'green', occluded: 'yes', doors: 2.5 } };
      p.objects[2] = { ...p.objects[2]!, attributes: { nick: 'roberta' } };
      p.classifications[0] = { class_id: 'scene', attributes: { weather: 1 } };
      p.attributes = { quality: 'good', note: false };
    });
    expect(codes(issues)).toEqual([
      ['/classifications/0/attributes/weather', 'invalid_attribute_value'],
      ['/objects/0/attributes/color', 'invalid_attribute_value'],
      ['/objects/0/attributes/occluded', 'invalid_attribute_value'],
      ['/objects/0/attributes/doors', 'invalid_attribute_value'],
      ['/objects/2/attributes/nick', 'invalid_attribute_value'],
      ['/attributes/note', 'invalid_attribute_value'],
    ]);
  });

  it('out_of_range below min and above max; bounds are inclusive', () => {
    const issues = issuesOf((p) => {
      p.objects[0] = { ...p.objects[0]!, attributes: { color: 'red', doors: 7 } };
      p.spans[0] = { ...p.spans[0]!, attributes: { conf: -0.1 } };
      p.spans[1] = { ...p.spans[1]!, attributes: { conf: 1 } };
    });
    expect(codes(issues)).toEqual([
      ['/objects/0/attributes/doors', 'out_of_range'],
      ['/spans/0/attributes/conf', 'out_of_range'],
    ]);
  });

  it('outside_image for boxes, polygon vertices and points; edges are inclusive', () => {
    const issues = issuesOf((p) => {
      p.objects[0] = { ...p.objects[0]!, geometry: { type: 'box', x: 0.5, y: 0, w: 100, h: 50 } };
      p.objects[1] = {
        ...p.objects[1]!,
        geometry: {
          type: 'polygon',
          points: [
            { x: 0, y: 0 },
            { x: 10, y: -1 },
            { x: 10, y: 50 },
          ],
        },
      };
      p.objects[2] = { ...p.objects[2]!, geometry: { type: 'point', x: 100.001, y: 3 } };
    });
    expect(codes(issues)).toEqual([
      ['/objects/0/geometry', 'outside_image'],
      ['/objects/1/geometry/points/1', 'outside_image'],
      ['/objects/2/geometry', 'outside_image'],
    ]);
  });

  it('skips the image bounds of an unknown side', () => {
    const edit = (p: Draft) => {
      p.objects[2] = { ...p.objects[2]!, geometry: { type: 'point', x: 500, y: 3 } };
    };
    expect(issuesOf(edit, { width: null, height: 50, textLength: null })).toEqual([]);
    expect(codes(issuesOf(edit, { width: 100, height: null, textLength: null }))).toEqual([
      ['/objects/2/geometry', 'outside_image'],
    ]);
  });

  it('invalid_geometry for zero-size boxes and degenerate or self-intersecting polygons', () => {
    const poly = (points: [number, number][]) => ({
      type: 'polygon' as const,
      points: points.map(([x, y]) => ({ x, y })),
    });
    const issues = issuesOf(
      (p) => {
        p.objects = [
          {
            id: 'a',
            class_id: 'car',
            geometry: { type: 'box', x: 1, y: 1, w: 0, h: 3 },
            attributes: { color: 'red' },
          },
          {
            id: 'b',
            class_id: 'road',
            geometry: poly([
              [0, 0],
              [10, 10],
              [10, 0],
              [0, 10],
            ]),
            attributes: {},
          },
          {
            id: 'c',
            class_id: 'road',
            geometry: poly([
              [0, 0],
              [5, 5],
              [10, 10],
            ]),
            attributes: {},
          },
          {
            id: 'd',
            class_id: 'road',
            geometry: poly([
              [0, 0],
              [4, 0],
              [4, 0],
              [0, 4],
            ]),
            attributes: {},
          },
          {
            id: 'e',
            class_id: 'road',
            geometry: poly([
              [1e308, 0],
              [4, 0],
              [0, 4],
            ]),
            attributes: {},
          },
        ];
      },
      { width: null, height: null, textLength: null },
    );
    expect(codes(issues)).toEqual([
      ['/objects/0/geometry/w', 'invalid_geometry'],
      ['/objects/1/geometry/points', 'invalid_geometry'],
      ['/objects/2/geometry/points', 'invalid_geometry'],
      ['/objects/3/geometry/points/2', 'invalid_geometry'],
    ]);
  });

  it('invalid_geometry when a box extent overflows to infinity', () => {
    const issues = issuesOf((p) => {
      p.objects[0] = { ...p.objects[0]!, geometry: { type: 'box', x: 1.5e308, y: 0, w: 1.5e308, h: 1 } };
    });
    expect(codes(issues)).toEqual([['/objects/0/geometry', 'invalid_geometry']]);
  });

  it('empty_span and outside_text at the span end; skip the text bound when unknown', () => {
    const edit = (p: Draft) => {
      p.spans = [
        { id: 'x', class_id: 'topic', start: 4, end: 4, attributes: {} },
        { id: 'y', class_id: 'topic', start: 190, end: 201, attributes: {} },
      ];
    };
    expect(codes(issuesOf(edit))).toEqual([
      ['/spans/0/end', 'empty_span'],
      ['/spans/1/end', 'outside_text'],
    ]);
    expect(codes(issuesOf(edit, { ...MEDIA, textLength: null }))).toEqual([['/spans/0/end', 'empty_span']]);
  });

  it('overlapping_spans on the later span when either class forbids overlap; touching is fine', () => {
    const span = (id: string, class_id: string, start: number, end: number) => ({
      id,
      class_id,
      start,
      end,
      attributes: {},
    });
    const issues = issuesOf((p) => {
      p.spans = [
        span('a', 'entity', 10, 20),
        span('b', 'entity', 0, 10), // touches a
        span('c', 'topic', 30, 40),
        span('d', 'topic', 35, 45), // both allow overlap
        span('e', 'entity', 39, 50), // overlaps c and d
        span('f', 'topic', 15, 16), // inside a (entity forbids)
        span('g', 'entity', 10, 12), // same start as a, later in the array
      ];
    });
    expect(codes(issues)).toEqual([
      ['/spans/6', 'overlapping_spans'],
      ['/spans/5', 'overlapping_spans'],
      ['/spans/4', 'overlapping_spans'],
    ]);
  });

  it('duplicate_id across objects and spans, on the later occurrence', () => {
    const issues = issuesOf((p) => {
      p.objects[1] = { ...p.objects[1]!, id: 'o1' };
      p.spans[0] = { ...p.spans[0]!, id: 'o3' };
    });
    expect(codes(issues)).toEqual([
      ['/objects/1/id', 'duplicate_id'],
      ['/spans/0/id', 'duplicate_id'],
    ]);
  });

  it('caps the number of issues', () => {
    const points = Array.from({ length: 3000 }, (_, k) => ({ x: -1 - k, y: -1 }));
    const issues = issuesOf((p) => {
      p.objects = [{ id: 'z', class_id: 'road', geometry: { type: 'polygon', points }, attributes: {} }];
    });
    expect(issues).toHaveLength(1000);
  });
});
