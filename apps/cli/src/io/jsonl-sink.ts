import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CliInputError } from '../cli-error';

/** Where JSONL output goes: one JSON value per line, written with backpressure. */
export interface JsonlSink {
  write(value: unknown): Promise<void>;
  /** Flushes everything; for a file, moves it into place. */
  commit(): Promise<void>;
  /** Drops a half-written file (no-op for stdout). */
  abort(): Promise<void>;
}

async function writeLine(stream: NodeJS.WritableStream, value: unknown): Promise<void> {
  if (!stream.write(`${JSON.stringify(value)}\n`)) await once(stream, 'drain');
}

/** JSONL on stdout (or another stream); `commit` resolves once everything is flushed. */
export function streamSink(out: NodeJS.WritableStream = process.stdout): JsonlSink {
  return {
    write: (value) => writeLine(out, value),
    commit: () => new Promise((resolve, reject) => out.write('', (e) => (e ? reject(e) : resolve()))),
    abort: async () => undefined,
  };
}

/**
 * JSONL into `path` via a temporary file beside it, renamed over `path` on commit: readers never see a
 * half-written export, and a failed export leaves no file behind.
 */
export async function fileSink(path: string): Promise<JsonlSink> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const stream = createWriteStream(tmp, { flags: 'wx' });
  try {
    await once(stream, 'open');
  } catch (error) {
    throw new CliInputError(`cannot write ${path}: ${(error as Error).message}`);
  }
  const closed = async () => {
    if (!stream.closed) {
      stream.end();
      await once(stream, 'close');
    }
  };
  return {
    write: (value) => writeLine(stream, value),
    async commit() {
      await closed();
      await rename(tmp, path);
    },
    async abort() {
      await closed().catch(() => undefined);
      await rm(tmp, { force: true });
    },
  };
}
