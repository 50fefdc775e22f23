import type { Point } from '@tessera/geometry';
import type { Geometry } from '@tessera/schema';
import { findObject, type ImageDocument } from './image-document';
import { setGeometry } from './object-edits';
import { clampPoint } from './object-geometry';

/** A polygon keeps at least this many vertices. */
export const MIN_POLYGON_VERTICES = 3;

type PolygonGeometry = Extract<Geometry, { type: 'polygon' }>;

function polygonOf(doc: ImageDocument, id: string): PolygonGeometry | null {
  const g = findObject(doc, id)?.geometry;
  return g?.type === 'polygon' ? g : null;
}

/** Moves vertex `index` of polygon `id` to `to` (clamped into the image). */
export function moveVertex(doc: ImageDocument, id: string, index: number, to: Point): ImageDocument {
  const g = polygonOf(doc, id);
  if (g === null || index < 0 || index >= g.points.length) return doc;
  const p = clampPoint(to, doc.width, doc.height);
  const old = g.points[index]!;
  if (old.x === p.x && old.y === p.y) return doc;
  const points = g.points.map((v, i) => (i === index ? { x: p.x, y: p.y } : v));
  return setGeometry(doc, id, { type: 'polygon', points });
}

/** Inserts a vertex at `to` between vertex `after` and the next one (the edge `after` → `after + 1`). */
export function insertVertex(doc: ImageDocument, id: string, after: number, to: Point): ImageDocument {
  const g = polygonOf(doc, id);
  if (g === null || after < 0 || after >= g.points.length) return doc;
  const p = clampPoint(to, doc.width, doc.height);
  const points = [...g.points.slice(0, after + 1), { x: p.x, y: p.y }, ...g.points.slice(after + 1)];
  return setGeometry(doc, id, { type: 'polygon', points });
}

/** Removes vertex `index`, unless the polygon would drop below three vertices. */
export function deleteVertex(doc: ImageDocument, id: string, index: number): ImageDocument {
  const g = polygonOf(doc, id);
  if (g === null || index < 0 || index >= g.points.length || g.points.length <= MIN_POLYGON_VERTICES) {
    return doc;
  }
  return setGeometry(doc, id, { type: 'polygon', points: g.points.filter((_, i) => i !== index) });
}
