import type { TesseraClient } from '@tessera/client';
import type { Command } from 'commander';
import { CliInputError } from '../cli-error';
import { type ApiFlags, apiClient, runCommand, withApiFlags } from '../io/api-command';
import { type ExportProgress, exportProgress } from '../io/export-progress';
import { fileSink, type JsonlSink, streamSink } from '../io/jsonl-sink';
import { writeJson } from '../io/output';

export interface ExportFlags extends ApiFlags {
  readonly project: string;
  readonly batch?: string;
  readonly completedAfter?: string;
  readonly completedBefore?: string;
  readonly includeAnnotations?: boolean;
  readonly out?: string;
}

/** An RFC 3339 time for the server, or bad input naming the flag. */
function timeFlag(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(ms)) {
    throw new CliInputError(
      `${flag} must be an RFC 3339 time (e.g. 2026-11-26T10:00:00Z), got ${JSON.stringify(value)}`,
    );
  }
  return new Date(ms).toISOString();
}

/** Streams the project's export (`tessera.label/1` records) into `sink`; returns how many were written. */
export async function exportProject(
  client: TesseraClient,
  flags: ExportFlags,
  sink: JsonlSink,
  progress: ExportProgress,
): Promise<number> {
  const input = {
    project: flags.project,
    batch: flags.batch,
    completed_after: timeFlag('--completed-after', flags.completedAfter),
    completed_before: timeFlag('--completed-before', flags.completedBefore),
    include_annotations: flags.includeAnnotations === true ? true : undefined,
  };
  let n = 0;
  try {
    for await (const record of client.exportProject(input)) {
      await sink.write(record);
      n += 1;
      progress.update(n);
    }
    await sink.commit();
  } catch (error) {
    await sink.abort();
    throw error;
  } finally {
    progress.stop();
  }
  return n;
}

/**
 * `tessera export --project P [--out FILE]`: every completed task with its final label as JSON lines, streamed
 * (stdout, or FILE written atomically); a record counter on stderr when it is a terminal.
 */
export function registerExport(program: Command): void {
  withApiFlags(
    program
      .command('export')
      .description(
        'Stream the final labels of completed tasks (tessera.label/1 JSON lines, by completion time) to stdout or --out FILE',
      )
      .requiredOption('--project <project>', 'project id or name')
      .option('--batch <batch>', 'batch id or name')
      .option('--completed-after <time>', 'only tasks completed at or after this RFC 3339 time')
      .option('--completed-before <time>', 'only tasks completed before this RFC 3339 time')
      .option('--include-annotations', "add each annotator's annotation")
      .option('--out <file>', 'write here (atomically: a temporary file renamed at the end)'),
  ).action((flags: ExportFlags) =>
    runCommand(async () => {
      const client = apiClient(flags, process.env);
      const progress = exportProgress(process.stderr);
      if (flags.out === undefined) {
        await exportProject(client, flags, streamSink(), progress);
        return;
      }
      const records = await exportProject(client, flags, await fileSink(flags.out), progress);
      await writeJson({ out: flags.out, project: flags.project, records });
    }),
  );
}
