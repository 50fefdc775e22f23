import type { DraftInput, DraftStore } from './draft-store';

export interface DraftWriter {
  /** Saves `input` after `delayMs` of quiet; a newer call replaces a pending one. */
  schedule(input: DraftInput): void;
  /** Saves the pending draft now (page hidden, unload, submit); false when the storage refused it. */
  flush(): boolean;
  /** Drops the pending draft without saving (the task was submitted or skipped). */
  cancel(): void;
  readonly pending: boolean;
}

/**
 * Debounces draft saves: an annotator dragging a box changes the payload 60 times a second; localStorage
 * writes are synchronous, so only the last state of each pause is written. `onResult` reports every write's
 * outcome (a refused write is shown to the annotator).
 */
export function createDraftWriter(
  store: Pick<DraftStore, 'save'>,
  delayMs = 300,
  onResult: (saved: boolean) => void = () => {},
): DraftWriter {
  let pending: DraftInput | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const clear = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const flush = (): boolean => {
    clear();
    if (pending === null) return true;
    const input = pending;
    pending = null;
    const saved = store.save(input);
    onResult(saved);
    return saved;
  };

  return {
    schedule(input) {
      pending = input;
      clear();
      timer = setTimeout(flush, delayMs);
    },
    flush,
    cancel() {
      clear();
      pending = null;
    },
    get pending() {
      return pending !== null;
    },
  };
}
