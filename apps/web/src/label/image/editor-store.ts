/**
 * A tiny external store: the workspace's editor state lives here, outside React, so the canvas can render it
 * imperatively on every pointer move while React re-renders only the panels whose slice changed.
 */
export interface EditorStore<S> {
  get(): S;
  /** Applies `fn` to the latest state; listeners hear about it only when the state actually changed. */
  update(fn: (state: S) => S): void;
  subscribe(listener: () => void): () => void;
}

export function createEditorStore<S>(initial: S): EditorStore<S> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    update(fn) {
      const next = fn(state);
      if (next === state) return;
      state = next;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
