import type { Point } from '@tessera/geometry';
import { classAllows } from './image-ontology';
import { addObject } from './object-edits';
import { clampPoint, isDegenerate } from './object-geometry';
import { MIN_POLYGON_VERTICES } from './polygon-edits';
import {
  type ToolContext,
  type ToolDraft,
  type ToolKeyStep,
  type ToolPointer,
  type ToolStep,
  toolStay,
} from './tool-types';

/**
 * Polygon tool: each click adds a vertex. Enter, a click on the first vertex, or a second click on the last
 * vertex (a double click) closes it; Escape drops it; Backspace removes the last vertex.
 */
export interface PolygonToolState {
  readonly tool: 'polygon';
  readonly points: readonly Point[];
  readonly cursor: Point | null;
}

export const POLYGON_TOOL: PolygonToolState = { tool: 'polygon', points: [], cursor: null };

const near = (a: Point, b: Point, tolerance: number): boolean =>
  Math.hypot(a.x - b.x, a.y - b.y) <= tolerance;

/** Would a click at `p` close the polygon? */
export function closesPolygon(s: PolygonToolState, p: Point, tolerance: number): boolean {
  if (s.points.length < MIN_POLYGON_VERTICES) return false;
  return near(p, s.points[0]!, tolerance) || near(p, s.points[s.points.length - 1]!, tolerance);
}

/** Adds the polygon drawn so far; a polygon without area stays open so more vertices can fix it. */
function close(s: PolygonToolState, ctx: ToolContext): ToolStep<PolygonToolState> {
  if (s.points.length < MIN_POLYGON_VERTICES || ctx.classId === null) return toolStay(s);
  const geometry = { type: 'polygon' as const, points: s.points.map((p) => ({ x: p.x, y: p.y })) };
  if (isDegenerate(geometry)) return toolStay(s);
  const doc = addObject(ctx.doc, { id: ctx.newId(), class_id: ctx.classId, geometry, attributes: {} });
  return { state: POLYGON_TOOL, edit: { doc, mergeKey: null } };
}

export function polygonPointerDown(
  s: PolygonToolState,
  p: ToolPointer,
  ctx: ToolContext,
): ToolStep<PolygonToolState> {
  if (!ctx.canEdit || !classAllows(ctx.ontology, ctx.classId, 'polygon')) return toolStay(s);
  const at = clampPoint({ x: p.x, y: p.y }, ctx.doc.width, ctx.doc.height);
  if (closesPolygon(s, at, ctx.tolerance)) return close(s, ctx);
  const last = s.points[s.points.length - 1];
  if (last !== undefined && near(at, last, ctx.tolerance)) return toolStay(s);
  return toolStay({ ...s, points: [...s.points, at], cursor: at });
}

export function polygonPointerMove(
  s: PolygonToolState,
  p: ToolPointer,
  ctx: ToolContext,
): ToolStep<PolygonToolState> {
  return toolStay({ ...s, cursor: clampPoint({ x: p.x, y: p.y }, ctx.doc.width, ctx.doc.height) });
}

export function polygonKey(
  s: PolygonToolState,
  key: string,
  ctx: ToolContext,
): ToolKeyStep<PolygonToolState> {
  if (s.points.length === 0) return { ...toolStay(s), handled: false };
  switch (key) {
    case 'Enter':
      return { ...close(s, ctx), handled: true };
    case 'Escape':
      return { ...toolStay(POLYGON_TOOL), handled: true };
    case 'Backspace':
      return { ...toolStay({ ...s, points: s.points.slice(0, -1) }), handled: true };
    default:
      return { ...toolStay(s), handled: false };
  }
}

export function polygonDraft(s: PolygonToolState, tolerance: number): ToolDraft | null {
  if (s.points.length === 0) return null;
  const closing = s.cursor !== null && closesPolygon(s, s.cursor, tolerance);
  return { kind: 'polygon', points: s.points, cursor: s.cursor, closing };
}
