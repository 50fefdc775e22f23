import { createHash } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { TesseraError } from '@tessera/core';
import { readDirectory, type ZipEntry } from './archive-directory';
import { classifyEntry } from './archive-entry-rules';
import { archiveError, forEntry } from './archive-errors';
import { fileWindow } from './archive-file-window';
import { inflateEntry } from './archive-inflate';
import { type EntrySpan, entrySpans } from './archive-layout';
import type { ArchiveLimits } from './archive-limits';
import type { Staging } from './archive-staging';
import { type AssetOwner, storeAsset } from './asset-store';
import { IMAGE_EXTENSIONS, type ImageFormat, type ImageLimits, probeImage } from './image-probe';

/** One stored image of an archive, with the entry path it came from. */
export interface ArchiveAsset {
  readonly entry: string;
  readonly uri: string;
  readonly width: number;
  readonly height: number;
  readonly content_hash: string;
  readonly bytes: number;
}

export interface ArchiveImportInput {
  /** The uploaded zip, already in staging. */
  readonly archivePath: string;
  readonly staging: Staging;
  /** `<data>/assets`: written only once every image of the archive passed. */
  readonly assetsDir: string;
  readonly limits: ArchiveLimits;
  /** The single-upload image limits, applied to each image as to an upload of its own. */
  readonly imageLimits: ImageLimits;
  /** The uploading organization, charged for each stored file as for a single upload. */
  readonly owner: AssetOwner;
}

interface ImageEntry {
  readonly entry: ZipEntry;
  readonly span: EntrySpan;
  readonly declaredType: string;
}

interface CheckedImage {
  readonly entry: string;
  readonly staged: string;
  readonly sha256: string;
  readonly format: ImageFormat;
  readonly width: number;
  readonly height: number;
  readonly bytes: number;
}

/** Phase 1, before inflating a byte: the central directory, every entry's name and kind, the layout. */
async function planImages(archivePath: string, limits: ArchiveLimits): Promise<ImageEntry[]> {
  const handle = await open(archivePath, 'r');
  try {
    const window = fileWindow(handle, (await handle.stat()).size);
    const { entries, directoryStart } = await readDirectory(window, limits.maxEntries);
    const kinds = entries.map(classifyEntry);
    const seen = new Set<string>();
    for (const entry of entries) {
      if (seen.has(entry.name)) {
        throw archiveError('archive_invalid', `${entry.name}: the archive holds two entries of this name`, {
          entry: entry.name,
        });
      }
      seen.add(entry.name);
    }
    const spans = await entrySpans(window, entries, directoryStart);
    return entries.flatMap((entry, i) => {
      const kind = kinds[i];
      return kind?.kind === 'image'
        ? [{ entry, span: spans[i] as EntrySpan, declaredType: kind.declaredType }]
        : [];
    });
  } finally {
    await handle.close();
  }
}

/** Phase 3: each inflated image passes the checks of a single upload (same function, same codes). */
async function checkImage(image: ImageEntry, staged: string, limits: ImageLimits): Promise<CheckedImage> {
  const bytes = await readFile(staged);
  try {
    const probed = await probeImage(bytes, image.declaredType, limits);
    return {
      entry: image.entry.name,
      staged,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      format: probed.format,
      width: probed.width,
      height: probed.height,
      bytes: bytes.length,
    };
  } catch (error) {
    throw error instanceof TesseraError ? forEntry(image.entry.name, error) : error;
  }
}

/**
 * Imports a staged zip, all or nothing: (1) the central directory and every local header are read and
 * checked (entry count, zip slip, links, methods, nested archives, file types, duplicate names, overlapping
 * entries); (2) every image entry is inflated into staging in archive order, counting inflated bytes
 * against the caps; (3) every image passes `probeImage`; only then (4) each is stored with `storeAsset`.
 * A refusal at any phase stores nothing. Returns the stored assets in archive order.
 */
export async function importArchive(input: ArchiveImportInput): Promise<ArchiveAsset[]> {
  const { archivePath, staging, limits } = input;
  const images = await planImages(archivePath, limits);
  if (images.length === 0) throw archiveError('archive_empty', 'the archive holds no image');
  let total = 0;
  for (const image of images) {
    const target = staging.path(`entry-${image.entry.index}`);
    total += await inflateEntry(archivePath, image.entry, image.span, target, limits, total);
  }
  const checked: CheckedImage[] = [];
  for (const image of images) {
    checked.push(await checkImage(image, staging.path(`entry-${image.entry.index}`), input.imageLimits));
  }
  const assets: ArchiveAsset[] = [];
  for (const image of checked) {
    const stored = await storeAsset(
      input.assetsDir,
      await readFile(image.staged),
      image.sha256,
      IMAGE_EXTENSIONS[image.format],
      input.owner,
    );
    assets.push({
      entry: image.entry,
      uri: `/assets/${stored.file}`,
      width: image.width,
      height: image.height,
      content_hash: `sha256:${image.sha256}`,
      bytes: image.bytes,
    });
  }
  return assets;
}
