import { type BulkSource, TesseraApiError, type TesseraClient } from '@tessera/client';
import { describeError } from '../../components/error-text';
import type { UploadAsset } from './asset-upload';
import { blobLines } from './blob-lines';
import { csvTasks } from './csv-tasks';
import { displayPath, type FileMedia, fileContentType, fileTask, pickFiles } from './image-files';
import { mapPool } from './map-pool';
import type { TaskDefaults } from './task-defaults';
import { EMPTY_PROGRESS, type UploadProgress, withBulkChunk, withErrors } from './upload-progress';

/**
 * What to upload: a tasks file (NDJSON or CSV), or files that become one task each: images, or PDFs
 * (`media: 'document'`, for a document project).
 */
export type UploadSource =
  | { readonly kind: 'ndjson'; readonly file: Blob }
  | { readonly kind: 'csv'; readonly file: Blob }
  | {
      readonly kind: 'images';
      readonly files: readonly File[];
      readonly media: FileMedia;
      readonly dedupe: boolean;
    };

export interface UploadJob {
  /** Project name or id, and its id (image unique_ids are scoped by it). */
  readonly project: string;
  readonly projectId: string;
  /** Batch name; created in the project when it does not exist yet. */
  readonly batch: string | null;
  /** Names of the project's batches the page already knows (no create call for those). */
  readonly knownBatches: readonly string[];
  readonly defaults: TaskDefaults;
  readonly source: UploadSource;
}

export interface UploadDeps {
  readonly client: Pick<TesseraClient, 'bulkCreateTasks' | 'createBatch'>;
  readonly uploadAsset: UploadAsset;
}

/** Parallel image uploads: enough to hide latency, few enough to leave the browser responsive. */
const IMAGE_CONCURRENCY = 4;
/** Image tasks are created in smaller chunks so the counts move while files are still uploading. */
const IMAGE_CHUNK = 100;

interface Run {
  readonly job: UploadJob;
  readonly deps: UploadDeps;
  readonly signal: AbortSignal;
  progress: UploadProgress;
  readonly emit: (p: UploadProgress) => void;
}

function update(run: Run, next: UploadProgress): void {
  run.progress = next;
  run.emit(next);
}

async function ensureBatch(job: UploadJob, deps: UploadDeps): Promise<void> {
  if (job.batch === null || job.knownBatches.includes(job.batch)) return;
  try {
    await deps.client.createBatch({ project: job.project, name: job.batch });
  } catch (error) {
    if (!(error instanceof TesseraApiError && error.code === 'batch_name_conflict')) throw error;
  }
}

async function bulk(
  run: Run,
  source: BulkSource,
  localInvalid: () => number,
  whereOf: (line: number) => { order: number; where: string },
  chunkLines?: number,
): Promise<void> {
  const { job, deps, signal } = run;
  await deps.client.bulkCreateTasks(job.project, source, {
    ...(job.batch === null ? {} : { batch: job.batch }),
    ...(chunkLines === undefined ? {} : { chunkLines }),
    keepResults: false,
    signal,
    onProgress: (chunk) => update(run, withBulkChunk(run.progress, chunk, localInvalid(), whereOf)),
  });
}

async function uploadNdjson(run: Run, file: Blob): Promise<void> {
  update(run, { ...run.progress, bytesTotal: file.size });
  const lines = blobLines(file, (bytesDone) => update(run, { ...run.progress, bytesDone }));
  await bulk(
    run,
    lines,
    () => 0,
    (line) => ({ order: line, where: `line ${line}` }),
  );
}

async function uploadCsv(run: Run, file: Blob): Promise<void> {
  const { headerError, entries } = csvTasks(await file.text(), run.job.defaults);
  if (headerError !== null) throw new Error(`The CSV file cannot be read: ${headerError}.`);
  const refused = entries.flatMap((e) =>
    'error' in e ? [{ order: e.line, where: `line ${e.line}`, message: e.error }] : [],
  );
  update(run, withErrors({ ...run.progress, tasksTotal: entries.length, invalid: refused.length }, refused));
  // Refused rows stay in the source as blank lines: the SDK skips them and line numbers stay aligned.
  const source = entries.map((e) => ('input' in e ? e.input : ''));
  const lineOf = (n: number) => entries[n - 1]?.line ?? n;
  await bulk(
    run,
    source,
    () => refused.length,
    (n) => ({ order: lineOf(n), where: `line ${lineOf(n)}` }),
  );
}

async function uploadImages(run: Run, source: Extract<UploadSource, { kind: 'images' }>): Promise<void> {
  const { job, deps, signal } = run;
  const { media, dedupe } = source;
  const { picked: images, skipped } = pickFiles(source.files, media);
  update(run, {
    ...run.progress,
    filesTotal: images.length,
    tasksTotal: images.length,
    filesSkipped: skipped.length,
  });
  const taskFiles: number[] = [];
  const options = { type: job.defaults.type, projectId: job.projectId, media, dedupe };
  const fallback = media === 'document' ? 'application/pdf' : 'image/png';
  async function* tasks() {
    const upload = (file: File) => deps.uploadAsset(file, fileContentType(file, media) ?? fallback, signal);
    for await (const result of mapPool(images, IMAGE_CONCURRENCY, upload, signal)) {
      const path = displayPath(images[result.index] as File);
      const done = { ...run.progress, filesDone: run.progress.filesDone + 1 };
      if (result.ok) {
        update(run, done);
        taskFiles.push(result.index);
        yield fileTask(result.value, path, options);
      } else {
        const error = { order: result.index, where: path, message: describeError(result.error) };
        // A file that never uploaded never becomes a task: it leaves the task total.
        const tasksTotal = (done.tasksTotal ?? images.length) - 1;
        update(run, withErrors({ ...done, filesFailed: done.filesFailed + 1, tasksTotal }, [error]));
      }
    }
  }
  const whereOf = (n: number) => {
    const index = taskFiles[n - 1] ?? n;
    return { order: index, where: displayPath(images[index] as File) };
  };
  await bulk(run, tasks(), () => 0, whereOf, IMAGE_CHUNK);
  signal.throwIfAborted();
}

/**
 * Runs one upload to its end, reporting progress after every file and every stored chunk. Failures of single
 * lines or files are counted and listed, never fatal; a failure of the whole request (no access, the batch
 * is completed, the network is gone) or cancelling throws, with the progress reached so far in `progress`.
 */
export async function runUpload(
  job: UploadJob,
  deps: UploadDeps,
  emit: (p: UploadProgress) => void,
  signal: AbortSignal,
): Promise<UploadProgress> {
  const run: Run = { job, deps, signal, progress: EMPTY_PROGRESS, emit };
  await ensureBatch(job, deps);
  const { source } = job;
  if (source.kind === 'ndjson') await uploadNdjson(run, source.file);
  else if (source.kind === 'csv') await uploadCsv(run, source.file);
  else await uploadImages(run, source);
  return run.progress;
}
