import type { AnnotationPayload, LabeledObject } from '@tessera/schema';
import type { ImageDocument } from './image-document';
import { classAllows, type ImageOntology } from './image-ontology';
import { clipGeometry, isDegenerate } from './object-geometry';

export interface ImportContext {
  readonly ontology: ImageOntology;
  readonly newId: () => string;
}

/**
 * The object as this document can hold it, or null: its class must exist and allow its geometry, and the
 * geometry, cut to the image, must still be visible (pre-labels from a model may spill over the border).
 */
export function importableObject(
  object: LabeledObject,
  ontology: ImageOntology,
  width: number,
  height: number,
): LabeledObject | null {
  if (!classAllows(ontology, object.class_id, object.geometry.type)) return null;
  const geometry = clipGeometry(object.geometry, width, height);
  if (isDegenerate(geometry)) return null;
  return geometry === object.geometry ? object : { ...object, geometry };
}

/**
 * Adds every object of `source` (the previous task's answer) on top of the document's own, with new ids;
 * objects this ontology or image cannot hold are skipped. The copies become the selection.
 */
export function copyAllFrom(
  doc: ImageDocument,
  source: AnnotationPayload,
  ctx: ImportContext,
): ImageDocument {
  const copies: LabeledObject[] = [];
  for (const o of source.objects) {
    const ok = importableObject(o, ctx.ontology, doc.width, doc.height);
    if (ok !== null) copies.push({ ...ok, id: ctx.newId() });
  }
  if (copies.length === 0) return doc;
  return { ...doc, objects: [...doc.objects, ...copies], selection: copies.map((o) => o.id) };
}

/**
 * Replaces the document's objects with pre-labels (a model's predictions in the task params): importable
 * objects keep their ids unless empty or repeated, which get new ones. The selection is cleared.
 */
export function loadPrelabels(
  doc: ImageDocument,
  prelabels: readonly LabeledObject[],
  ctx: ImportContext,
): ImageDocument {
  const seen = new Set<string>();
  const objects: LabeledObject[] = [];
  for (const o of prelabels) {
    const ok = importableObject(o, ctx.ontology, doc.width, doc.height);
    if (ok === null) continue;
    const id = ok.id === '' || seen.has(ok.id) ? ctx.newId() : ok.id;
    seen.add(id);
    objects.push(id === ok.id ? ok : { ...ok, id });
  }
  return { ...doc, objects, selection: [] };
}
