import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { CliInputError } from '../cli-error';

export interface JsonlLine {
  readonly line: number;
  readonly value: unknown;
}

/** Reads a JSONL file line by line (streamed); blank lines are skipped; a malformed line is bad input. */
export async function* readJsonl(path: string): AsyncGenerator<JsonlLine> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (err) => reject(new CliInputError(`cannot read ${path}: ${err.message}`)));
  });
  await opened;
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const raw of lines) {
    n += 1;
    const text = n === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (text.trim() === '') continue;
    try {
      yield { line: n, value: JSON.parse(text) as unknown };
    } catch {
      throw new CliInputError(`${path}:${n}: malformed JSON`);
    }
  }
}

/** Reads a whole JSON file; malformed JSON is bad input. */
export async function readJsonFile(path: string): Promise<unknown> {
  const { readFile } = await import('node:fs/promises');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new CliInputError(`cannot read ${path}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch {
    throw new CliInputError(`${path}: malformed JSON`);
  }
}
