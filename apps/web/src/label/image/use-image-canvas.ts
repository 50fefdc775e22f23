import {
  type ImageEditorEnv,
  type ImageEditorState,
  imageCursor,
  imagePointerDown,
  imagePointerMove,
  imagePointerUp,
  imageWheel,
  resizeView,
  type ScreenPointer,
} from '@tessera/editor';
import { type RefObject, useEffect, useRef } from 'react';
import type { Overlay } from '../workspace';
import { createCanvasRenderer } from './canvas-renderer';
import type { EditorStore } from './editor-store';
import { pageFrameStats } from './window-hooks';

/** Wheel deltas in pixels, whatever unit the device reports; a pinch (Ctrl+wheel) zooms faster. */
function wheelPixels(e: WheelEvent, pageHeight: number): number {
  const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? pageHeight : 1;
  return e.deltaY * unit * (e.ctrlKey ? 8 : 1);
}

function pointerOf(e: PointerEvent, el: HTMLElement): ScreenPointer {
  const r = el.getBoundingClientRect();
  return { x: e.clientX - r.left, y: e.clientY - r.top, button: e.button, shift: e.shiftKey, alt: e.altKey };
}

/** Pointer, wheel and size events of the canvas element go to the editor; returns the unbinding function. */
function bindInput(
  el: HTMLDivElement,
  store: EditorStore<ImageEditorState>,
  env: ImageEditorEnv,
): () => void {
  const down = (e: PointerEvent) => {
    if (e.button !== 0 && e.button !== 1) return;
    e.preventDefault();
    el.focus({ preventScroll: true });
    el.setPointerCapture(e.pointerId);
    store.update((s) => imagePointerDown(s, pointerOf(e, el), env));
  };
  const move = (e: PointerEvent) => store.update((s) => imagePointerMove(s, pointerOf(e, el), env));
  const up = (e: PointerEvent) => {
    if (el.hasPointerCapture(e.pointerId)) el.releasePointerCapture(e.pointerId);
    store.update((s) => imagePointerUp(s, pointerOf(e, el), env));
  };
  const wheel = (e: WheelEvent) => {
    e.preventDefault();
    const r = el.getBoundingClientRect();
    store.update((s) => imageWheel(s, e.clientX - r.left, e.clientY - r.top, wheelPixels(e, r.height)));
  };
  const menu = (e: MouseEvent) => e.preventDefault();
  // The middle button pans: no autoscroll, no paste.
  const middle = (e: MouseEvent) => {
    if (e.button === 1) e.preventDefault();
  };
  el.addEventListener('pointerdown', down);
  el.addEventListener('pointermove', move);
  el.addEventListener('pointerup', up);
  el.addEventListener('pointercancel', up);
  el.addEventListener('wheel', wheel, { passive: false });
  el.addEventListener('contextmenu', menu);
  el.addEventListener('mousedown', middle);
  el.addEventListener('auxclick', middle);
  return () => {
    el.removeEventListener('pointerdown', down);
    el.removeEventListener('pointermove', move);
    el.removeEventListener('pointerup', up);
    el.removeEventListener('pointercancel', up);
    el.removeEventListener('wheel', wheel);
    el.removeEventListener('contextmenu', menu);
    el.removeEventListener('mousedown', middle);
    el.removeEventListener('auxclick', middle);
  };
}

/**
 * Mounts the Konva renderer in the canvas element, feeds it the store's state on every change (drawn at
 * the next animation frame), follows the element's size, keeps the CSS cursor, and routes input.
 */
export function useImageCanvas(
  ref: RefObject<HTMLDivElement | null>,
  store: EditorStore<ImageEditorState>,
  env: ImageEditorEnv,
  image: HTMLImageElement | null,
  overlays: readonly Overlay[],
): void {
  const live = useRef({ image, overlays });
  const schedule = useRef<() => void>(() => {});

  useEffect(() => {
    const el = ref.current;
    if (el === null) return;
    const source = () => ({ state: store.get(), image: live.current.image, overlays: live.current.overlays });
    const renderer = createCanvasRenderer(el, source, env.ontology, pageFrameStats());
    schedule.current = () => renderer.schedule();
    let cursor = '';
    const unsubscribe = store.subscribe(() => {
      renderer.schedule();
      const next = imageCursor(store.get());
      if (next !== cursor) el.style.cursor = cursor = next;
    });
    const observer = new ResizeObserver(() => {
      const size = { width: el.clientWidth, height: el.clientHeight };
      renderer.resize(size.width, size.height);
      store.update((s) => resizeView(s, size));
    });
    observer.observe(el);
    const unbind = bindInput(el, store, env);
    renderer.schedule();
    return () => {
      unbind();
      observer.disconnect();
      unsubscribe();
      renderer.destroy();
      schedule.current = () => {};
    };
  }, [ref, store, env]);

  useEffect(() => {
    live.current = { image, overlays };
    schedule.current();
  }, [image, overlays]);
}
