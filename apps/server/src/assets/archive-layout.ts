import type { ZipEntry } from './archive-directory';
import { archiveError } from './archive-errors';
import type { FileWindow } from './archive-file-window';

const LOCAL = 0x04034b50;
const U32_MAX = 0xffffffff;

/** Where an entry's compressed bytes are: after its local header, for its declared compressed size. */
export interface EntrySpan {
  readonly dataStart: number;
  readonly dataEnd: number;
}

const invalid = (entry: ZipEntry, detail: string) =>
  archiveError('archive_invalid', `${entry.name}: ${detail}`, { entry: entry.name });

/** The local header must agree with the central record (name, method, and sizes unless deferred). */
async function localSpan(window: FileWindow, entry: ZipEntry, directoryStart: number): Promise<EntrySpan> {
  const header = await window.bytes(entry.localHeaderOffset, 30);
  if (header === null || header.readUInt32LE(0) !== LOCAL)
    throw invalid(entry, 'its local header is missing');
  const nameLength = header.readUInt16LE(26);
  const dataStart = entry.localHeaderOffset + 30 + nameLength + header.readUInt16LE(28);
  const flags = header.readUInt16LE(6);
  const name = await window.bytes(entry.localHeaderOffset + 30, nameLength);
  if (name === null || !name.equals(Buffer.from(entry.name, 'utf8'))) {
    throw invalid(entry, 'its local header names another file than the central directory');
  }
  if (header.readUInt16LE(8) !== entry.method || (flags & 0x1) !== (entry.flags & 0x1)) {
    throw invalid(entry, 'its local header disagrees with the central directory');
  }
  const declared = [header.readUInt32LE(18), header.readUInt32LE(22)];
  const deferred = (flags & 0x8) !== 0 || declared.includes(U32_MAX);
  if (!deferred && (declared[0] !== entry.compressedSize || declared[1] !== entry.uncompressedSize)) {
    throw invalid(entry, 'its local header declares other sizes than the central directory');
  }
  const dataEnd = dataStart + entry.compressedSize;
  if (dataEnd > directoryStart) throw invalid(entry, 'its data runs into the central directory');
  return { dataStart, dataEnd };
}

/**
 * Reads every entry's local header and refuses archives whose entries share bytes: overlapping entries
 * (Fifield's "better zip bomb", where one highly compressed kernel is referenced by many entries through
 * quoted local headers) are 422 `archive_bomb`. Returns each entry's data span, by entry index.
 */
export async function entrySpans(
  window: FileWindow,
  entries: readonly ZipEntry[],
  directoryStart: number,
): Promise<readonly EntrySpan[]> {
  const spans: EntrySpan[] = [];
  for (const entry of entries) spans.push(await localSpan(window, entry, directoryStart));
  const order = entries
    .map((e) => e.index)
    .sort((a, b) => {
      const [x, y] = [entries[a] as ZipEntry, entries[b] as ZipEntry];
      return x.localHeaderOffset - y.localHeaderOffset;
    });
  let previous: ZipEntry | null = null;
  let previousEnd = 0;
  for (const index of order) {
    const entry = entries[index] as ZipEntry;
    if (previous !== null && entry.localHeaderOffset < previousEnd) {
      throw archiveError(
        'archive_bomb',
        `${entry.name}: its bytes overlap those of ${previous.name} (overlapping entries)`,
        { entry: entry.name, reason: 'overlapping_entries', overlaps: previous.name },
      );
    }
    previous = entry;
    previousEnd = (spans[index] as EntrySpan).dataEnd;
  }
  return spans;
}
