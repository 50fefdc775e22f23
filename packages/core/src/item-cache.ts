import type { Item } from '@tessera/schema';
import { createBoundedCache } from './bounded-cache';
import type { Tx } from './ports';

/** Items with more inline text and metadata than this (UTF-16 units) are not kept. */
const MAX_CACHED_CHARS = 8 * 1024;

/** What the cache reads through: a transaction or read snapshot (`Tx`), or anything with its `items.get`. */
export interface ItemSource {
  readonly items: Pick<Tx['items'], 'get'>;
}

function isSmall(item: Item): boolean {
  return (item.text?.length ?? 0) + JSON.stringify(item.metadata).length <= MAX_CACHED_CHARS;
}

/**
 * Items never change and are never deleted, so each process keeps the small committed ones it was given: a
 * task's item is read with its lease, then needed again to check the submit against the item's size. At most
 * `limit` items of at most 8 K characters each.
 */
export function createItemCache(limit = 4096) {
  const cache = createBoundedCache<Item>(limit);
  const cached = (orgId: string, id: string): Item | undefined => {
    const hit = cache.get(id);
    return hit?.org_id === orgId ? hit : undefined;
  };
  return {
    /** An item inside a write transaction: from the cache, else from `tx` (not kept: it may not commit). */
    async get(tx: ItemSource, orgId: string, id: string): Promise<Item | undefined> {
      return cached(orgId, id) ?? tx.items.get(orgId, id);
    },
    /** Keeps an item known to be committed (a leased task's, after its lease committed), when small. */
    keep(item: Item): void {
      if (isSmall(item)) cache.set(item.id, item);
    },
  };
}
export type ItemCache = ReturnType<typeof createItemCache>;
