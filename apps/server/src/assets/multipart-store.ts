import { readFile } from 'node:fs/promises';
import type { AssetClaim } from '../quotas/asset-accounting';
import { type AssetOwner, type StoredAsset, storeAsset } from './asset-store';

/** One checked image or PDF waiting in staging. */
export interface StagedImage {
  /** Its file in staging. */
  readonly path: string;
  /** Hex SHA-256 of its bytes. */
  readonly sha256: string;
  readonly bytes: number;
  /** The extension of its format (`png`, `jpg`, `webp`, `pdf`). */
  readonly extension: string;
}

/**
 * Stores checked images with `storeAsset`, charging the owner's storage quota for all of them before the first
 * is written: a request that does not fit is refused whole (`413 quota_exceeded`) and writes nothing. The
 * same bytes sent twice are stored and charged once. Returns the stored files in the order given. A write
 * failure part-way (a full disk) can still leave the files written before it, each charged.
 */
export async function storeAllOrNone(
  dir: string,
  images: readonly StagedImage[],
  owner: AssetOwner,
): Promise<StoredAsset[]> {
  const unique = new Map<string, StagedImage>();
  for (const image of images) unique.set(`${image.sha256}.${image.extension}`, image);
  const claims = new Map<string, AssetClaim>();
  try {
    for (const [file, image] of unique) {
      claims.set(file, await owner.accounting.claim(owner.orgId, file, image.bytes));
    }
  } catch (error) {
    await Promise.all([...claims.values()].map((claim) => claim.release()));
    throw error;
  }
  // storeAsset charges through the owner's accounting: hand it the claim already held for the file.
  const stored = new Map<string, StoredAsset>();
  try {
    for (const [file, image] of unique) {
      const held: AssetOwner = {
        orgId: owner.orgId,
        accounting: { claim: async () => claims.get(file) as AssetClaim },
      };
      stored.set(
        file,
        await storeAsset(dir, await readFile(image.path), image.sha256, image.extension, held),
      );
      claims.delete(file);
    }
  } finally {
    await Promise.all([...claims.values()].map((claim) => claim.release()));
  }
  return images.map((image) => stored.get(`${image.sha256}.${image.extension}`) as StoredAsset);
}
