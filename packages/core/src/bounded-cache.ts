/**
 * A per-process map for values that never change once stored, holding at most `limit` entries: past it, the
 * oldest entry is forgotten (first in, first out).
 */
export function createBoundedCache<V>(limit: number) {
  const map = new Map<string, V>();
  return {
    get: (key: string): V | undefined => map.get(key),
    set(key: string, value: V): void {
      if (!map.has(key) && map.size >= limit) map.delete(map.keys().next().value as string);
      map.set(key, value);
    },
  };
}
export type BoundedCache<V> = ReturnType<typeof createBoundedCache<V>>;
