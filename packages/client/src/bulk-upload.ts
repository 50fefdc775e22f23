import { type ResponseOf, type TaskInput, taskRoutes } from '@tessera/schema';
import { fillPath, queryString } from './request-url';
import type { HttpRequest } from './transport';

type BulkResponse = ResponseOf<typeof taskRoutes.bulkCreateTasks>;
export type BulkLineResult = BulkResponse['results'][number];

/** One task per line: a task input object, or a raw NDJSON line passed through as it is. */
export type BulkLine = TaskInput | string;

/** An NDJSON document, or a (possibly async) sequence of lines: nothing is held in memory beyond a chunk. */
export type BulkSource = string | Iterable<BulkLine> | AsyncIterable<BulkLine>;

export interface BulkOptions {
  /** The batch (id or name) the tasks go into. */
  readonly batch?: string;
  /** Lines per request (default 1000). Each request is retried on its own with its own Idempotency-Key. */
  readonly chunkLines?: number;
  /** Characters per request (default 4 Mi). */
  readonly chunkChars?: number;
  /** Keep every line's result in the summary (default true; turn off for huge imports). */
  readonly keepResults?: boolean;
  /** Called after each chunk is stored, with totals so far and that chunk's line results. */
  readonly onProgress?: (progress: BulkProgress) => void;
  readonly signal?: AbortSignal;
}

export interface BulkTotals {
  /** Source lines consumed so far (blank lines included). */
  readonly lines: number;
  readonly created: number;
  readonly duplicates: number;
  readonly invalid: number;
}

export interface BulkProgress extends BulkTotals {
  readonly results: readonly BulkLineResult[];
}

export interface BulkSummary extends BulkTotals {
  /** Per-line outcomes; `line` is the 1-based position in the source (blank lines counted, not sent). */
  readonly results: readonly BulkLineResult[];
}

interface Chunk {
  readonly text: string;
  /** Source line number of each line of `text`. */
  readonly lines: readonly number[];
  /** Source lines consumed up to the end of this chunk. */
  readonly consumed: number;
}

function lineText(item: BulkLine, n: number): string | null {
  if (typeof item !== 'string') return JSON.stringify(item);
  const text = item.replace(/\r?\n$/, '');
  if (text.trim() === '') return null;
  if (/[\r\n]/.test(text)) throw new TypeError(`bulk line ${n} contains a line break`);
  return text;
}

function items(source: BulkSource): Iterable<BulkLine> | AsyncIterable<BulkLine> {
  return typeof source === 'string' ? source.split('\n') : source;
}

async function* chunksOf(source: BulkSource, maxLines: number, maxChars: number): AsyncGenerator<Chunk> {
  let parts: string[] = [];
  let lines: number[] = [];
  let chars = 0;
  let n = 0;
  for await (const item of items(source)) {
    n += 1;
    const text = lineText(item, n);
    if (text === null) continue;
    if (parts.length > 0 && (parts.length >= maxLines || chars + text.length + 1 > maxChars)) {
      yield { text: parts.join('\n'), lines, consumed: n - 1 };
      parts = [];
      lines = [];
      chars = 0;
    }
    parts.push(text);
    lines.push(n);
    chars += text.length + 1;
  }
  if (parts.length > 0 || n > 0) yield { text: parts.join('\n'), lines, consumed: n };
}

/**
 * Streams task inputs to `POST /v1/tasks/bulk` as NDJSON, one request per chunk, and sums the per-line
 * results (line numbers mapped back to the source).
 */
export async function bulkCreate(
  send: (req: HttpRequest) => Promise<unknown>,
  project: string,
  source: BulkSource,
  options: BulkOptions = {},
): Promise<BulkSummary> {
  const route = taskRoutes.bulkCreateTasks;
  const path = fillPath(route.path, undefined) + queryString({ project, batch: options.batch });
  const keep = options.keepResults ?? true;
  const kept: BulkLineResult[] = [];
  let totals: BulkTotals = { lines: 0, created: 0, duplicates: 0, invalid: 0 };
  for await (const chunk of chunksOf(source, options.chunkLines ?? 1000, options.chunkChars ?? 4 << 20)) {
    if (chunk.lines.length === 0) {
      totals = { ...totals, lines: chunk.consumed };
      continue;
    }
    const res = (await send({
      method: route.method,
      path,
      content: { type: 'application/x-ndjson', data: `${chunk.text}\n` },
      ...(options.signal ? { signal: options.signal } : {}),
    })) as BulkResponse;
    const results = res.results.map((r) => ({ ...r, line: chunk.lines[r.line - 1] ?? r.line }));
    totals = {
      lines: chunk.consumed,
      created: totals.created + res.created,
      duplicates: totals.duplicates + res.duplicates,
      invalid: totals.invalid + res.invalid,
    };
    if (keep) kept.push(...results);
    options.onProgress?.({ ...totals, results });
  }
  return { ...totals, results: kept };
}
