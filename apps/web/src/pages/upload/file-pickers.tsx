import type { ChangeEvent } from 'react';
import type { FileMedia } from './image-files';

/** What the person picked: one tasks file, or image files or PDFs (from a folder or a multiple selection). */
export type Picked =
  | { readonly kind: 'ndjson' | 'csv'; readonly file: File }
  | { readonly kind: 'images'; readonly files: readonly File[] };

/** A tasks file's format by name or type: CSV, otherwise NDJSON (`.ndjson`, `.jsonl`, `.json`). */
export function tasksFileKind(file: File): 'ndjson' | 'csv' {
  return /\.csv$/i.test(file.name) || file.type === 'text/csv' ? 'csv' : 'ndjson';
}

function files(event: ChangeEvent<HTMLInputElement>): File[] {
  const list = [...(event.target.files ?? [])];
  event.target.value = ''; // picking the same file again fires change again
  return list;
}

/** What the file pickers offer: a document project takes PDFs, every other project images. */
const FILES: Readonly<Record<FileMedia, { folder: string; files: string; accept: string }>> = {
  image: {
    folder: 'A folder of images',
    files: 'Image files (PNG, JPEG, WebP)',
    accept: 'image/png,image/jpeg,image/webp',
  },
  document: { folder: 'A folder of PDFs', files: 'PDF files', accept: 'application/pdf,.pdf' },
};

/** The three ways to pick what to upload: a tasks file, a folder of images (PDFs), or image (PDF) files. */
export function FilePickers(props: {
  readonly disabled: boolean;
  readonly media: FileMedia;
  readonly onPick: (picked: Picked) => void;
}) {
  const { disabled, onPick } = props;
  const offer = FILES[props.media];
  return (
    <div className="upload-pickers">
      <label>
        Tasks file (NDJSON or CSV)
        <input
          type="file"
          accept=".ndjson,.jsonl,.json,.csv,application/x-ndjson,text/csv"
          disabled={disabled}
          data-testid="upload-tasks-file"
          onChange={(e) => {
            const [file] = files(e);
            if (file) onPick({ kind: tasksFileKind(file), file });
          }}
        />
      </label>
      <label>
        {offer.folder}
        <input
          type="file"
          multiple
          disabled={disabled}
          data-testid="upload-folder"
          // `webkitdirectory` is not in React's attribute types; every current browser supports it.
          ref={(el) => el?.setAttribute('webkitdirectory', '')}
          onChange={(e) => {
            const list = files(e);
            if (list.length > 0) onPick({ kind: 'images', files: list });
          }}
        />
      </label>
      <label>
        {offer.files}
        <input
          type="file"
          multiple
          accept={offer.accept}
          disabled={disabled}
          data-testid="upload-images"
          onChange={(e) => {
            const list = files(e);
            if (list.length > 0) onPick({ kind: 'images', files: list });
          }}
        />
      </label>
    </div>
  );
}
