/** Test-only fast-check arbitraries of annotation payloads against the `ONTOLOGY` fixture. */
import type {
  AnnotationPayload,
  AttributeDef,
  AttributeValues,
  LabeledObject,
  LabeledSpan,
  OntologyClass,
} from '@tessera/schema';
import fc from 'fast-check';
import { ONTOLOGY } from './test-fixtures';

const classById = new Map(ONTOLOGY.classes.map((c) => [c.id, c]));
function classOf(id: string): OntologyClass {
  return classById.get(id)!;
}

/** Values valid for `defs`: every required attribute, some optional ones. */
export function attributeValuesArb(defs: readonly AttributeDef[]): fc.Arbitrary<AttributeValues> {
  const model: Record<string, fc.Arbitrary<string | number | boolean>> = {};
  for (const def of defs) model[def.id] = attributeValueArb(def);
  const requiredKeys = defs.filter((d) => d.required).map((d) => d.id);
  return fc.record(model, { requiredKeys }) as fc.Arbitrary<AttributeValues>;
}

function attributeValueArb(def: AttributeDef): fc.Arbitrary<string | number | boolean> {
  switch (def.type) {
    case 'enum':
      return fc.constantFrom(...def.options);
    case 'boolean':
      return fc.boolean();
    case 'text':
      return fc.string({ maxLength: def.max_length ?? 20 });
    case 'number': {
      const min = def.min ?? -1e6;
      const max = def.max ?? 1e6;
      if (def.integer === true) return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
      return fc.double({ min, max, noNaN: true });
    }
  }
}

/** Coordinates on a 1/8 grid: exact in binary, so sums never round past the image edge. */
const GRID = 8;

function boxArb(width: number, height: number): fc.Arbitrary<LabeledObject['geometry']> {
  const axis = (size: number) =>
    fc
      .integer({ min: 0, max: size * GRID - 1 })
      .chain((start) =>
        fc.integer({ min: 1, max: size * GRID - start }).map((len) => [start / GRID, len / GRID] as const),
      );
  return fc
    .tuple(axis(width), axis(height))
    .map(([[x, w], [y, h]]) => ({ type: 'box' as const, x, y, w, h }));
}

function pointArb(width: number, height: number): fc.Arbitrary<LabeledObject['geometry']> {
  return fc
    .tuple(fc.integer({ min: 0, max: width * GRID }), fc.integer({ min: 0, max: height * GRID }))
    .map(([x, y]) => ({ type: 'point' as const, x: x / GRID, y: y / GRID }));
}

/** A convex polygon: distinct whole-degree angles on a circle that fits the image. */
function polygonArb(width: number, height: number): fc.Arbitrary<LabeledObject['geometry']> {
  const maxR = Math.floor(Math.min(width, height) / 2);
  return fc
    .integer({ min: 1, max: maxR })
    .chain((r) =>
      fc.tuple(
        fc.constant(r),
        fc.integer({ min: r, max: width - r }),
        fc.integer({ min: r, max: height - r }),
        fc.uniqueArray(fc.integer({ min: 0, max: 359 }), { minLength: 3, maxLength: 12 }),
      ),
    )
    .map(([r, cx, cy, angles]) => ({
      type: 'polygon' as const,
      points: [...angles]
        .sort((a, b) => a - b)
        .map((deg) => ({
          x: cx + r * Math.cos((deg * Math.PI) / 180),
          y: cy + r * Math.sin((deg * Math.PI) / 180),
        })),
    }));
}

function objectArb(width: number, height: number): fc.Arbitrary<Omit<LabeledObject, 'id'>> {
  const geometryFor = {
    box: boxArb(width, height),
    point: pointArb(width, height),
    polygon: polygonArb(width, height),
  };
  const spatial = ONTOLOGY.classes.flatMap((c) =>
    c.geometries.flatMap((g) =>
      g === 'box' || g === 'point' || g === 'polygon' ? [[c.id, g] as const] : [],
    ),
  );
  return fc.constantFrom(...spatial).chain(([classId, kind]) =>
    fc.record({
      class_id: fc.constant(classId),
      geometry: geometryFor[kind],
      attributes: attributeValuesArb(classOf(classId).attributes),
    }),
  );
}

/** Spans in disjoint intervals: an interval holds one `entity` span or overlapping `topic` spans. */
function spansArb(textLength: number): fc.Arbitrary<Omit<LabeledSpan, 'id'>[]> {
  return fc
    .uniqueArray(fc.integer({ min: 0, max: textLength }), { maxLength: 20 })
    .chain((cuts) => {
      const sorted = [...cuts].sort((a, b) => a - b);
      const intervals: [number, number][] = [];
      for (let i = 0; i + 1 < sorted.length; i += 2) intervals.push([sorted[i]!, sorted[i + 1]!]);
      return fc.tuple(...intervals.map(([s, e]) => intervalSpansArb(s, e)));
    })
    .map((groups) => groups.flat());
}

function intervalSpansArb(start: number, end: number): fc.Arbitrary<Omit<LabeledSpan, 'id'>[]> {
  const entity = attributeValuesArb(classOf('entity').attributes).map((attributes) => [
    { class_id: 'entity', start, end, attributes },
  ]);
  const range = fc
    .tuple(fc.integer({ min: start, max: end - 1 }), fc.integer({ min: start + 1, max: end }))
    .filter(([s, e]) => s < e)
    .map(([s, e]) => ({ class_id: 'topic', start: s, end: e, attributes: {} }));
  return fc.oneof(entity, fc.array(range, { minLength: 1, maxLength: 3 }));
}

/** Payloads valid against ONTOLOGY for an image of `width × height` and a text of `textLength`. */
export function validPayloadArb(
  width: number,
  height: number,
  textLength: number,
): fc.Arbitrary<AnnotationPayload> {
  const scene = attributeValuesArb(classOf('scene').attributes).map((attributes) => ({
    class_id: 'scene',
    attributes,
  }));
  return fc
    .record({
      classifications: fc.array(scene, { maxLength: 2 }),
      objects: fc.array(objectArb(width, height), { maxLength: 15 }),
      spans: spansArb(textLength),
      attributes: attributeValuesArb(ONTOLOGY.global_attributes),
    })
    .map((p) => ({
      ...p,
      objects: p.objects.map((o, i) => ({ ...o, id: `o${i}` })),
      spans: p.spans.map((s, i) => ({ ...s, id: `s${i}` })),
    }));
}

const num = fc.double({ noNaN: true, noDefaultInfinity: true });
const valueArb = fc.oneof(fc.string(), num, fc.boolean());
const fuzzAttributesArb = (keys: readonly string[]) =>
  fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string()), valueArb);

/** Structurally valid payloads with random semantics (classes, geometry, ranges, attributes, ids). */
export const semanticFuzzArb = fc.record({
  classifications: fc.array(
    fc.record({
      class_id: fc.constantFrom('scene', 'car', 'nope'),
      attributes: fuzzAttributesArb(['weather']),
    }),
    { maxLength: 3 },
  ),
  objects: fc.array(
    fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd'),
      class_id: fc.constantFrom('car', 'person', 'road', 'entity', 'x'),
      geometry: fc.oneof(
        fc.record({
          type: fc.constant('box'),
          x: num,
          y: num,
          w: fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }),
          h: fc.nat(),
        }),
        fc.record({ type: fc.constant('point'), x: num, y: num }),
        fc.record({
          type: fc.constant('polygon'),
          points: fc.array(fc.record({ x: fc.integer({ min: -3, max: 120 }), y: num }), {
            minLength: 3,
            maxLength: 40,
          }),
        }),
      ),
      attributes: fuzzAttributesArb(['color', 'doors', 'nick', 'occluded', '__proto__']),
    }),
    { maxLength: 10 },
  ),
  spans: fc.array(
    fc.record({
      id: fc.constantFrom('a', 'e', 'f', 'g'),
      class_id: fc.constantFrom('entity', 'topic', 'car', 'y'),
      start: fc.nat(300),
      end: fc.nat(300),
      attributes: fuzzAttributesArb(['conf']),
    }),
    { maxLength: 10 },
  ),
  attributes: fuzzAttributesArb(['quality', 'note']),
});
