import type { Point } from '@tessera/geometry';
import { selectedObjects } from './image-document';
import type { ImageEditorState } from './image-editor';
import { geometryBounds, unionBounds } from './object-geometry';
import { fitViewport, panBy, panToShow, type ViewSize, zoomAt } from './viewport';

/** How strongly one wheel pixel zooms: 100 px of wheel ≈ ×1.16. */
export const WHEEL_ZOOM_RATE = 0.0015;

export function fitView(state: ImageEditorState): ImageEditorState {
  const doc = state.history.present;
  const viewport = fitViewport({ width: doc.width, height: doc.height }, state.view);
  return { ...state, viewport, fitted: true };
}

/** The canvas changed size: refit while the view follows fit-to-screen, else keep the transform. */
export function resizeView(state: ImageEditorState, view: ViewSize): ImageEditorState {
  if (view.width === state.view.width && view.height === state.view.height) return state;
  const next = { ...state, view };
  return state.fitted ? fitView(next) : next;
}

/** Zooms by `factor` around `anchor` (screen pixels; the view centre when omitted). */
export function zoomView(state: ImageEditorState, factor: number, anchor?: Point): ImageEditorState {
  const at = anchor ?? { x: state.view.width / 2, y: state.view.height / 2 };
  const viewport = zoomAt(state.viewport, factor, at);
  return viewport === state.viewport ? state : { ...state, viewport, fitted: false };
}

/** A wheel event at `at`: `deltaY` in pixels, positive scrolls down (zooms out). */
export function wheelZoom(state: ImageEditorState, at: Point, deltaY: number): ImageEditorState {
  return zoomView(state, Math.exp(-deltaY * WHEEL_ZOOM_RATE), at);
}

export function panView(state: ImageEditorState, dx: number, dy: number): ImageEditorState {
  const viewport = panBy(state.viewport, dx, dy);
  return viewport === state.viewport ? state : { ...state, viewport, fitted: false };
}

/** Pans just enough to show the selection (after Tab, or a click in the object list). */
export function revealSelection(state: ImageEditorState): ImageEditorState {
  const selected = selectedObjects(state.history.present);
  if (selected.length === 0 || state.view.width === 0) return state;
  const box = unionBounds(selected.map((o) => geometryBounds(o.geometry)));
  const viewport = panToShow(state.viewport, state.view, box);
  return viewport === state.viewport ? state : { ...state, viewport, fitted: false };
}
