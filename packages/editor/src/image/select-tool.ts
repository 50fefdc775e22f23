import type { Box, Point } from '@tessera/geometry';
import { type BoxHandle, resizeBox } from './box-resize';
import { type ImageDocument, selectObjects, soleSelected, toggleSelected } from './image-document';
import { moveObjects, setGeometry } from './object-edits';
import { clampPoint } from './object-geometry';
import { type HandleHit, handleTolerance, hitHandle } from './object-handles';
import { deleteVertex, insertVertex, moveVertex } from './polygon-edits';
import {
  type ToolContext,
  type ToolEdit,
  type ToolKeyStep,
  type ToolPointer,
  type ToolStep,
  toolStay,
} from './tool-types';

/** What a press on the canvas started with the select tool. */
export type SelectDrag =
  /** Moving the selection: every move recomputes from the document at the press, so nothing drifts. */
  | {
      readonly mode: 'move';
      readonly ids: readonly string[];
      readonly start: Point;
      readonly origin: ImageDocument;
    }
  | { readonly mode: 'resize'; readonly id: string; readonly handle: BoxHandle; readonly origin: Box }
  | { readonly mode: 'vertex'; readonly id: string; readonly index: number };

/** What the pointer is over while no button is down (for highlight and cursor). */
export interface SelectHover {
  readonly id: string | null;
  readonly handle: HandleHit | null;
}

export interface SelectToolState {
  readonly tool: 'select';
  readonly drag: SelectDrag | null;
  readonly hover: SelectHover;
}

export const SELECT_TOOL: SelectToolState = { tool: 'select', drag: null, hover: { id: null, handle: null } };

const edit = (doc: ImageDocument, mergeKey: string | null = null): ToolEdit => ({ doc, mergeKey });

/** A press on a handle of the single selected object: resize, move or delete a vertex, or insert one. */
function pressHandle(s: SelectToolState, p: ToolPointer, ctx: ToolContext): ToolStep<SelectToolState> | null {
  const sole = soleSelected(ctx.doc);
  if (sole === undefined || !ctx.canEdit) return null;
  const hit = hitHandle(sole.geometry, p, handleTolerance(sole.geometry, ctx.tolerance));
  if (hit === null) return null;
  const id = sole.id;
  if (hit.kind === 'box' && sole.geometry.type === 'box') {
    return toolStay({ ...s, drag: { mode: 'resize', id, handle: hit.handle, origin: sole.geometry } });
  }
  if (hit.kind === 'vertex' && p.alt) return { state: s, edit: edit(deleteVertex(ctx.doc, id, hit.index)) };
  if (hit.kind === 'vertex') return toolStay({ ...s, drag: { mode: 'vertex', id, index: hit.index } });
  if (hit.kind === 'edge') {
    const doc = insertVertex(ctx.doc, id, hit.index, p);
    return {
      state: { ...s, drag: { mode: 'vertex', id, index: hit.index + 1 } },
      edit: edit(doc, `vertex:${id}`),
    };
  }
  return null;
}

export function selectPointerDown(
  s: SelectToolState,
  p: ToolPointer,
  ctx: ToolContext,
): ToolStep<SelectToolState> {
  const onHandle = pressHandle(s, p, ctx);
  if (onHandle !== null) return onHandle;
  const index = ctx.hitTest(p);
  if (index < 0) {
    return p.shift ? toolStay(s) : { state: { ...s, drag: null }, edit: edit(selectObjects(ctx.doc, [])) };
  }
  const id = ctx.doc.objects[index]!.id;
  if (p.shift) return { state: s, edit: edit(toggleSelected(ctx.doc, id)) };
  const doc = ctx.doc.selection.includes(id) ? ctx.doc : selectObjects(ctx.doc, [id]);
  const drag: SelectDrag | null = ctx.canEdit
    ? { mode: 'move', ids: doc.selection, start: { x: p.x, y: p.y }, origin: doc }
    : null;
  return { state: { ...s, drag, hover: { id, handle: null } }, edit: edit(doc) };
}

function dragTo(drag: SelectDrag, p: ToolPointer, ctx: ToolContext): ToolEdit {
  switch (drag.mode) {
    case 'move': {
      const doc = moveObjects(drag.origin, drag.ids, p.x - drag.start.x, p.y - drag.start.y);
      return edit(doc, `move:${drag.ids.join(',')}`);
    }
    case 'resize': {
      const to = clampPoint({ x: p.x, y: p.y }, ctx.doc.width, ctx.doc.height);
      const box = resizeBox(drag.origin, drag.handle, to);
      return edit(setGeometry(ctx.doc, drag.id, { type: 'box', ...box }), `resize:${drag.id}`);
    }
    case 'vertex':
      return edit(moveVertex(ctx.doc, drag.id, drag.index, p), `vertex:${drag.id}`);
  }
}

function hoverAt(p: ToolPointer, ctx: ToolContext): SelectHover {
  const sole = soleSelected(ctx.doc);
  const handle =
    sole !== undefined && ctx.canEdit
      ? hitHandle(sole.geometry, p, handleTolerance(sole.geometry, ctx.tolerance))
      : null;
  if (handle !== null && sole !== undefined) return { id: sole.id, handle };
  const index = ctx.hitTest(p);
  return { id: index < 0 ? null : ctx.doc.objects[index]!.id, handle: null };
}

const sameHover = (a: SelectHover, b: SelectHover): boolean =>
  a.id === b.id && JSON.stringify(a.handle) === JSON.stringify(b.handle);

export function selectPointerMove(
  s: SelectToolState,
  p: ToolPointer,
  ctx: ToolContext,
): ToolStep<SelectToolState> {
  if (s.drag !== null) return { state: s, edit: dragTo(s.drag, p, ctx) };
  const hover = hoverAt(p, ctx);
  return toolStay(sameHover(hover, s.hover) ? s : { ...s, hover });
}

export function selectPointerUp(
  s: SelectToolState,
  p: ToolPointer,
  ctx: ToolContext,
): ToolStep<SelectToolState> {
  if (s.drag === null) return toolStay(s);
  return { state: { ...s, drag: null }, edit: dragTo(s.drag, p, ctx) };
}

/** Escape clears the selection. */
export function selectKey(s: SelectToolState, key: string, ctx: ToolContext): ToolKeyStep<SelectToolState> {
  if (key === 'Escape' && s.drag === null && ctx.doc.selection.length > 0) {
    return { state: s, edit: edit(selectObjects(ctx.doc, [])), handled: true };
  }
  return { ...toolStay(s), handled: false };
}
