import { randomUUID } from 'node:crypto';
import { lstat, mkdir, open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';

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

/**
 * Stores bytes content-addressed as `<dir>/<sha256>.<ext>`: written to a hidden temporary file in the same
 * directory, flushed to disk, then renamed into place, so a reader never sees a partial file and a crash
 * leaves at most a temporary (which `GET /assets` never serves: hidden names are refused). The same bytes
 * twice give the same file, written once.
 */
export async function storeAsset(
  dir: string,
  bytes: Buffer,
  sha256: string,
  extension: string,
): Promise<StoredAsset> {
  const file = `${sha256}.${extension}`;
  const target = join(dir, file);
  if (await exists(target)) return { file, sha256 };
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
  return { file, sha256 };
}
