import type { TesseraClient } from '@tessera/client';
import { type BodyOf, type TaskDto, taskRoutes } from '@tessera/schema';
import { type Command, Option } from 'commander';
import { CliInputError } from '../cli-error';
import { type ApiFlags, apiClient, runApiJsonCommand, runCommand, withApiFlags } from '../io/api-command';
import { streamSink } from '../io/jsonl-sink';
import { readJsonFile } from '../io/read-jsonl';
import { commandGroup } from './index';

interface CreateFlags extends ApiFlags {
  readonly project: string;
  readonly batch?: string;
  readonly type?: string;
  readonly uniqueId?: string;
  readonly data?: string;
  readonly file?: string;
}

interface ListFlags extends ApiFlags {
  readonly project?: string;
  readonly batch?: string;
  readonly status?: 'pending' | 'completed' | 'canceled' | 'error';
  readonly type?: string;
  readonly uniqueId?: string[];
  readonly max?: string;
  readonly pageSize?: string;
}

function countFlag(flag: string, text: string | undefined, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < 1 || n > max) {
    throw new CliInputError(`${flag} must be an integer from 1 to ${max}, got ${JSON.stringify(text)}`);
  }
  return n;
}

async function taskInput(flags: CreateFlags): Promise<Record<string, unknown>> {
  if (flags.data !== undefined && flags.file !== undefined)
    throw new CliInputError('pass --data or --file, not both');
  let value: unknown = {};
  if (flags.file !== undefined) value = await readJsonFile(flags.file);
  if (flags.data !== undefined) {
    try {
      value = JSON.parse(flags.data) as unknown;
    } catch {
      throw new CliInputError('--data is not valid JSON');
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CliInputError('the task must be a JSON object');
  }
  return value as Record<string, unknown>;
}

/** Creates one task from `--data`/`--file` JSON plus the flags (which win). */
export async function createTask(client: TesseraClient, flags: CreateFlags): Promise<TaskDto> {
  const input = await taskInput(flags);
  const type = flags.type ?? input.type;
  if (typeof type !== 'string') throw new CliInputError('--type is required (or "type" in the task JSON)');
  const body = {
    ...input,
    type,
    project: flags.project,
    ...(flags.batch === undefined ? {} : { batch: flags.batch }),
    ...(flags.uniqueId === undefined ? {} : { unique_id: flags.uniqueId }),
  };
  return client.call(taskRoutes.createTask, { body: body as BodyOf<typeof taskRoutes.createTask> });
}

/** Writes matching tasks as JSONL, page by page, stopping after `--max`. */
export async function listTasks(
  client: TesseraClient,
  flags: ListFlags,
  out = streamSink(),
): Promise<number> {
  const max = countFlag('--max', flags.max, Number.MAX_SAFE_INTEGER) ?? Number.POSITIVE_INFINITY;
  const limit = countFlag('--page-size', flags.pageSize, 100);
  let n = 0;
  const query = {
    project: flags.project,
    batch: flags.batch,
    status: flags.status,
    type: flags.type,
    unique_id: flags.uniqueId,
    limit,
  };
  for await (const task of client.iterateTasks(query)) {
    await out.write(task);
    if (++n >= max) break;
  }
  await out.commit();
  return n;
}

/** `tessera tasks create|list|get` over HTTP. */
export function registerTasks(program: Command): void {
  const group = commandGroup(program, 'tasks', 'Tasks on a Tessera server (over HTTP)');
  withApiFlags(
    group
      .command('create')
      .description('Create a task (prints it as JSON); a taken --unique-id is a 409')
      .requiredOption('--project <project>', 'project id or name')
      .option('--batch <batch>', 'batch id or name')
      .option('--type <type>', 'task type, e.g. imageannotation')
      .option('--unique-id <id>', 'your key for this task (unique in the organization)')
      .option('--data <json>', 'the task as JSON: item, params, metadata, ...')
      .option('--file <file>', 'the task as a JSON file'),
  ).action((flags: CreateFlags) =>
    runApiJsonCommand(async () => createTask(apiClient(flags, process.env), flags)),
  );
  withApiFlags(
    group
      .command('list')
      .description('List tasks as JSON lines, one page at a time (filters as in GET /v1/tasks)')
      .option('--project <project>', 'project id or name')
      .option('--batch <batch>', 'batch id or name')
      .addOption(new Option('--status <status>').choices(['pending', 'completed', 'canceled', 'error']))
      .option('--type <type>', 'task type')
      .option('--unique-id <id...>', 'only these unique_ids')
      .option('--max <n>', 'stop after n tasks')
      .option('--page-size <n>', 'tasks per request (1-100, default 100)'),
  ).action((flags: ListFlags) =>
    runCommand(async () => {
      await listTasks(apiClient(flags, process.env), flags);
    }),
  );
  withApiFlags(
    group.command('get').description('Get one task (JSON)').argument('<task_id>', 'the task id'),
  ).action((taskId: string, flags: ApiFlags) =>
    runApiJsonCommand(async () => apiClient(flags, process.env).getTask({ task_id: taskId })),
  );
}
