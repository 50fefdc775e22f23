import { archiveError } from './archive-errors';
import type { FileWindow } from './archive-file-window';

/** One central-directory record, as declared (sizes are claims the reader checks while inflating). */
export interface ZipEntry {
  /** 0-based position in the central directory: the archive order. */
  readonly index: number;
  readonly name: string;
  readonly versionMadeBy: number;
  readonly flags: number;
  readonly method: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
  readonly externalAttributes: number;
  /** A PKWARE Unix extra field (0x000d) carrying a link target: a hard or symbolic link. */
  readonly linkExtra: boolean;
}

export interface ZipDirectory {
  readonly entries: readonly ZipEntry[];
  /** Where the central directory starts: no entry's data may reach into it. */
  readonly directoryStart: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;

const invalid = (detail: string, details: Record<string, unknown> = {}) =>
  archiveError('archive_invalid', detail, details);

function u64(buffer: Buffer, at: number): number {
  const value = buffer.readBigUInt64LE(at);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw invalid('a zip64 size or offset is out of range');
  return Number(value);
}

interface DirectoryBounds {
  readonly count: number;
  readonly offset: number;
  readonly size: number;
  /** Where the end records begin: the central directory must end at or before this. */
  readonly end: number;
}

/** The end-of-central-directory record: the last signature whose comment reaches exactly to the end. */
async function findEnd(window: FileWindow): Promise<{ at: number; record: Buffer }> {
  const tailLength = Math.min(window.size, 22 + U16_MAX);
  const tail = await window.bytes(window.size - tailLength, tailLength);
  if (tail === null || tailLength < 22) throw invalid('the body is not a zip archive (no end record)');
  for (let i = tailLength - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD && i + 22 + tail.readUInt16LE(i + 20) === tailLength) {
      return { at: window.size - tailLength + i, record: Buffer.from(tail.subarray(i, i + 22)) };
    }
  }
  throw invalid('the body is not a zip archive (no end record)');
}

async function zip64Bounds(window: FileWindow, eocdAt: number): Promise<DirectoryBounds> {
  const locator = await window.bytes(eocdAt - 20, 20);
  if (locator === null || locator.readUInt32LE(0) !== ZIP64_LOCATOR) {
    throw invalid('the zip64 end locator is missing');
  }
  if (locator.readUInt32LE(4) !== 0 || locator.readUInt32LE(16) > 1) {
    throw archiveError('archive_unsupported', 'multi-disk (split) archives are not supported');
  }
  const at = u64(locator, 8);
  const record = at + 56 <= eocdAt - 20 ? await window.bytes(at, 56) : null;
  if (record === null || record.readUInt32LE(0) !== ZIP64_EOCD)
    throw invalid('the zip64 end record is missing');
  const count = u64(record, 32);
  if (record.readUInt32LE(16) !== 0 || record.readUInt32LE(20) !== 0 || u64(record, 24) !== count) {
    throw archiveError('archive_unsupported', 'multi-disk (split) archives are not supported');
  }
  return { count, size: u64(record, 40), offset: u64(record, 48), end: at };
}

async function directoryBounds(window: FileWindow): Promise<DirectoryBounds> {
  const { at, record } = await findEnd(window);
  const count = record.readUInt16LE(10);
  const size = record.readUInt32LE(12);
  const offset = record.readUInt32LE(16);
  if (count === U16_MAX || size === U32_MAX || offset === U32_MAX) return zip64Bounds(window, at);
  if (record.readUInt16LE(4) !== 0 || record.readUInt16LE(6) !== 0 || record.readUInt16LE(8) !== count) {
    throw archiveError('archive_unsupported', 'multi-disk (split) archives are not supported');
  }
  return { count, size, offset, end: at };
}

function tooMany(count: number, maxEntries: number) {
  return archiveError('archive_too_many_entries', `the archive has more than ${maxEntries} entries`, {
    max_entries: maxEntries,
    entries: count,
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeName(bytes: Buffer, index: number): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw invalid(`entry ${index + 1}: its name is not UTF-8`, { entry_index: index });
  }
}

interface ExtraFields {
  readonly zip64: Buffer | null;
  readonly linkExtra: boolean;
}

function readExtras(extra: Buffer): ExtraFields {
  let zip64: Buffer | null = null;
  let linkExtra = false;
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    const data = extra.subarray(at + 4, at + 4 + size);
    if (id === 0x0001) zip64 = data;
    // PKWARE Unix: atime, mtime, uid, gid (12 bytes), then the "linked to" name of a hard or symbolic link.
    if (id === 0x000d && size > 12) linkExtra = true;
    at += 4 + size;
  }
  return { zip64, linkExtra };
}

/** Sizes and offset that were 0xFFFFFFFF in the record come from the zip64 extra field, in this order. */
function widen(record: Buffer, zip64: Buffer | null, index: number) {
  let at = 0;
  const next = (value: number) => {
    if (value !== U32_MAX) return value;
    if (zip64 === null || at + 8 > zip64.length) {
      throw invalid(`entry ${index + 1}: a zip64 size is missing`, { entry_index: index });
    }
    at += 8;
    return u64(zip64, at - 8);
  };
  const uncompressedSize = next(record.readUInt32LE(24));
  const compressedSize = next(record.readUInt32LE(20));
  const localHeaderOffset = next(record.readUInt32LE(42));
  return { uncompressedSize, compressedSize, localHeaderOffset };
}

async function readRecord(window: FileWindow, at: number, index: number, end: number) {
  const fixed = at + 46 <= end ? await window.bytes(at, 46) : null;
  if (fixed === null || fixed.readUInt32LE(0) !== CENTRAL) {
    throw invalid(`entry ${index + 1}: the central directory record is damaged`, { entry_index: index });
  }
  const nameLength = fixed.readUInt16LE(28);
  const variable = fixed.readUInt16LE(30) + fixed.readUInt16LE(32);
  const rest =
    at + 46 + nameLength + variable <= end ? await window.bytes(at + 46, nameLength + variable) : null;
  if (rest === null) throw invalid(`entry ${index + 1}: the central directory record is cut short`);
  if (fixed.readUInt16LE(34) !== 0) {
    throw archiveError('archive_unsupported', 'multi-disk (split) archives are not supported');
  }
  const record = Buffer.from(fixed);
  const name = decodeName(rest.subarray(0, nameLength), index);
  const extras = readExtras(rest.subarray(nameLength, nameLength + fixed.readUInt16LE(30)));
  const entry: ZipEntry = {
    index,
    name,
    versionMadeBy: record.readUInt16LE(4),
    flags: record.readUInt16LE(8),
    method: record.readUInt16LE(10),
    crc32: record.readUInt32LE(16),
    externalAttributes: record.readUInt32LE(38),
    linkExtra: extras.linkExtra,
    ...widen(record, extras.zip64, index),
  };
  return { entry, length: 46 + nameLength + variable };
}

/**
 * Reads the central directory: the entry count is checked against `maxEntries` as declared and again while
 * walking (a directory holding more records than its end record claims is refused at record maxEntries + 1).
 */
export async function readDirectory(window: FileWindow, maxEntries: number): Promise<ZipDirectory> {
  const bounds = await directoryBounds(window);
  if (bounds.count > maxEntries) throw tooMany(bounds.count, maxEntries);
  const end = bounds.offset + bounds.size;
  if (end > bounds.end) throw invalid('the central directory runs past the end record');
  const entries: ZipEntry[] = [];
  let at = bounds.offset;
  while (at < end) {
    if (entries.length === maxEntries) throw tooMany(entries.length + 1, maxEntries);
    const { entry, length } = await readRecord(window, at, entries.length, end);
    entries.push(entry);
    at += length;
  }
  if (entries.length !== bounds.count) {
    throw invalid(
      `the end record declares ${bounds.count} entries, the central directory holds ${entries.length}`,
    );
  }
  return { entries, directoryStart: bounds.offset };
}
