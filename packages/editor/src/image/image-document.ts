import type { AnnotationPayload, LabeledObject } from '@tessera/schema';

/** What the image workspace edits: objects in image pixel coordinates, the selection, and the payload rest. */
export interface ImageDocument {
  readonly width: number;
  readonly height: number;
  /** In drawing order: later objects are drawn on top. */
  readonly objects: readonly LabeledObject[];
  /** Ids of the selected objects, in the order they were selected. */
  readonly selection: readonly string[];
  /** The parts of the payload the image tools do not edit (classifications, spans, global attributes). */
  readonly rest: Omit<AnnotationPayload, 'objects'>;
}

export function createImageDocument(
  payload: AnnotationPayload,
  width: number,
  height: number,
): ImageDocument {
  const { objects, ...rest } = payload;
  return { width, height, objects, selection: [], rest };
}

/** The wire payload of the document (selection is not part of it). */
export function documentPayload(doc: ImageDocument): AnnotationPayload {
  return { ...doc.rest, objects: [...doc.objects] };
}

/** The document with its payload replaced; the selection keeps the ids that still exist. */
export function replacePayload(doc: ImageDocument, payload: AnnotationPayload): ImageDocument {
  const { objects, ...rest } = payload;
  const ids = new Set(objects.map((o) => o.id));
  return { ...doc, objects, rest, selection: doc.selection.filter((id) => ids.has(id)) };
}

export function objectIndex(doc: ImageDocument, id: string): number {
  return doc.objects.findIndex((o) => o.id === id);
}

export function findObject(doc: ImageDocument, id: string): LabeledObject | undefined {
  return doc.objects.find((o) => o.id === id);
}

export function selectedObjects(doc: ImageDocument): readonly LabeledObject[] {
  if (doc.selection.length === 0) return [];
  const selected = new Set(doc.selection);
  return doc.objects.filter((o) => selected.has(o.id));
}

/** The single selected object, or undefined when none or several are selected. */
export function soleSelected(doc: ImageDocument): LabeledObject | undefined {
  const [only, ...more] = doc.selection;
  return only === undefined || more.length > 0 ? undefined : findObject(doc, only);
}

const sameIds = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((id, i) => id === b[i]);

/** Selects exactly `ids` (unknown ids and repeats are dropped). Returns `doc` itself when nothing changes. */
export function selectObjects(doc: ImageDocument, ids: readonly string[]): ImageDocument {
  const existing = new Set(doc.objects.map((o) => o.id));
  const next = [...new Set(ids)].filter((id) => existing.has(id));
  return sameIds(next, doc.selection) ? doc : { ...doc, selection: next };
}

/** Adds `id` to the selection, or removes it when it is already selected (shift+click). */
export function toggleSelected(doc: ImageDocument, id: string): ImageDocument {
  return doc.selection.includes(id)
    ? { ...doc, selection: doc.selection.filter((s) => s !== id) }
    : selectObjects(doc, [...doc.selection, id]);
}

/**
 * Selects the next (direction 1) or previous (−1) object in drawing order after the last selected one,
 * wrapping around; with nothing selected, the first (or last) object.
 */
export function cycleSelection(doc: ImageDocument, direction: 1 | -1): ImageDocument {
  const n = doc.objects.length;
  if (n === 0) return doc;
  const last = doc.selection[doc.selection.length - 1];
  const at = last === undefined ? -1 : objectIndex(doc, last);
  const next = at < 0 ? (direction === 1 ? 0 : n - 1) : (at + direction + n) % n;
  return selectObjects(doc, [doc.objects[next]!.id]);
}
