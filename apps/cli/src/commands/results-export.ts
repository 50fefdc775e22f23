import type { TesseraClient } from '@tessera/client';
import type { TaskDto } from '@tessera/schema';
import type { Command } from 'commander';
import { type ApiFlags, apiClient, runCommand, withApiFlags } from '../io/api-command';
import { fileSink, type JsonlSink, streamSink } from '../io/jsonl-sink';
import { writeJson } from '../io/output';
import { commandGroup } from './index';

interface ExportFlags extends ApiFlags {
  readonly project: string;
  readonly batch?: string;
  readonly out?: string;
}

/** One exported line: the task's identity, your metadata, and its final label (Scale's `response`). */
export function resultLine(task: TaskDto) {
  return {
    task_id: task.task_id,
    unique_id: task.unique_id,
    project: task.project,
    batch: task.batch,
    type: task.type,
    completed_at: task.completed_at,
    taxonomy_version: task.taxonomy_version,
    metadata: task.metadata,
    response: task.response,
  };
}

/** Writes the final labels of the completed tasks, fetched page by page, to `sink`; returns the count. */
export async function exportResults(
  client: TesseraClient,
  flags: ExportFlags,
  sink: JsonlSink,
): Promise<number> {
  let n = 0;
  try {
    const query = { project: flags.project, batch: flags.batch, status: 'completed' as const };
    for await (const task of client.iterateTasks(query)) {
      await sink.write(resultLine(task));
      n += 1;
    }
    await sink.commit();
  } catch (error) {
    await sink.abort();
    throw error;
  }
  return n;
}

/** `tessera results export --project P [--batch B] [--out FILE]`: JSONL of final labels. */
export function registerResultsExport(program: Command): void {
  withApiFlags(
    commandGroup(program, 'results', 'Labeling results')
      .command('export')
      .description('Export the final labels of completed tasks as JSON lines (stdout, or --out FILE)')
      .requiredOption('--project <project>', 'project id or name')
      .option('--batch <batch>', 'batch id or name')
      .option('--out <file>', 'write here (atomically: a temporary file renamed at the end)'),
  ).action((flags: ExportFlags) =>
    runCommand(async () => {
      const client = apiClient(flags, process.env);
      if (flags.out === undefined) {
        await exportResults(client, flags, streamSink());
        return;
      }
      const tasks = await exportResults(client, flags, await fileSink(flags.out));
      await writeJson({ out: flags.out, project: flags.project, batch: flags.batch ?? null, tasks });
    }),
  );
}
