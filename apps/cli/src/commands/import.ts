import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { BulkLineResult, BulkTotals, TesseraClient } from '@tessera/client';
import type { Command } from 'commander';
import { CliInputError } from '../cli-error';
import { type ApiFlags, apiClient, runCommand, withApiFlags } from '../io/api-command';
import { type ImportProgress, importProgress } from '../io/import-progress';
import { writeJson } from '../io/output';

interface ImportFlags extends ApiFlags {
  readonly project: string;
  readonly batch?: string;
  readonly chunk?: string;
}

export interface ImportSummary extends BulkTotals {
  readonly file: string;
  readonly project: string;
  readonly batch: string | null;
  /** The first invalid lines (at most MAX_REPORTED), with their JSON Pointer errors. */
  readonly errors: readonly BulkLineResult[];
}

const MAX_REPORTED = 100;

async function openInput(file: string): Promise<{ stream: NodeJS.ReadableStream; size: number | null }> {
  if (file === '-') return { stream: process.stdin, size: null };
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    return { stream: createReadStream(file, { encoding: 'utf8' }), size: info.size };
  } catch (error) {
    throw new CliInputError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

/**
 * The file's lines as the SDK sends them: valid JSON passes through as it is; a malformed line is reported
 * here and replaced by a blank (so line numbers stay those of the file).
 */
async function* lines(
  stream: NodeJS.ReadableStream,
  seen: { bytes: number },
  report: (r: BulkLineResult) => void,
): AsyncGenerator<string> {
  let n = 0;
  for await (const raw of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
    n += 1;
    seen.bytes += Buffer.byteLength(raw) + 1;
    const text = n === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (text.trim() !== '') {
      try {
        JSON.parse(text);
      } catch {
        report({
          line: n,
          outcome: 'invalid',
          errors: [{ pointer: '', message: 'malformed JSON', code: 'malformed_json' }],
        });
        yield '';
        continue;
      }
    }
    yield text;
  }
}

/** Streams an NDJSON file of task inputs to the bulk endpoint; per-line failures are counted, not fatal. */
export async function importFile(
  client: TesseraClient,
  file: string,
  flags: ImportFlags,
  progress: ImportProgress,
): Promise<ImportSummary> {
  const chunk = flags.chunk === undefined ? undefined : Number(flags.chunk);
  if (chunk !== undefined && (!Number.isInteger(chunk) || chunk < 1 || chunk > 10_000)) {
    throw new CliInputError(`--chunk must be an integer from 1 to 10000, got ${JSON.stringify(flags.chunk)}`);
  }
  const { stream, size } = await openInput(file);
  const errors: BulkLineResult[] = [];
  let localInvalid = 0;
  const report = (r: BulkLineResult) => {
    if (r.outcome !== 'invalid') return;
    if (errors.length < MAX_REPORTED) errors.push(r);
  };
  const seen = { bytes: 0 };
  progress.start(size);
  try {
    const totals = await client.bulkCreateTasks(
      flags.project,
      lines(stream, seen, (r) => {
        localInvalid += 1;
        report(r);
      }),
      {
        ...(flags.batch === undefined ? {} : { batch: flags.batch }),
        ...(chunk === undefined ? {} : { chunkLines: chunk }),
        keepResults: false,
        onProgress: (p) => {
          p.results.forEach(report);
          progress.update(seen.bytes, { ...p, invalid: p.invalid + localInvalid });
        },
      },
    );
    const { results: _all, ...counts } = totals;
    errors.sort((a, b) => a.line - b.line);
    return {
      file,
      project: flags.project,
      batch: flags.batch ?? null,
      ...counts,
      invalid: counts.invalid + localInvalid,
      errors,
    };
  } finally {
    progress.stop();
  }
}

/** `tessera import FILE --project P [--batch B]`: NDJSON task inputs → the server, summary JSON on stdout. */
export function registerImport(program: Command): void {
  withApiFlags(
    program
      .command('import')
      .description(
        'Create tasks from an NDJSON file (one task input per line; - reads stdin), streamed in chunks',
      )
      .argument('<file>', 'NDJSON file of task inputs')
      .requiredOption('--project <project>', 'project id or name')
      .option('--batch <batch>', 'batch id or name')
      .option('--chunk <n>', 'lines per request (default 1000)'),
  ).action((file: string, flags: ImportFlags) =>
    runCommand(async () => {
      const summary = await importFile(
        apiClient(flags, process.env),
        file,
        flags,
        importProgress(process.stderr),
      );
      await writeJson(summary);
      if (summary.invalid > 0) {
        throw new CliInputError(
          `${summary.invalid} of ${summary.lines} lines were invalid (see "errors" in the summary)`,
        );
      }
    }),
  );
}
