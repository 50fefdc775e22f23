import { classAllows } from './image-ontology';
import { addObject } from './object-edits';
import { clampPoint } from './object-geometry';
import { type ToolContext, type ToolPointer, type ToolStep, toolStay } from './tool-types';

/** Point tool: every click adds a point of the current class. It has no state of its own. */
export interface PointToolState {
  readonly tool: 'point';
}

export const POINT_TOOL: PointToolState = { tool: 'point' };

export function pointPointerDown(
  s: PointToolState,
  p: ToolPointer,
  ctx: ToolContext,
): ToolStep<PointToolState> {
  if (!ctx.canEdit || ctx.classId === null || !classAllows(ctx.ontology, ctx.classId, 'point')) {
    return toolStay(s);
  }
  const at = clampPoint({ x: p.x, y: p.y }, ctx.doc.width, ctx.doc.height);
  const doc = addObject(ctx.doc, {
    id: ctx.newId(),
    class_id: ctx.classId,
    geometry: { type: 'point', x: at.x, y: at.y },
    attributes: {},
  });
  return { state: s, edit: { doc, mergeKey: null } };
}
