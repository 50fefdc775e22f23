import {
  canRedo,
  canUndo,
  type ImageDocument,
  type ImageEditorState,
  type ToolName,
  toolBusy,
} from '@tessera/editor';

/** What the React panels around the canvas show; it changes far less often than the canvas state. */
export interface UiSlice {
  readonly doc: ImageDocument;
  readonly tool: ToolName;
  readonly classId: string | null;
  readonly hidden: boolean;
  readonly readOnly: boolean;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** Zoom factor (1 = one image pixel per screen pixel). */
  readonly scale: number;
  /** A drawing or drag is in progress. */
  readonly busy: boolean;
}

export function uiSliceOf(state: ImageEditorState): UiSlice {
  return {
    doc: state.history.present,
    tool: state.tool.tool,
    classId: state.classId,
    hidden: state.hidden,
    readOnly: state.readOnly,
    canUndo: canUndo(state.history),
    canRedo: canRedo(state.history),
    scale: state.viewport.scale,
    busy: toolBusy(state.tool),
  };
}

export function sameUi(a: UiSlice, b: UiSlice): boolean {
  return (
    a.doc === b.doc &&
    a.tool === b.tool &&
    a.classId === b.classId &&
    a.hidden === b.hidden &&
    a.readOnly === b.readOnly &&
    a.canUndo === b.canUndo &&
    a.canRedo === b.canRedo &&
    a.scale === b.scale &&
    a.busy === b.busy
  );
}
