import type { AssetContentType, AssetDto, TaskInput } from '@tessera/schema';

/** The part of a browser `File` this module reads (so it runs, and is tested, outside a browser). */
export interface FileLike {
  readonly name: string;
  readonly type: string;
  /** Set for files picked with a folder input: `folder/sub/name.png`. */
  readonly webkitRelativePath?: string;
}

const BY_EXTENSION: Readonly<Record<string, AssetContentType>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};
const ACCEPTED = new Set<string>(Object.values(BY_EXTENSION));

/** The media type to send a file as, or null when it is not a PNG, JPEG or WebP image. */
export function imageContentType(file: FileLike): AssetContentType | null {
  if (ACCEPTED.has(file.type)) return file.type as AssetContentType;
  const dot = file.name.lastIndexOf('.');
  const ext = dot === -1 ? '' : file.name.slice(dot + 1).toLowerCase();
  return BY_EXTENSION[ext] ?? null;
}

/** Where a file came from, as the person picked it: its path inside the folder, or its name. */
export function displayPath(file: FileLike): string {
  return file.webkitRelativePath || file.name;
}

/**
 * Splits picked files into images to upload and the rest (hidden files such as `.DS_Store`, documents,
 * other image formats), keeping the folder's order by path.
 */
export function pickImages<F extends FileLike>(files: readonly F[]): { images: F[]; skipped: F[] } {
  const images: F[] = [];
  const skipped: F[] = [];
  for (const file of files) {
    const hidden = displayPath(file)
      .split('/')
      .some((part) => part.startsWith('.'));
    (imageContentType(file) !== null && !hidden ? images : skipped).push(file);
  }
  images.sort((a, b) => displayPath(a).localeCompare(displayPath(b), undefined, { numeric: true }));
  return { images, skipped };
}

export interface ImageTaskOptions {
  readonly type: string;
  readonly projectId: string;
  /** Give the task a unique_id from the image's content hash, so the same image is never added twice. */
  readonly dedupe: boolean;
  readonly instruction?: string;
}

/** The task for one uploaded image; its file path is kept in `metadata.file_name`. */
export function imageTask(asset: AssetDto, path: string, options: ImageTaskOptions): TaskInput {
  const hash = asset.content_hash.replace(/^sha256:/, '');
  return {
    type: options.type,
    ...(options.dedupe ? { unique_id: `img:${options.projectId}:${hash}` } : {}),
    ...(options.instruction ? { instruction: options.instruction } : {}),
    metadata: { file_name: path },
    item: {
      media_type: 'image',
      uri: asset.uri,
      width: asset.width,
      height: asset.height,
      content_hash: asset.content_hash,
    },
  };
}

/**
 * The image type the bytes themselves say (PNG, JPEG or WebP magic), or null. The server refuses a declared
 * type that differs from the bytes, and a file's extension (what the browser reports) can lie.
 */
export function sniffImageType(head: Uint8Array): AssetContentType | null {
  const at = (offset: number, bytes: readonly number[]) => bytes.every((b, i) => head[offset + i] === b);
  if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (at(0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (at(0, [0x52, 0x49, 0x46, 0x46]) && at(8, [0x57, 0x45, 0x42, 0x50])) return 'image/webp';
  return null;
}
