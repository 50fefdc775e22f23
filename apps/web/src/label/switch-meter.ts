declare global {
  interface Window {
    /** Milliseconds from each submit click to the next task's workspace on screen (browser benchmark). */
    __tesseraSwitchMs?: number[];
  }
}

export interface SwitchMeter {
  /** The annotator submitted (or skipped): the switch starts now. */
  start(): void;
  /** The next workspace is on screen: records and answers the switch time, or null when none was started. */
  shown(): number | null;
}

/** Measures task switches into `sink` (the page passes `window.__tesseraSwitchMs`). */
export function createSwitchMeter(sink: number[], now: () => number): SwitchMeter {
  let startedAt: number | null = null;
  return {
    start() {
      startedAt = now();
    },
    shown() {
      if (startedAt === null) return null;
      const ms = now() - startedAt;
      startedAt = null;
      sink.push(ms);
      return ms;
    },
  };
}

/** The page's measurements, exposed on `window.__tesseraSwitchMs` for the browser benchmark. */
export function windowSwitchSink(): number[] {
  window.__tesseraSwitchMs ??= [];
  return window.__tesseraSwitchMs;
}
