import type { BulkLineResult, BulkProgress } from '@tessera/client';

/** Errors listed on the page; the count beyond them stays exact. */
export const MAX_SHOWN_ERRORS = 50;

/** One line or file that did not become a task. `order` sorts the list (line number or file position). */
export interface UploadError {
  readonly order: number;
  /** `line 12`, or the file's path for images. */
  readonly where: string;
  readonly message: string;
}

export interface UploadProgress {
  /** Image files uploaded (failed ones included) of those picked; 0/0 for a tasks file. */
  readonly filesDone: number;
  readonly filesTotal: number;
  readonly filesFailed: number;
  /** Picked files that were not PNG, JPEG or WebP images (never uploaded). */
  readonly filesSkipped: number;
  /** Task lines handled (created, duplicate or invalid) of those known; null while unknown (NDJSON). */
  readonly tasksDone: number;
  readonly tasksTotal: number | null;
  /** Bytes of a tasks file read so far. */
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly created: number;
  readonly duplicates: number;
  readonly invalid: number;
  /** The first MAX_SHOWN_ERRORS errors by order, and how many there are in all. */
  readonly errors: readonly UploadError[];
  readonly errorCount: number;
}

export const EMPTY_PROGRESS: UploadProgress = {
  filesDone: 0,
  filesTotal: 0,
  filesFailed: 0,
  filesSkipped: 0,
  tasksDone: 0,
  tasksTotal: null,
  bytesDone: 0,
  bytesTotal: 0,
  created: 0,
  duplicates: 0,
  invalid: 0,
  errors: [],
  errorCount: 0,
};

/** Adds errors, keeping the list sorted by order and at most MAX_SHOWN_ERRORS long. */
export function withErrors(progress: UploadProgress, errors: readonly UploadError[]): UploadProgress {
  if (errors.length === 0) return progress;
  const merged = [...progress.errors, ...errors].sort((a, b) => a.order - b.order);
  return {
    ...progress,
    errors: merged.slice(0, MAX_SHOWN_ERRORS),
    errorCount: progress.errorCount + errors.length,
  };
}

/** `/priority: must be integer; /item/uri: …` — every field error of an invalid line. */
export function lineMessage(result: BulkLineResult): string {
  const errors = result.errors ?? [];
  if (errors.length === 0) return 'invalid';
  return errors.map((e) => `${e.pointer || '/'}: ${e.message}`).join('; ');
}

/**
 * Applies one stored chunk of a bulk upload: the running totals (plus rows refused before sending, which
 * the server never saw) and the chunk's invalid lines, placed by `whereOf(line)`.
 */
export function withBulkChunk(
  progress: UploadProgress,
  chunk: BulkProgress,
  localInvalid: number,
  whereOf: (line: number) => { order: number; where: string },
): UploadProgress {
  const errors = chunk.results
    .filter((r) => r.outcome === 'invalid')
    .map((r) => ({ ...whereOf(r.line), message: lineMessage(r) }));
  return withErrors(
    {
      ...progress,
      tasksDone: chunk.lines,
      created: chunk.created,
      duplicates: chunk.duplicates,
      invalid: chunk.invalid + localInvalid,
    },
    errors,
  );
}

/** How far along the upload is, 0 to 1: files and tasks for images, rows or bytes for a tasks file. */
export function progressFraction(p: UploadProgress): number {
  if (p.filesTotal > 0) {
    const tasks = p.tasksTotal ?? p.filesTotal;
    return Math.min(1, (p.filesDone + p.tasksDone) / (p.filesTotal + tasks));
  }
  if (p.tasksTotal !== null && p.tasksTotal > 0) return Math.min(1, p.tasksDone / p.tasksTotal);
  return p.bytesTotal > 0 ? Math.min(1, p.bytesDone / p.bytesTotal) : 0;
}
