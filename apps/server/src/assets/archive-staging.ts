import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { TesseraError } from '@tessera/core';

/** A per-request folder under the staging root; everything an archive upload writes before storing is here. */
export interface Staging {
  readonly dir: string;
  /** A path inside the folder (names are chosen by the server, never taken from the archive). */
  path(name: string): string;
  /** Removes the folder and everything in it (the root stays). */
  remove(): Promise<void>;
}

export async function openStaging(root: string): Promise<Staging> {
  await mkdir(root, { recursive: true, mode: 0o700 });
  const dir = await mkdtemp(join(root, 'archive-'));
  return {
    dir,
    path: (name) => join(dir, name),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export interface StagedBody {
  readonly bytes: number;
  /** Hex SHA-256 of the body (the Idempotency-Key fingerprint of a streamed upload). */
  readonly sha256: string;
}

/**
 * Streams a request body into `target`, hashing it on the way: crossing `limit` is 413 `payload_too_large`
 * and stops reading at once (the caller removes the partial file with its staging folder); a body that
 * breaks off is 400 `request_aborted`.
 */
export async function stageBody(body: Readable, target: string, limit: number): Promise<StagedBody> {
  const hash = createHash('sha256');
  const out = await open(target, 'wx', 0o600);
  let bytes = 0;
  let writeFailure: unknown = null;
  try {
    // Not destroyed on the way out: the 413 must still be answered (the route closes the connection with it).
    for await (const piece of body.iterator({ destroyOnReturn: false })) {
      const chunk = Buffer.isBuffer(piece) ? piece : Buffer.from(String(piece), 'utf8');
      bytes += chunk.length;
      if (bytes > limit) {
        throw new TesseraError('payload_too_large', 413, `the archive is larger than ${limit} bytes`, {
          max_bytes: limit,
        });
      }
      hash.update(chunk);
      await out.write(chunk).catch((error: unknown) => {
        writeFailure = error;
        throw error;
      });
    }
  } catch (error) {
    if (error instanceof TesseraError || error === writeFailure) throw error;
    throw new TesseraError('request_aborted', 400, 'the upload was interrupted before its end', {}, error);
  } finally {
    await out.close();
  }
  return { bytes, sha256: hash.digest('hex') };
}
