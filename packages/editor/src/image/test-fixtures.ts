// Shared fixtures for the image engine tests (not part of the public API).
import type { Geometry, LabeledObject, OntologyDefinition } from '@tessera/schema';
import fc from 'fast-check';
import { hitTestAll } from './hit-test';
import { createImageDocument, type ImageDocument } from './image-document';
import { imageOntology } from './image-ontology';
import type { ToolContext, ToolPointer } from './tool-types';

export const DEFINITION: OntologyDefinition = {
  classes: [
    { id: 'car', name: 'Car', color: '#ff0000', geometries: ['box', 'polygon'], attributes: [] },
    {
      id: 'person',
      name: 'Person',
      color: '#00ff00',
      geometries: ['box'],
      attributes: [
        { id: 'occluded', name: 'Occluded', required: true, type: 'boolean' },
        { id: 'pose', name: 'Pose', required: false, type: 'enum', options: ['standing', 'sitting'] },
      ],
    },
    { id: 'scene', name: 'Scene', color: '#0000ff', geometries: ['classification'], attributes: [] },
    {
      id: 'keypoint',
      name: 'Keypoint',
      color: '#ffff00',
      geometries: ['point'],
      attributes: [{ id: 'pose', name: 'Pose', required: false, type: 'enum', options: ['standing'] }],
    },
    { id: 'road', name: 'Road', color: '#00ffff', geometries: ['polygon'], attributes: [] },
  ],
  global_attributes: [],
  guidelines: '',
};

export const ONTOLOGY = imageOntology(DEFINITION);

/** Ids id-1, id-2, … from a fresh counter. */
export function counterIds(prefix = 'id'): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

export const box = (x: number, y: number, w: number, h: number): Geometry => ({ type: 'box', x, y, w, h });
export const point = (x: number, y: number): Geometry => ({ type: 'point', x, y });
export const polygon = (...xy: number[]): Geometry => ({
  type: 'polygon',
  points: Array.from({ length: xy.length / 2 }, (_, i) => ({ x: xy[2 * i]!, y: xy[2 * i + 1]! })),
});

export function object(id: string, geometry: Geometry, class_id = 'car'): LabeledObject {
  return { id, class_id, geometry, attributes: {} };
}

export function documentOf(objects: readonly LabeledObject[], width = 100, height = 80): ImageDocument {
  return createImageDocument(
    { classifications: [], objects: [...objects], spans: [], attributes: {} },
    width,
    height,
  );
}

/** A finite double in [min, max] without −0. */
export const finite = (min: number, max: number): fc.Arbitrary<number> =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((v) => v + 0);

/** A box, polygon or point inside [0, size]². */
export function geometryArb(size: number): fc.Arbitrary<Geometry> {
  const c = finite(0, size);
  return fc.oneof(
    fc
      .record({ x: c, y: c, w: finite(0, size / 4), h: finite(0, size / 4) })
      .map((b) => box(b.x, b.y, b.w, b.h)),
    fc
      .array(fc.record({ x: c, y: c }), { minLength: 3, maxLength: 8 })
      .map((points): Geometry => ({ type: 'polygon', points })),
    fc.record({ x: c, y: c }).map((p) => point(p.x, p.y)),
  );
}

/** A tool context over `doc` at zoom 1 (tolerance 6 px), hit-testing every object. */
export function contextFor(doc: ImageDocument, overrides: Partial<ToolContext> = {}): ToolContext {
  return {
    doc,
    ontology: ONTOLOGY,
    classId: 'car',
    tolerance: 6,
    minSize: 3,
    hitTest: (p) => hitTestAll(doc.objects, p, overrides.tolerance ?? 6),
    newId: counterIds('new'),
    canEdit: true,
    ...overrides,
  };
}

/** A pointer at (x, y) without modifiers (or with the given ones). */
export const at = (x: number, y: number, mods: { shift?: boolean; alt?: boolean } = {}): ToolPointer => ({
  x,
  y,
  shift: mods.shift ?? false,
  alt: mods.alt ?? false,
});
