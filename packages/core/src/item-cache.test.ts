import type { Item } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { createItemCache, type ItemSource } from './item-cache';

const item = (id: string, orgId: string, text: string | null = null): Item => ({
  id,
  org_id: orgId,
  uri: null,
  blob_key: null,
  media_type: text === null ? 'image' : 'text',
  width: text === null ? 640 : null,
  height: text === null ? 480 : null,
  length: text?.length ?? null,
  text,
  metadata: {},
  content_hash: null,
  created_at: 0,
});

/** A store of items that counts its reads. */
function source(items: readonly Item[]) {
  const byId = new Map(items.map((i) => [i.id, i]));
  const reads: string[] = [];
  const tx: ItemSource = {
    items: {
      get: async (orgId, id) => {
        reads.push(id);
        const found = byId.get(id);
        return found?.org_id === orgId ? found : undefined;
      },
    },
  };
  return { tx, reads };
}

describe('createItemCache', () => {
  it('keeps a committed item it was given, and a write transaction then reads no row', async () => {
    const stored = item('itm_1', 'org_a');
    const { tx, reads } = source([stored]);
    const cache = createItemCache();
    cache.keep(stored);
    expect((await cache.get(tx, 'org_a', 'itm_1'))?.width).toBe(640);
    expect(reads).toEqual([]);
  });

  it('does not keep what a write transaction read (it may roll back)', async () => {
    const { tx, reads } = source([item('itm_1', 'org_a')]);
    const cache = createItemCache();
    await cache.get(tx, 'org_a', 'itm_1');
    await cache.get(tx, 'org_a', 'itm_1');
    expect(reads).toEqual(['itm_1', 'itm_1']);
  });

  it("never answers with another organization's item", async () => {
    const stored = item('itm_1', 'org_a');
    const { tx } = source([stored]);
    const cache = createItemCache();
    cache.keep(stored);
    expect(await cache.get(tx, 'org_b', 'itm_1')).toBeUndefined();
  });

  it('reads a large text item every time instead of keeping it', async () => {
    const big = item('itm_big', 'org_a', 'x'.repeat(20_000));
    const { tx, reads } = source([big]);
    const cache = createItemCache();
    cache.keep(big);
    expect((await cache.get(tx, 'org_a', 'itm_big'))?.length).toBe(20_000);
    expect(reads).toEqual(['itm_big']);
  });
});
