import type { AssetContentType, AssetDto, Modality, TaskInput } from '@tessera/schema';

/** The part of a browser `File` this module reads (so it runs, and is tested, outside a browser). */
export interface FileLike {
  readonly name: string;
  readonly type: string;
  /** Set for files picked with a folder input: `folder/sub/name.png`. */
  readonly webkitRelativePath?: string;
}

/** What picked files become: images (one image task each), or PDFs (one document task each). */
export type FileMedia = 'image' | 'document';

/** A document project takes PDFs; every other project takes images, as before. */
export function fileMediaOf(modality: Modality): FileMedia {
  return modality === 'document' ? 'document' : 'image';
}

const BY_EXTENSION: Readonly<Record<FileMedia, Readonly<Record<string, AssetContentType>>>> = {
  image: { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp' },
  document: { pdf: 'application/pdf' },
};

/** The media type to send a file as, or null when it is none of `media`'s types (PNG, JPEG, WebP; PDF). */
export function fileContentType(file: FileLike, media: FileMedia): AssetContentType | null {
  const types = BY_EXTENSION[media];
  if (Object.values(types).includes(file.type as AssetContentType)) return file.type as AssetContentType;
  const dot = file.name.lastIndexOf('.');
  const ext = dot === -1 ? '' : file.name.slice(dot + 1).toLowerCase();
  return Object.hasOwn(types, ext) ? (types[ext] ?? null) : null;
}

/** Where a file came from, as the person picked it: its path inside the folder, or its name. */
export function displayPath(file: FileLike): string {
  return file.webkitRelativePath || file.name;
}

/**
 * Splits picked files into those to upload (`media`'s types) and the rest (hidden files such as
 * `.DS_Store`, other formats), keeping the folder's order by path.
 */
export function pickFiles<F extends FileLike>(
  files: readonly F[],
  media: FileMedia,
): { picked: F[]; skipped: F[] } {
  const picked: F[] = [];
  const skipped: F[] = [];
  for (const file of files) {
    const hidden = displayPath(file)
      .split('/')
      .some((part) => part.startsWith('.'));
    (fileContentType(file, media) !== null && !hidden ? picked : skipped).push(file);
  }
  picked.sort((a, b) => displayPath(a).localeCompare(displayPath(b), undefined, { numeric: true }));
  return { picked, skipped };
}

export interface FileTaskOptions {
  readonly type: string;
  readonly projectId: string;
  readonly media: FileMedia;
  /** Give the task a unique_id from the file's content hash, so the same file is never added twice. */
  readonly dedupe: boolean;
  readonly instruction?: string;
}

/** The item of an uploaded file: an image with its size, or a document (its pages are not known). */
function itemOf(asset: AssetDto, media: FileMedia): NonNullable<TaskInput['item']> {
  const base = { uri: asset.uri, content_hash: asset.content_hash };
  if (media === 'document') return { media_type: 'document', ...base };
  return {
    media_type: 'image',
    ...base,
    ...(asset.width === null ? {} : { width: asset.width }),
    ...(asset.height === null ? {} : { height: asset.height }),
  };
}

/** The task for one uploaded file; its file path is kept in `metadata.file_name`. */
export function fileTask(asset: AssetDto, path: string, options: FileTaskOptions): TaskInput {
  const hash = asset.content_hash.replace(/^sha256:/, '');
  const prefix = options.media === 'document' ? 'pdf' : 'img';
  return {
    type: options.type,
    ...(options.dedupe ? { unique_id: `${prefix}:${options.projectId}:${hash}` } : {}),
    ...(options.instruction ? { instruction: options.instruction } : {}),
    metadata: { file_name: path },
    item: itemOf(asset, options.media),
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
