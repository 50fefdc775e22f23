import type { Viewport } from '@tessera/editor';
import { benchRequested, type FrameStats } from './frame-stats';

declare global {
  interface Window {
    /** Image → screen transform of the image canvas (screen = image · scale + offset), for browser tests. */
    __tesseraViewport?: { scale: number; offsetX: number; offsetY: number };
    /** Per-frame draw durations of the image canvas, when the URL has `?bench=1`. */
    __tesseraImageStats?: FrameStats;
  }
}

export function publishViewport(v: Viewport): void {
  window.__tesseraViewport = { scale: v.scale, offsetX: v.offsetX, offsetY: v.offsetY };
}

/** The page's frame statistics object when `?bench=1` is in the URL, else null (nothing is recorded). */
export function pageFrameStats(): FrameStats | null {
  if (!benchRequested(window.location.search)) return null;
  const stats = window.__tesseraImageStats ?? { frames: [] };
  window.__tesseraImageStats = stats;
  return stats;
}
