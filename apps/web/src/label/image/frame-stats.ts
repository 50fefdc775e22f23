/** Per-frame draw durations in milliseconds, read by the browser benchmark (`?bench=1`). */
export interface FrameStats {
  readonly frames: number[];
}

/** Frames kept; older ones are dropped so a long session does not grow without bound. */
export const MAX_FRAMES = 20_000;

/** True when the page URL asks for frame statistics (`?bench=1`). */
export function benchRequested(search: string): boolean {
  return new URLSearchParams(search).get('bench') === '1';
}

/** Records one frame's duration. */
export function recordFrame(stats: FrameStats, ms: number): void {
  stats.frames.push(ms);
  if (stats.frames.length > MAX_FRAMES) stats.frames.splice(0, stats.frames.length - MAX_FRAMES);
}
