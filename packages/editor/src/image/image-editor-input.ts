import { commitDocument, type ImageEditorEnv, type ImageEditorState, toolContext } from './image-editor';
import { applyImageCommand } from './image-editor-commands';
import { panView, wheelZoom } from './image-editor-view';
import { type ImageKeyInput, resolveImageKey } from './image-shortcuts';
import { type ToolStep, toolKind } from './tool-types';
import { type ToolState, toolKey, toolPointerDown, toolPointerMove, toolPointerUp } from './tools';
import { screenToImage } from './viewport';

/** A pointer event in screen pixels relative to the canvas's top-left corner. */
export interface ScreenPointer {
  readonly x: number;
  readonly y: number;
  /** `PointerEvent.button` on press: 0 primary, 1 middle; ignored on move and release. */
  readonly button: number;
  readonly shift: boolean;
  readonly alt: boolean;
}

/** Feeds a tool's step into the editor: its new state, and its edit (merge key made unique per gesture). */
function applyStep(state: ImageEditorState, step: ToolStep<ToolState>): ImageEditorState {
  const withTool = step.state === state.tool ? state : { ...state, tool: step.state };
  if (step.edit === null) return withTool;
  const key = step.edit.mergeKey === null ? null : `${step.edit.mergeKey}#${state.gesture}`;
  const next = commitDocument(withTool, step.edit.doc, key);
  const added = next.history.present.objects.length > state.history.present.objects.length;
  // Drawing while everything is hidden shows the objects again, so the new one is not invisible.
  return added && next.hidden ? { ...next, hidden: false } : next;
}

const toImage = (state: ImageEditorState, p: ScreenPointer) => ({
  ...screenToImage(state.viewport, p),
  shift: p.shift,
  alt: p.alt,
});

/** A press: the middle button or space+primary pans; the primary button goes to the tool. */
export function imagePointerDown(
  state: ImageEditorState,
  p: ScreenPointer,
  env: ImageEditorEnv,
): ImageEditorState {
  if (p.button === 1 || (p.button === 0 && state.spaceHeld)) return { ...state, panFrom: { x: p.x, y: p.y } };
  if (p.button !== 0) return state;
  const pressed = { ...state, gesture: state.gesture + 1 };
  return applyStep(pressed, toolPointerDown(pressed.tool, toImage(pressed, p), toolContext(pressed, env)));
}

export function imagePointerMove(
  state: ImageEditorState,
  p: ScreenPointer,
  env: ImageEditorEnv,
): ImageEditorState {
  if (state.panFrom !== null) {
    const panned = panView(state, p.x - state.panFrom.x, p.y - state.panFrom.y);
    return { ...panned, panFrom: { x: p.x, y: p.y } };
  }
  return applyStep(state, toolPointerMove(state.tool, toImage(state, p), toolContext(state, env)));
}

export function imagePointerUp(
  state: ImageEditorState,
  p: ScreenPointer,
  env: ImageEditorEnv,
): ImageEditorState {
  if (state.panFrom !== null) return { ...state, panFrom: null };
  return applyStep(state, toolPointerUp(state.tool, toImage(state, p), toolContext(state, env)));
}

export function imageWheel(state: ImageEditorState, x: number, y: number, deltaY: number): ImageEditorState {
  return wheelZoom(state, { x, y }, deltaY);
}

export interface ImageKeyResult {
  readonly state: ImageEditorState;
  /** True when the key was an image shortcut (the page should `preventDefault` it). */
  readonly handled: boolean;
}

/**
 * A key press: Space arms panning; the active tool gets the first look (Enter, Escape, Backspace while
 * drawing); then the shortcut map decides.
 */
export function imageKeyDown(
  state: ImageEditorState,
  input: ImageKeyInput,
  env: ImageEditorEnv,
): ImageKeyResult {
  if (input.key === ' ' && !input.ctrl && !input.meta) {
    return { state: state.spaceHeld ? state : { ...state, spaceHeld: true }, handled: true };
  }
  if (!input.ctrl && !input.meta && !input.alt) {
    const step = toolKey(state.tool, input.key, toolContext(state, env));
    if (step.handled) return { state: applyStep(state, step), handled: true };
  }
  const command = resolveImageKey(input, env.ontology);
  if (command === null) return { state, handled: false };
  return { state: applyImageCommand(state, command, env), handled: true };
}

export function imageKeyUp(state: ImageEditorState, input: Pick<ImageKeyInput, 'key'>): ImageEditorState {
  if (input.key === ' ' && state.spaceHeld) return { ...state, spaceHeld: false, panFrom: null };
  return state;
}

/** The CSS cursor for the canvas. */
export function imageCursor(state: ImageEditorState): string {
  if (state.panFrom !== null) return 'grabbing';
  if (state.spaceHeld) return 'grab';
  if (toolKind(state.tool.tool) !== null) return state.readOnly ? 'default' : 'crosshair';
  if (state.tool.tool !== 'select') return 'default';
  const { drag, hover } = state.tool;
  if (drag?.mode === 'move') return 'move';
  const handle = drag?.mode === 'resize' ? { kind: 'box' as const, handle: drag.handle } : hover.handle;
  if (handle?.kind === 'box') return `${handle.handle}-resize`;
  if (handle !== null || drag?.mode === 'vertex') return 'pointer';
  if (hover.id === null) return 'default';
  return state.readOnly ? 'pointer' : 'move';
}
