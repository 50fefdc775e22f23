/**
 * The time an annotator spends on a task, sent as `duration_ms`: it runs while the page is visible and pauses
 * while the tab is hidden, so a task left open over lunch does not count an hour.
 */
export interface TaskClock {
  elapsed(): number;
  pause(): void;
  resume(): void;
  readonly running: boolean;
}

export function createTaskClock(now: () => number, startElapsedMs = 0, running = true): TaskClock {
  let banked = Math.max(0, startElapsedMs);
  let since: number | null = running ? now() : null;
  return {
    elapsed: () => banked + (since === null ? 0 : Math.max(0, now() - since)),
    pause() {
      if (since === null) return;
      banked += Math.max(0, now() - since);
      since = null;
    },
    resume() {
      if (since === null) since = now();
    },
    get running() {
      return since !== null;
    },
  };
}
