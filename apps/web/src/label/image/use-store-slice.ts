import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { EditorStore } from './editor-store';

/**
 * Subscribes a component to a slice of the store: it re-renders only when `equal` says the slice changed.
 * `select` and `equal` should be module-level functions (stable between renders).
 */
export function useStoreSlice<S, T>(
  store: EditorStore<S>,
  select: (state: S) => T,
  equal: (a: T, b: T) => boolean,
): T {
  const cache = useRef<{ readonly value: T } | null>(null);
  const getSnapshot = useCallback((): T => {
    const value = select(store.get());
    if (cache.current !== null && equal(cache.current.value, value)) return cache.current.value;
    cache.current = { value };
    return value;
  }, [store, select, equal]);
  return useSyncExternalStore(store.subscribe, getSnapshot);
}
