import { createHash } from 'node:crypto';
import { type CreateResult, type Engine, TesseraError } from '@tessera/core';
import { isUniqueViolation } from '@tessera/db';
import { exceedsJsonDepth, MAX_JSON_DEPTH } from '../http/json-depth';
import type { RetryRefMaker } from '../idempotency/task-retry-refs';
import { type BulkReport, type BulkSummary, createBulkReport, type LineError } from './bulk-report';
import { createLineSplitter, type NdjsonLine } from './ndjson-lines';

export interface BulkTarget {
  readonly orgId: string;
  readonly projectId: string;
  readonly batchId: string | undefined;
  readonly actorId: string | null;
  /**
   * Under an Idempotency-Key: each line's retry reference (its line number and text), so the same upload
   * retried with the same key answers the tasks already stored for its lines instead of adding more.
   */
  readonly retry?: RetryRefMaker | null;
}

export interface BulkLimits {
  /** Longest accepted line in bytes; longer lines are reported `line_too_long`. */
  readonly maxLineBytes: number;
  /** Longest accepted stream in bytes (413 when crossed; what was committed before stays). */
  readonly maxBodyBytes: number;
  /** Lines per `createTasks` call (one transaction), and the text budget of one chunk. */
  readonly chunkLines: number;
  readonly chunkChars: number;
  readonly maxResults: number;
  readonly includeCreated: boolean;
}

export interface BulkOutcome extends BulkSummary {
  /** SHA-256 (hex) of the raw bytes read: the body part of the Idempotency-Key fingerprint. */
  readonly bodySha256: string;
}

type TaskCreator = Pick<Engine['tasks'], 'createTasks'>;

/** A line waiting for its chunk's commit: a parsed value, or already known to be invalid. */
type Pending =
  | { readonly line: number; readonly value: unknown; readonly ref: string | null }
  | { readonly line: number; readonly errors: LineError[] };

const UNIQUE_RACE_RETRIES = 3;

function lineError(code: string, message: string): LineError[] {
  return [{ pointer: '/', message, code }];
}

/** Parses one line on its own; a bad line becomes a reported value, never an exception. */
function parseLine(l: NdjsonLine, maxLineBytes: number, retry: RetryRefMaker | null): Pending {
  if (l.kind === 'too_long') {
    return { line: l.line, errors: lineError('line_too_long', `line is longer than ${maxLineBytes} bytes`) };
  }
  if (l.kind === 'bad_utf8')
    return { line: l.line, errors: lineError('invalid_utf8', 'line is not valid UTF-8') };
  if (exceedsJsonDepth(l.text, MAX_JSON_DEPTH)) {
    return {
      line: l.line,
      errors: lineError('json_too_deep', `JSON nests deeper than ${MAX_JSON_DEPTH} levels`),
    };
  }
  try {
    const value: unknown = JSON.parse(l.text);
    return { line: l.line, value, ref: retry === null ? null : retry.ref(l.line, l.text) };
  } catch (error) {
    const message = error instanceof Error ? error.message.slice(0, 200) : 'not valid JSON';
    return { line: l.line, errors: lineError('invalid_json', message) };
  }
}

/** createTasks, retried when a concurrent upload inserted one of the same unique_ids first (now a duplicate). */
async function createChunk(
  tasks: TaskCreator,
  target: BulkTarget,
  inputs: unknown[],
  refs: (string | null)[],
): Promise<CreateResult[]> {
  const retry = target.retry ? { refs, since: target.retry.since } : undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      return await tasks.createTasks(target.orgId, target.projectId, inputs, {
        batchId: target.batchId,
        actorId: target.actorId,
        retry,
      });
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= UNIQUE_RACE_RETRIES) throw error;
    }
  }
}

/** Commits one chunk (one transaction, all-or-nothing per task) and records every line's outcome in order. */
async function commitChunk(
  tasks: TaskCreator,
  target: BulkTarget,
  pending: readonly Pending[],
  report: BulkReport,
) {
  const inputs: unknown[] = [];
  const refs: (string | null)[] = [];
  for (const p of pending) {
    if (!('value' in p)) continue;
    inputs.push(p.value);
    refs.push(p.ref);
  }
  const results = inputs.length === 0 ? [] : await createChunk(tasks, target, inputs, refs);
  const byIndex: (CreateResult | undefined)[] = [];
  for (const r of results) byIndex[r.index] = r;
  let i = 0;
  for (const p of pending) {
    if (!('value' in p)) {
      report.invalid(p.line, p.errors);
      continue;
    }
    const r = byIndex[i++];
    if (r === undefined) throw new Error(`createTasks returned no result for line ${p.line}`);
    if (r.outcome === 'created') report.created(p.line, r.task.id);
    else if (r.outcome === 'duplicate') report.duplicate(p.line, r.existingTaskId);
    else
      report.invalid(
        p.line,
        r.issues.map((x) => ({ pointer: x.path, message: x.message, code: x.code })),
      );
  }
}

/** Pulls the next chunk of the request; a dropped connection becomes a typed error. */
async function nextBytes(it: AsyncIterator<unknown>): Promise<Buffer | null> {
  let step: IteratorResult<unknown>;
  try {
    step = await it.next();
  } catch (error) {
    throw new TesseraError('request_aborted', 400, 'the upload was interrupted before its end', {}, error);
  }
  if (step.done === true) return null;
  const v = step.value;
  return Buffer.isBuffer(v) ? v : Buffer.from(String(v), 'utf8');
}

/**
 * Ingests an NDJSON stream of task inputs: lines are parsed as they arrive and committed in chunks through
 * `createTasks`, and reading pauses while a chunk commits (backpressure reaches the client through TCP).
 * Memory holds one chunk, whatever the stream's length. A bad line never blocks the others; a failure
 * mid-stream (dropped connection, closed batch, 413) leaves every committed chunk in place, so the client
 * re-sends the whole file and lines with a `unique_id` come back as duplicates (lines without one, when
 * re-sent with the same Idempotency-Key, as the tasks already created for them).
 */
export async function ingestNdjson(
  source: AsyncIterable<unknown>,
  tasks: TaskCreator,
  target: BulkTarget,
  limits: BulkLimits,
): Promise<BulkOutcome> {
  const report = createBulkReport({ includeCreated: limits.includeCreated, maxResults: limits.maxResults });
  const splitter = createLineSplitter(limits.maxLineBytes);
  const hash = createHash('sha256');
  let pending: Pending[] = [];
  let pendingChars = 0;
  let bytes = 0;
  const failWith = (error: unknown): never => {
    if (!(error instanceof TesseraError)) throw error;
    const progress = { ...report.progress(), lines_read: splitter.lineCount };
    throw new TesseraError(error.code, error.status, error.message, { ...error.details, ...progress }, error);
  };
  const flush = async () => {
    const chunk = pending;
    pending = [];
    pendingChars = 0;
    await commitChunk(tasks, target, chunk, report).catch(failWith);
  };
  const accept = async (lines: readonly NdjsonLine[]) => {
    for (const l of lines) {
      pending.push(parseLine(l, limits.maxLineBytes, target.retry ?? null));
      pendingChars += l.kind === 'text' ? l.text.length : 0;
      if (pending.length >= limits.chunkLines || pendingChars >= limits.chunkChars) await flush();
    }
  };
  const it = source[Symbol.asyncIterator]();
  for (
    let chunk = await nextBytes(it).catch(failWith);
    chunk !== null;
    chunk = await nextBytes(it).catch(failWith)
  ) {
    bytes += chunk.length;
    if (bytes > limits.maxBodyBytes) {
      failWith(
        new TesseraError('payload_too_large', 413, `the upload is larger than ${limits.maxBodyBytes} bytes`),
      );
    }
    hash.update(chunk);
    await accept(splitter.push(chunk));
  }
  await accept(splitter.end());
  await flush();
  return { ...report.summary(), bodySha256: hash.digest('hex') };
}
