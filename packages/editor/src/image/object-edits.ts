import type { AttributeValues, Geometry, LabeledObject } from '@tessera/schema';
import { carryAttributes } from '../text/carry-attributes';
import type { ImageDocument } from './image-document';
import { classAllows, type ImageOntology } from './image-ontology';
import {
  clampTranslation,
  clipGeometry,
  geometryBounds,
  translateGeometry,
  unionBounds,
} from './object-geometry';

/**
 * Pure edits of an image document. Each returns a new document, or `doc` itself when the edit does not apply
 * (unknown id, a class that does not allow the geometry, a zero move), so callers can tell "nothing happened"
 * by identity and the history records no empty step.
 */

/** Applies `fn` to the objects whose id is in `ids`; `doc` itself when no object changed. */
function mapObjects(
  doc: ImageDocument,
  ids: readonly string[],
  fn: (o: LabeledObject) => LabeledObject,
): ImageDocument {
  if (ids.length === 0) return doc;
  const wanted = new Set(ids);
  let changed = false;
  const objects = doc.objects.map((o) => {
    if (!wanted.has(o.id)) return o;
    const next = fn(o);
    if (next !== o) changed = true;
    return next;
  });
  return changed ? { ...doc, objects } : doc;
}

/** Appends the object (cut to the image) and selects it alone. */
export function addObject(doc: ImageDocument, object: LabeledObject): ImageDocument {
  if (doc.objects.some((o) => o.id === object.id)) return doc;
  const geometry = clipGeometry(object.geometry, doc.width, doc.height);
  const added = geometry === object.geometry ? object : { ...object, geometry };
  return { ...doc, objects: [...doc.objects, added], selection: [object.id] };
}

export function deleteObjects(doc: ImageDocument, ids: readonly string[]): ImageDocument {
  const gone = new Set(ids);
  const objects = doc.objects.filter((o) => !gone.has(o.id));
  if (objects.length === doc.objects.length) return doc;
  return { ...doc, objects, selection: doc.selection.filter((id) => !gone.has(id)) };
}

/** Moves the objects together by (dx, dy), shortened so their union stays inside the image. */
export function moveObjects(
  doc: ImageDocument,
  ids: readonly string[],
  dx: number,
  dy: number,
): ImageDocument {
  const wanted = new Set(ids);
  const moving = doc.objects.filter((o) => wanted.has(o.id));
  if (moving.length === 0) return doc;
  const bounds = unionBounds(moving.map((o) => geometryBounds(o.geometry)));
  const d = clampTranslation(bounds, dx, dy, doc.width, doc.height);
  if (d.dx === 0 && d.dy === 0) return doc;
  return mapObjects(doc, ids, (o) => ({ ...o, geometry: translateGeometry(o.geometry, d.dx, d.dy) }));
}

/** Replaces one object's geometry (cut to the image). The geometry type must stay the same. */
export function setGeometry(doc: ImageDocument, id: string, geometry: Geometry): ImageDocument {
  return mapObjects(doc, [id], (o) => {
    if (o.geometry.type !== geometry.type) return o;
    return { ...o, geometry: clipGeometry(geometry, doc.width, doc.height) };
  });
}

/**
 * Moves the objects to `classId`: only those whose geometry the class allows change; they keep the attribute
 * values the new class defines (and accepts), the rest are dropped.
 */
export function changeObjectsClass(
  doc: ImageDocument,
  ids: readonly string[],
  classId: string,
  ontology: ImageOntology,
): ImageDocument {
  const cls = ontology.classes.get(classId);
  if (cls === undefined) return doc;
  return mapObjects(doc, ids, (o) => {
    if (o.class_id === classId || !classAllows(ontology, classId, o.geometry.type)) return o;
    return { ...o, class_id: classId, attributes: carryAttributes(o.attributes, cls.attributes) };
  });
}

export function setObjectAttributes(
  doc: ImageDocument,
  id: string,
  attributes: AttributeValues,
): ImageDocument {
  return mapObjects(doc, [id], (o) => (o.attributes === attributes ? o : { ...o, attributes }));
}

/**
 * Copies the objects with new ids, shifted by `offset` pixels (less near the image border), appended on top
 * in their drawing order; the copies become the selection.
 */
export function duplicateObjects(
  doc: ImageDocument,
  ids: readonly string[],
  newId: () => string,
  offset = 10,
): ImageDocument {
  const wanted = new Set(ids);
  const sources = doc.objects.filter((o) => wanted.has(o.id));
  if (sources.length === 0) return doc;
  const bounds = unionBounds(sources.map((o) => geometryBounds(o.geometry)));
  const d = clampTranslation(bounds, offset, offset, doc.width, doc.height);
  const copies = sources.map((o) => ({
    ...o,
    id: newId(),
    geometry: translateGeometry(o.geometry, d.dx, d.dy),
  }));
  return { ...doc, objects: [...doc.objects, ...copies], selection: copies.map((o) => o.id) };
}
