import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32, createInflateRaw, type InflateRaw } from 'node:zlib';
import { TesseraError } from '@tessera/core';
import type { ZipEntry } from './archive-directory';
import { looksLikeArchive } from './archive-entry-rules';
import { archiveError } from './archive-errors';
import type { EntrySpan } from './archive-layout';
import type { ArchiveLimits } from './archive-limits';

/** Enough of an entry's start to recognise an archive (a tar header's `ustar` ends at byte 262). */
const HEAD_BYTES = 262;

/** Counts while an entry inflates; `total` is what the earlier entries inflated. */
interface Counter {
  readonly entry: ZipEntry;
  readonly limits: ArchiveLimits;
  readonly total: number;
  inflated: number;
  crc: number;
  head: Buffer;
  headChecked: boolean;
}

/** The first cap this chunk crossed, in the order the caps are documented. */
function checkCaps(c: Counter, engine: InflateRaw | null): void {
  const { entry, limits } = c;
  const at = { entry: entry.name, inflated_bytes: c.inflated };
  if (c.inflated > entry.uncompressedSize) {
    throw archiveError('archive_invalid', `${entry.name}: inflates to more than its declared size`, {
      ...at,
      declared_bytes: entry.uncompressedSize,
    });
  }
  if (c.inflated > limits.maxEntryBytes) {
    throw archiveError(
      'archive_entry_too_large',
      `${entry.name}: inflates to more than ${limits.maxEntryBytes} bytes`,
      { ...at, max_entry_bytes: limits.maxEntryBytes },
    );
  }
  if (c.total + c.inflated > limits.maxInflatedBytes) {
    throw archiveError(
      'archive_too_large',
      `the archive inflates to more than ${limits.maxInflatedBytes} bytes`,
      { ...at, total_inflated_bytes: c.total + c.inflated, max_inflated_bytes: limits.maxInflatedBytes },
    );
  }
  const read = engine?.bytesWritten ?? 0;
  if (
    engine !== null &&
    c.inflated > limits.ratioFloorBytes &&
    c.inflated > limits.maxRatio * Math.max(1, read)
  ) {
    throw archiveError(
      'archive_bomb',
      `${entry.name}: inflates more than ${limits.maxRatio}:1 (a decompression bomb)`,
      { ...at, reason: 'compression_ratio', compressed_bytes_read: read, max_ratio: limits.maxRatio },
    );
  }
}

function checkHead(c: Counter, final: boolean): void {
  if (c.headChecked || (c.head.length < HEAD_BYTES && !final)) return;
  c.headChecked = true;
  if (looksLikeArchive(c.head)) {
    throw archiveError('archive_nested', `${c.entry.name}: archives inside the archive are not opened`, {
      entry: c.entry.name,
    });
  }
}

function translate(entry: ZipEntry, error: unknown): unknown {
  if (error instanceof TesseraError) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return archiveError(
      'archive_invalid',
      `${entry.name}: its compressed data is damaged or cut short`,
      {
        entry: entry.name,
      },
      error,
    );
  }
  return error;
}

/**
 * Inflates one entry into `target` (a new file in staging), counting the bytes that come out of the
 * decompressor, never the sizes the archive declares. Aborts at the first cap crossed (see `checkCaps`),
 * then checks the inflated size and CRC-32 against the declared ones (422 `archive_invalid` if they lie).
 * Returns the inflated byte count.
 */
export async function inflateEntry(
  archivePath: string,
  entry: ZipEntry,
  span: EntrySpan,
  target: string,
  limits: ArchiveLimits,
  total: number,
): Promise<number> {
  const c: Counter = { entry, limits, total, inflated: 0, crc: 0, head: Buffer.alloc(0), headChecked: false };
  const source =
    span.dataEnd > span.dataStart
      ? createReadStream(archivePath, {
          start: span.dataStart,
          end: span.dataEnd - 1,
          highWaterMark: 64 * 1024,
        })
      : Readable.from([]);
  const engine = entry.method === 8 ? createInflateRaw() : null;
  const out = await open(target, 'wx', 0o600);
  // pipeline() rejects with its own AbortError when the sink throws: the sink's refusal is kept here.
  let refusal: TesseraError | null = null;
  const check = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      if (error instanceof TesseraError) refusal = error;
      throw error;
    }
  };
  const sink = async (chunks: AsyncIterable<Buffer>) => {
    for await (const chunk of chunks) {
      c.inflated += chunk.length;
      check(() => checkCaps(c, engine));
      if (c.head.length < HEAD_BYTES)
        c.head = Buffer.concat([c.head, chunk.subarray(0, HEAD_BYTES - c.head.length)]);
      check(() => checkHead(c, false));
      c.crc = crc32(chunk, c.crc);
      await out.write(chunk);
    }
  };
  try {
    await (engine === null ? pipeline(source, sink) : pipeline(source, engine, sink));
  } catch (error) {
    throw refusal ?? translate(entry, error);
  } finally {
    await out.close();
  }
  checkHead(c, true);
  if (c.inflated !== entry.uncompressedSize || c.crc !== entry.crc32) {
    throw archiveError('archive_invalid', `${entry.name}: its size or CRC-32 differs from the declared one`, {
      entry: entry.name,
      inflated_bytes: c.inflated,
      declared_bytes: entry.uncompressedSize,
    });
  }
  return c.inflated;
}
