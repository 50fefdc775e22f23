import type { Point } from '@tessera/geometry';
import { normalizeBox } from './box-resize';
import { classAllows } from './image-ontology';
import { addObject } from './object-edits';
import { clampPoint } from './object-geometry';
import {
  type ToolContext,
  type ToolDraft,
  type ToolKeyStep,
  type ToolPointer,
  type ToolStep,
  toolStay,
} from './tool-types';

/** Box tool: press, drag, release. A drag smaller than `minSize` on either side creates nothing. */
export interface BoxToolState {
  readonly tool: 'box';
  readonly start: Point | null;
  readonly current: Point | null;
}

export const BOX_TOOL: BoxToolState = { tool: 'box', start: null, current: null };

export function boxPointerDown(s: BoxToolState, p: ToolPointer, ctx: ToolContext): ToolStep<BoxToolState> {
  if (!ctx.canEdit || !classAllows(ctx.ontology, ctx.classId, 'box')) return toolStay(s);
  const start = clampPoint({ x: p.x, y: p.y }, ctx.doc.width, ctx.doc.height);
  return { state: { tool: 'box', start, current: start }, edit: null };
}

export function boxPointerMove(s: BoxToolState, p: ToolPointer, ctx: ToolContext): ToolStep<BoxToolState> {
  if (s.start === null) return toolStay(s);
  const current = clampPoint({ x: p.x, y: p.y }, ctx.doc.width, ctx.doc.height);
  return { state: { ...s, current }, edit: null };
}

export function boxPointerUp(s: BoxToolState, p: ToolPointer, ctx: ToolContext): ToolStep<BoxToolState> {
  if (s.start === null || ctx.classId === null) return { state: BOX_TOOL, edit: null };
  const end = clampPoint({ x: p.x, y: p.y }, ctx.doc.width, ctx.doc.height);
  const box = normalizeBox(s.start.x, s.start.y, end.x, end.y);
  if (box.w < ctx.minSize || box.h < ctx.minSize) return { state: BOX_TOOL, edit: null };
  const doc = addObject(ctx.doc, {
    id: ctx.newId(),
    class_id: ctx.classId,
    geometry: { type: 'box', ...box },
    attributes: {},
  });
  return { state: BOX_TOOL, edit: { doc, mergeKey: null } };
}

/** Escape drops the box being drawn. */
export function boxKey(s: BoxToolState, key: string): ToolKeyStep<BoxToolState> {
  if (key === 'Escape' && s.start !== null) return { state: BOX_TOOL, edit: null, handled: true };
  return { state: s, edit: null, handled: false };
}

export function boxDraft(s: BoxToolState): ToolDraft | null {
  if (s.start === null || s.current === null) return null;
  return { kind: 'box', box: normalizeBox(s.start.x, s.start.y, s.current.x, s.current.y) };
}
