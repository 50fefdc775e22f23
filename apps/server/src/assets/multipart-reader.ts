import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Busboy, type BusboyFileStream, type BusboyInstance } from '@fastify/busboy';
import { TesseraError } from '@tessera/core';
import { ASSET_FORM_FIELD } from '@tessera/schema';
import type { Staging } from './archive-staging';
import {
  filenameTooLong,
  fileTooLarge,
  MAX_FILENAME_BYTES,
  multipartError,
  payloadTooLarge,
  tooManyFiles,
  unexpectedField,
} from './multipart-errors';
import type { UploadLimits } from './multipart-limits';

/** One file part, written whole into staging. */
export interface StagedPart {
  /** Position among the request's file parts, from 0: its place in the answer. */
  readonly part: number;
  /** The part's file name as sent, without any path ('' when it sent none). */
  readonly name: string;
  /** The part's Content-Type, lower case, without parameters (`text/plain` when it sent none). */
  readonly declaredType: string;
  /** Where its bytes are, inside the request's staging folder. */
  readonly path: string;
  readonly bytes: number;
  /** Hex SHA-256 of its bytes. */
  readonly sha256: string;
}

export interface StagedForm {
  readonly parts: readonly StagedPart[];
  /** Hex SHA-256 of the body as sent (the Idempotency-Key fingerprint of a streamed upload). */
  readonly bodySha256: string;
}

/**
 * The first failure of a request (a refusal, an abort, a write error); every later problem is a consequence
 * of it and is dropped. `settled` resolves when it is set, so no wait outlasts it.
 */
interface Failure {
  error: unknown;
  readonly settled: Promise<void>;
  fail(error: unknown): void;
}

function failureLatch(): Failure {
  let resolve: () => void = () => undefined;
  const settled = new Promise<void>((r) => {
    resolve = r;
  });
  const latch: Failure = {
    error: null,
    settled,
    fail(error) {
      if (latch.error !== null) return;
      latch.error = error;
      resolve();
    },
  };
  return latch;
}

function openParser(contentType: string, limits: UploadLimits): BusboyInstance {
  try {
    return Busboy({
      headers: { 'content-type': contentType },
      // Every form-data part is read as a file, so a text field is refused by name, never buffered.
      isPartAFile: () => true,
      limits: {
        fileSize: limits.maxFileBytes,
        files: limits.maxFiles,
        headerSize: limits.maxHeaderBytes,
        headerPairs: limits.maxHeaderPairs,
      },
    });
  } catch (error) {
    throw multipartError('multipart_invalid', 'the Content-Type names no multipart boundary', {}, error);
  }
}

/** Streams one part into `path`, hashing it on the way; 'limit' (one byte past the cap) fails the request. */
async function stagePart(
  stream: BusboyFileStream,
  path: string,
  onLimit: () => void,
): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  stream.on('limit', onLimit);
  await pipeline(
    stream,
    async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        hash.update(chunk);
        bytes += chunk.length;
        yield chunk;
      }
    },
    createWriteStream(path, { flags: 'wx', mode: 0o600 }),
  );
  return { bytes, sha256: hash.digest('hex') };
}

interface PartTracker {
  readonly staged: Promise<StagedPart | null>[];
  readonly open: Set<BusboyFileStream>;
  /** File parts seen so far, refused ones included: the next part's index. */
  seen: number;
}

interface PartContext {
  readonly staging: Staging;
  readonly limits: UploadLimits;
  readonly failure: Failure;
  readonly tracker: PartTracker;
}

/** One file part: refused by its name, or streamed into staging (a refused part is drained, not stored). */
function onPart(
  ctx: PartContext,
  field: string | undefined,
  stream: BusboyFileStream,
  filename: string | undefined,
  type: string,
) {
  const { failure, tracker } = ctx;
  const part = tracker.seen++;
  const name = filename ?? '';
  if (failure.error === null && field !== ASSET_FORM_FIELD) failure.fail(unexpectedField(field));
  if (failure.error === null && Buffer.byteLength(name) > MAX_FILENAME_BYTES)
    failure.fail(filenameTooLong(part));
  if (failure.error !== null) return void stream.resume();
  tracker.open.add(stream);
  stream.once('close', () => tracker.open.delete(stream));
  const path = ctx.staging.path(`part-${part}`);
  const onLimit = () => failure.fail(fileTooLarge(part, name, ctx.limits.maxFileBytes));
  tracker.staged.push(
    stagePart(stream, path, onLimit).then(
      ({ bytes, sha256 }) => ({ part, name, declaredType: type, path, bytes, sha256 }),
      (error: unknown) => {
        // A part cut off by a refusal or an abort fails with it; anything else (a write error) stops the
        // request itself, since the parser waits for this part's end that will not come.
        failure.fail(error);
        return null;
      },
    ),
  );
}

function trackParts(parser: BusboyInstance, staging: Staging, limits: UploadLimits, failure: Failure) {
  const tracker: PartTracker = { staged: [], open: new Set(), seen: 0 };
  const ctx: PartContext = { staging, limits, failure, tracker };
  parser.on('file', (field, stream, filename, _encoding, type) => onPart(ctx, field, stream, filename, type));
  parser.on('filesLimit', () => failure.fail(tooManyFiles(limits.maxFiles)));
  parser.on('error', (error: unknown) =>
    failure.fail(
      multipartError('multipart_invalid', 'the body is not a complete multipart/form-data body', {}, error),
    ),
  );
  return tracker;
}

function write(parser: BusboyInstance, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    parser.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}

/** Feeds the body to the parser with its backpressure, counting and hashing what was sent; stops at a refusal. */
async function pump(body: Readable, parser: BusboyInstance, limits: UploadLimits, failure: Failure) {
  const hash = createHash('sha256');
  let total = 0;
  try {
    // Not destroyed on the way out: a refusal must still be answered (the route then closes the connection).
    for await (const piece of body.iterator({ destroyOnReturn: false })) {
      const chunk = Buffer.isBuffer(piece) ? piece : Buffer.from(String(piece), 'utf8');
      total += chunk.length;
      if (total > limits.maxBodyBytes) failure.fail(payloadTooLarge(limits.maxBodyBytes));
      if (failure.error !== null) break;
      hash.update(chunk);
      await Promise.race([write(parser, chunk), failure.settled]);
      if (failure.error !== null) break;
    }
    if (failure.error === null) {
      const finished = new Promise<void>((resolve) => parser.once('finish', () => resolve()));
      parser.end();
      await Promise.race([finished, failure.settled]);
    }
  } catch (error) {
    failure.fail(
      new TesseraError('request_aborted', 400, 'the upload was interrupted before its end', {}, error),
    );
  }
  return hash.digest('hex');
}

/**
 * Reads a multipart/form-data body into `staging`, one file per part (`part-<n>`), never holding a whole
 * part in memory: each part is written as it arrives, under the caps of `limits`. The first refusal stops
 * reading at once (the rest of the body is left unread) and is thrown once every part write has stopped;
 * the caller removes the staging folder, with any partial file, whatever the outcome.
 */
export async function stageMultipart(
  body: Readable,
  contentType: string,
  staging: Staging,
  limits: UploadLimits,
): Promise<StagedForm> {
  const parser = openParser(contentType, limits);
  const failure = failureLatch();
  const tracker = trackParts(parser, staging, limits, failure);
  const bodySha256 = await pump(body, parser, limits, failure);
  if (failure.error !== null) {
    for (const stream of tracker.open) stream.destroy();
    parser.destroy();
  }
  const staged = await Promise.all(tracker.staged);
  if (failure.error !== null) throw failure.error;
  const parts = staged.filter((p): p is StagedPart => p !== null);
  if (parts.length === 0) throw multipartError('no_files', 'the form has no file part named "file"');
  return { parts, bodySha256 };
}
