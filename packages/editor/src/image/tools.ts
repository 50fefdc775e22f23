import {
  BOX_TOOL,
  type BoxToolState,
  boxDraft,
  boxKey,
  boxPointerDown,
  boxPointerMove,
  boxPointerUp,
} from './box-tool';
import { POINT_TOOL, type PointToolState, pointPointerDown } from './point-tool';
import {
  POLYGON_TOOL,
  type PolygonToolState,
  polygonDraft,
  polygonKey,
  polygonPointerDown,
  polygonPointerMove,
} from './polygon-tool';
import {
  SELECT_TOOL,
  type SelectToolState,
  selectKey,
  selectPointerDown,
  selectPointerMove,
  selectPointerUp,
} from './select-tool';
import {
  type ToolContext,
  type ToolDraft,
  type ToolKeyStep,
  type ToolName,
  type ToolPointer,
  type ToolStep,
  toolStay,
} from './tool-types';

/** The state of whichever tool is active; `tool` says which. */
export type ToolState = SelectToolState | BoxToolState | PolygonToolState | PointToolState;

export function initialToolState(tool: ToolName): ToolState {
  switch (tool) {
    case 'select':
      return SELECT_TOOL;
    case 'box':
      return BOX_TOOL;
    case 'polygon':
      return POLYGON_TOOL;
    case 'point':
      return POINT_TOOL;
  }
}

export function toolPointerDown(s: ToolState, p: ToolPointer, ctx: ToolContext): ToolStep<ToolState> {
  switch (s.tool) {
    case 'select':
      return selectPointerDown(s, p, ctx);
    case 'box':
      return boxPointerDown(s, p, ctx);
    case 'polygon':
      return polygonPointerDown(s, p, ctx);
    case 'point':
      return pointPointerDown(s, p, ctx);
  }
}

export function toolPointerMove(s: ToolState, p: ToolPointer, ctx: ToolContext): ToolStep<ToolState> {
  switch (s.tool) {
    case 'select':
      return selectPointerMove(s, p, ctx);
    case 'box':
      return boxPointerMove(s, p, ctx);
    case 'polygon':
      return polygonPointerMove(s, p, ctx);
    case 'point':
      return toolStay(s);
  }
}

export function toolPointerUp(s: ToolState, p: ToolPointer, ctx: ToolContext): ToolStep<ToolState> {
  switch (s.tool) {
    case 'select':
      return selectPointerUp(s, p, ctx);
    case 'box':
      return boxPointerUp(s, p, ctx);
    case 'polygon':
    case 'point':
      return toolStay(s);
  }
}

/** Offers a key to the active tool first (Enter/Escape/Backspace while drawing a polygon, Escape, …). */
export function toolKey(s: ToolState, key: string, ctx: ToolContext): ToolKeyStep<ToolState> {
  switch (s.tool) {
    case 'select':
      return selectKey(s, key, ctx);
    case 'box':
      return boxKey(s, key);
    case 'polygon':
      return polygonKey(s, key, ctx);
    case 'point':
      return { ...toolStay(s), handled: false };
  }
}

/** True while a gesture or a drawing is in progress (switching tools or undoing would lose it). */
export function toolBusy(s: ToolState): boolean {
  switch (s.tool) {
    case 'select':
      return s.drag !== null;
    case 'box':
      return s.start !== null;
    case 'polygon':
      return s.points.length > 0;
    case 'point':
      return false;
  }
}

export function toolDraft(s: ToolState, tolerance: number): ToolDraft | null {
  switch (s.tool) {
    case 'box':
      return boxDraft(s);
    case 'polygon':
      return polygonDraft(s, tolerance);
    default:
      return null;
  }
}
