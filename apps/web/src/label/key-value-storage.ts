/** The part of the Web Storage API the label page uses; `localStorage` satisfies it, tests pass a memory one. */
export interface KeyValueStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** A storage kept in memory: what tests inject, and the fallback when the browser refuses `localStorage`. */
export function createMemoryStorage(): KeyValueStorage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    key: (index) => [...data.keys()][index] ?? null,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => {
      data.set(key, String(value));
    },
    removeItem: (key) => {
      data.delete(key);
    },
  };
}

/**
 * The browser's `localStorage`, or a memory storage when it is unavailable (some private windows throw on
 * access). `persistent` says which one it is, so the page can warn that a reload would lose unsent work.
 */
export function browserStorage(): { readonly storage: KeyValueStorage; readonly persistent: boolean } {
  try {
    const storage = globalThis.localStorage;
    const probe = '__tessera_probe__';
    storage.setItem(probe, probe);
    storage.removeItem(probe);
    return { storage, persistent: true };
  } catch {
    return { storage: createMemoryStorage(), persistent: false };
  }
}

/** Every key that starts with `prefix` (collected first, so callers may remove while iterating). */
export function keysWithPrefix(storage: KeyValueStorage, prefix: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(prefix)) out.push(key);
  }
  return out;
}

/** `JSON.parse` that answers undefined instead of throwing on a corrupt entry. */
export function readJson(storage: KeyValueStorage, key: string): unknown {
  const text = storage.getItem(key);
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `setItem` that answers false instead of throwing when the storage is full or refuses the write. */
export function writeJson(storage: KeyValueStorage, key: string, value: unknown): boolean {
  try {
    storage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}
