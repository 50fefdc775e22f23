import type { ExportKey, ExportRow } from '@tessera/db';
import type { ExportSink } from './export-sink';

export interface ExportProgress {
  /** Pages read from the database so far (the first one included). */
  readonly chunks: number;
  /** Lines written so far. */
  readonly rows: number;
}

export interface ExportOutcome extends ExportProgress {
  /** True when every page was read and written; false when the reader went away first. */
  readonly complete: boolean;
}

/** Watches an export: each page read, and the end (logging, metrics, tests). */
export interface ExportObserver {
  chunk?(progress: ExportProgress): void;
  end?(outcome: ExportOutcome): void;
}

export interface PumpInput {
  /** The first page, read before the response started (so its failure is still a problem response). */
  readonly first: readonly ExportRow[];
  /** Rows per page: a shorter page is the last one. */
  readonly chunkRows: number;
  readonly next: (after: ExportKey) => Promise<readonly ExportRow[]>;
  /** A page's NDJSON lines. */
  readonly render: (rows: readonly ExportRow[]) => Promise<readonly string[]>;
  readonly sink: ExportSink;
  readonly observer?: ExportObserver;
}

/**
 * Characters per write: a page's lines go out in pieces of about this size rather than as one joined string
 * (strings past V8's regular object size, ~128 KiB, are allocated straight into the large-object space).
 */
export const WRITE_CHARS = 32 * 1024;

/** The lines in writes of about WRITE_CHARS (a longer line is one write); false once the reader is gone. */
async function writeLines(sink: ExportSink, lines: readonly string[]): Promise<boolean> {
  let group: string[] = [];
  let size = 0;
  for (const line of lines) {
    group.push(line);
    size += line.length;
    if (size >= WRITE_CHARS) {
      if (!(await sink.write(group.join('')))) return false;
      group = [];
      size = 0;
    }
  }
  return group.length === 0 || sink.write(group.join(''));
}

function keyOf(row: ExportRow): ExportKey {
  return { completedAt: row.task.completed_at ?? 0, id: row.task.id };
}

/**
 * Copies pages to the sink one at a time: the next page is read only after the previous one was written
 * (waiting for 'drain' when the reader is slow), and a reader that went away stops the reads, so at most
 * the page in flight is read after a disconnect. Memory holds one page.
 */
export async function pumpExport(input: PumpInput): Promise<ExportOutcome> {
  const { chunkRows, sink, observer } = input;
  let page = input.first;
  let chunks = 1;
  let rows = 0;
  observer?.chunk?.({ chunks, rows });
  for (;;) {
    const last = page[page.length - 1];
    const after = last === undefined || page.length < chunkRows ? null : keyOf(last);
    if (page.length > 0) {
      const lines = await input.render(page);
      rows += page.length;
      page = []; // the rows can go while the writes wait for a slow reader
      if (!(await writeLines(sink, lines))) return { chunks, rows, complete: false };
    }
    if (after === null) {
      sink.end();
      return { chunks, rows, complete: true };
    }
    page = await input.next(after);
    chunks += 1;
    observer?.chunk?.({ chunks, rows });
  }
}
