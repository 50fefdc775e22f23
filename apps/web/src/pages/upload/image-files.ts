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
