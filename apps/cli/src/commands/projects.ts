import type { TesseraClient } from '@tessera/client';
import { MODALITIES, type Modality, type OntologyDefinition, type ProjectDto } from '@tessera/schema';
import { type Command, Option } from 'commander';
import { CliInputError } from '../cli-error';
import { type ApiFlags, apiClient, runApiJsonCommand, withApiFlags } from '../io/api-command';
import { readJsonFile } from '../io/read-jsonl';
import { commandGroup } from './index';

interface CreateFlags extends ApiFlags {
  readonly modality: Modality;
  readonly title?: string;
  readonly ontology?: string;
  readonly annotationsPerTask?: string;
}

function positiveInt(flag: string, text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < 1)
    throw new CliInputError(`${flag} must be a positive integer, got ${JSON.stringify(text)}`);
  return n;
}

/** An ontology file: the definition itself, or `{"definition": …}` as the API takes it. */
async function readOntology(path: string): Promise<Record<string, unknown>> {
  const value = await readJsonFile(path);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CliInputError(`${path}: an ontology must be a JSON object`);
  }
  const record = value as Record<string, unknown>;
  return (record.definition ?? record) as Record<string, unknown>;
}

/** Creates a project; with `--ontology`, also creates and publishes its first ontology version. */
export async function createProject(
  client: TesseraClient,
  name: string,
  flags: CreateFlags,
): Promise<ProjectDto> {
  const definition = flags.ontology === undefined ? undefined : await readOntology(flags.ontology);
  const workflow =
    flags.annotationsPerTask === undefined
      ? undefined
      : { annotations_per_task: positiveInt('--annotations-per-task', flags.annotationsPerTask) };
  const project = await client.createProject({
    name,
    modality: flags.modality,
    ...(flags.title === undefined ? {} : { title: flags.title }),
    ...(workflow === undefined ? {} : { workflow }),
  });
  if (definition === undefined) return project;
  const draft = await client.createOntologyDraft({
    project: name,
    definition: definition as OntologyDefinition,
  });
  await client.publishOntologyVersion({ project: name, version: draft.version });
  return client.getProject({ project: name });
}

/** `tessera projects list|create` over HTTP. */
export function registerProjects(program: Command): void {
  const group = commandGroup(program, 'projects', 'Projects on a Tessera server (over HTTP)');
  withApiFlags(group.command('list').description('List projects (JSON)')).action((flags: ApiFlags) =>
    runApiJsonCommand(async () => apiClient(flags, process.env).listProjects()),
  );
  withApiFlags(
    group
      .command('create')
      .description('Create a project (JSON); --ontology also publishes its first ontology version')
      .argument('<name>', 'project name: lower-case letters, digits, _ . -')
      .addOption(
        new Option('--modality <m>', 'what is labeled').choices([...MODALITIES]).makeOptionMandatory(),
      )
      .option('--title <title>', 'display title')
      .option('--ontology <file>', 'JSON ontology definition (classes, attributes, guidelines)')
      .option('--annotations-per-task <n>', 'independent annotations per task (consensus)'),
  ).action((name: string, flags: CreateFlags) =>
    runApiJsonCommand(async () => createProject(apiClient(flags, process.env), name, flags)),
  );
}
