import { randomUUID } from 'node:crypto';
import { lstat, mkdir, open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { AssetAccounting } from '../quotas/asset-accounting';

/** Whose file it is: every stored file is counted for its organization (`org_assets`, the storage quota). */
export interface AssetOwner {
  readonly orgId: string;
  readonly accounting: AssetAccounting;
}

export interface StoredAsset {
  /** File name under the assets directory: `<sha256>.<ext>`. */
  readonly file: string;
  /** Hex SHA-256 of the bytes. */
  readonly sha256: string;
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isFile();
  } catch {
    return false;
  }
}

/** Writes `target` through a hidden temporary file in the same directory, flushed before the rename. */
async function writeAtomically(dir: string, target: string, bytes: Buffer): Promise<void> {
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.upload-${randomUUID()}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * Stores bytes content-addressed as `<dir>/<sha256>.<ext>`: written to a hidden temporary file in the same
 * directory, flushed to disk, then renamed into place, so a reader never sees a partial file and a crash
 * leaves at most a temporary (which `GET /assets` never serves: hidden names are refused). The same bytes
 * twice give the same file, written once. The owner's organization is charged for the file (once per file)
 * before anything is written: over its storage quota this throws `413 quota_exceeded` and writes nothing.
 */
export async function storeAsset(
  dir: string,
  bytes: Buffer,
  sha256: string,
  extension: string,
  owner: AssetOwner,
): Promise<StoredAsset> {
  const file = `${sha256}.${extension}`;
  const target = join(dir, file);
  const claim = await owner.accounting.claim(owner.orgId, file, bytes.length);
  try {
    if (!(await exists(target))) await writeAtomically(dir, target, bytes);
    await claim.commit();
  } catch (error) {
    await claim.release();
    throw error;
  }
  return { file, sha256 };
}
