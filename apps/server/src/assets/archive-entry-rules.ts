import { TesseraError } from '@tessera/core';
import type { ZipEntry } from './archive-directory';
import { archiveError } from './archive-errors';

/** What one entry is to the importer: a directory (skipped), OS metadata (skipped) or an image to check. */
export type EntryKind =
  | { readonly kind: 'directory' }
  | { readonly kind: 'metadata' }
  | { readonly kind: 'image'; readonly declaredType: string };

/** Why a name is refused (zip slip): every one could write outside the folder a naive extractor targets. */
export type UnsafeNameReason =
  | 'backslash'
  | 'absolute_path'
  | 'drive_letter'
  | 'traversal'
  | 'empty_segment'
  | 'control_character';

const IMAGE_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};

/** Archive and compressed-file extensions: such an entry is never opened (no recursion into archives). */
const NESTED_EXTENSIONS = new Set([
  'zip',
  'zipx',
  'jar',
  'war',
  'apk',
  '7z',
  'rar',
  'tar',
  'gz',
  'tgz',
  'bz2',
  'tbz2',
  'xz',
  'txz',
  'zst',
  'lz',
  'lzma',
  'z',
  'cab',
  'iso',
]);

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const HOST_UNIX = 3;

/** The first reason `name` is unsafe to extract, or null. Directory names end with one `/`. */
export function unsafeNameReason(name: string): UnsafeNameReason | null {
  if (name.includes('\\')) return 'backslash';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this looks for
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'control_character';
  if (name.startsWith('/')) return 'absolute_path';
  if (/^[A-Za-z]:/.test(name)) return 'drive_letter';
  const segments = (name.endsWith('/') ? name.slice(0, -1) : name).split('/');
  if (segments.some((s) => s === '..')) return 'traversal';
  if (segments.some((s) => s === '' || s === '.')) return 'empty_segment';
  return null;
}

function unsafe(entry: ZipEntry, reason: string, detail: string): TesseraError {
  return archiveError('archive_unsafe_entry', `${entry.name}: ${detail}`, { entry: entry.name, reason });
}

/** The Unix file type in the external attributes (when the archive was made on Unix), or null. */
function unixType(entry: ZipEntry): number | null {
  const mode = entry.externalAttributes >>> 16;
  return entry.versionMadeBy >> 8 === HOST_UNIX && mode !== 0 ? mode & S_IFMT : null;
}

function checkFileType(entry: ZipEntry): void {
  const type = unixType(entry);
  if (type === S_IFLNK) throw unsafe(entry, 'symlink', 'symbolic links are refused');
  if (entry.linkExtra) throw unsafe(entry, 'link', 'hard and symbolic links are refused');
  if (type !== null && type !== S_IFREG && type !== S_IFDIR) {
    throw unsafe(entry, 'special_file', 'only regular files and directories are accepted');
  }
}

function isDirectory(entry: ZipEntry): boolean {
  return entry.name.endsWith('/') || unixType(entry) === S_IFDIR || (entry.externalAttributes & 0x10) !== 0;
}

function extension(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/** Finder's resource forks and folder settings: not content, so they are skipped rather than refused. */
function isOsMetadata(name: string): boolean {
  const base = name.slice(name.lastIndexOf('/') + 1);
  return name.startsWith('__MACOSX/') || base === '.DS_Store' || base === 'Thumbs.db';
}

/**
 * Classifies one central-directory entry, refusing in this order: unsafe names (422 `archive_unsafe_entry`),
 * links and special files (same code), encryption and compression methods other than stored and deflate
 * (422 `archive_unsupported`), nested archives by extension (422 `archive_nested`), and files that are not
 * PNG, JPEG or WebP by extension (415 `unsupported_media_type`, as a single upload of another type).
 */
export function classifyEntry(entry: ZipEntry): EntryKind {
  const reason = unsafeNameReason(entry.name);
  if (reason !== null) throw unsafe(entry, reason, `the entry name is unsafe (${reason.replace('_', ' ')})`);
  checkFileType(entry);
  if ((entry.flags & 0x1) !== 0 || (entry.flags & 0x40) !== 0) {
    throw archiveError('archive_unsupported', `${entry.name}: encrypted entries are not supported`, {
      entry: entry.name,
    });
  }
  if (entry.method !== 0 && entry.method !== 8) {
    throw archiveError(
      'archive_unsupported',
      `${entry.name}: compression method ${entry.method} is not supported (stored and deflate are)`,
      { entry: entry.name, method: entry.method },
    );
  }
  if (isDirectory(entry)) return { kind: 'directory' };
  if (isOsMetadata(entry.name)) return { kind: 'metadata' };
  const ext = extension(entry.name);
  if (NESTED_EXTENSIONS.has(ext)) {
    throw archiveError('archive_nested', `${entry.name}: archives inside the archive are not opened`, {
      entry: entry.name,
    });
  }
  const declaredType = IMAGE_TYPES[ext];
  if (declaredType === undefined) {
    throw new TesseraError(
      'unsupported_media_type',
      415,
      `${entry.name}: only .png, .jpg, .jpeg and .webp files may be in the archive`,
      { entry: entry.name },
    );
  }
  return { kind: 'image', declaredType };
}

/** Magic numbers of archives and compressed streams, checked on an entry's first inflated bytes. */
export function looksLikeArchive(head: Buffer): boolean {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  return (
    starts(0x50, 0x4b, 0x03, 0x04) ||
    starts(0x50, 0x4b, 0x05, 0x06) ||
    starts(0x50, 0x4b, 0x07, 0x08) ||
    starts(0x1f, 0x8b) ||
    starts(0x42, 0x5a, 0x68) ||
    starts(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00) ||
    starts(0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c) ||
    starts(0x52, 0x61, 0x72, 0x21) ||
    starts(0x28, 0xb5, 0x2f, 0xfd) ||
    head.toString('latin1', 257, 262) === 'ustar'
  );
}
