import type { Batch, FieldIssue, Item, Project, Task, TaskInput } from '@tessera/schema';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import { appendEvent } from './events';
import type { EngineDeps, TaskQuery, Tx } from './ports';
import { requireProject } from './project-service';
import { buildTask, checkTaskInput } from './task-builder';
import { planRetry, type RetryRefs } from './task-retry';

export type { RetryRefs } from './task-retry';

/**
 * Outcome of one input of a bulk create, in input order. Failures are values: one bad input blocks nothing.
 * `created` also answers an input whose task an earlier attempt of the same request stored (`RetryRefs`):
 * the retry sees what the first attempt would have answered.
 */
export type CreateResult =
  | { readonly index: number; readonly outcome: 'created'; readonly task: Task }
  | {
      readonly index: number;
      readonly outcome: 'duplicate';
      readonly existingTaskId: string;
      readonly uniqueId: string;
    }
  | { readonly index: number; readonly outcome: 'invalid'; readonly issues: readonly FieldIssue[] };

export interface CreateOptions {
  readonly batchId?: string;
  readonly actorId?: string | null;
  /** References that make a retry of the same idempotent request find its tasks instead of adding more. */
  readonly retry?: RetryRefs;
}

const CANCELABLE = ['staging', 'paused', 'queued'] as const;

async function requireTask(tx: Tx, orgId: string, taskId: string): Promise<Task> {
  const task = await tx.tasks.get(orgId, taskId);
  if (task === undefined) throw new NotFoundError('task', taskId);
  return task;
}

async function loadTarget(tx: Tx, orgId: string, projectId: string, batchId: string | undefined) {
  const project = await requireProject(tx, orgId, projectId);
  if (project.ontology_version < 1) {
    throw new ConflictError(
      'no_published_ontology',
      `project ${project.name} has no published ontology version`,
    );
  }
  let batch: Batch | undefined;
  if (batchId !== undefined) {
    batch = await tx.batches.get(orgId, batchId);
    if (batch === undefined || batch.project_id !== projectId) throw new NotFoundError('batch', batchId);
    if (batch.status === 'completed' || batch.status === 'canceled') {
      throw new ConflictError('invalid_batch_state', `batch ${batch.name} is ${batch.status}`);
    }
  }
  const ontology = await tx.ontologies.get(projectId, project.ontology_version);
  if (ontology === undefined) throw new NotFoundError('ontology version', String(project.ontology_version));
  return { project, batch, ontology };
}

/** Tasks: create (one or in bulk, all-or-nothing per task), read, list, cancel, tags and metadata. */
export function createTaskService(deps: EngineDeps) {
  const { store, clock, ids } = deps;

  async function insertValid(
    tx: Tx,
    project: Project,
    batch: Batch | undefined,
    checked: readonly { index: number; input: TaskInput }[],
    opts: CreateOptions,
  ): Promise<CreateResult[]> {
    const uniqueIds: string[] = [];
    for (const c of checked) if (c.input.unique_id) uniqueIds.push(c.input.unique_id);
    const existing = new Map(
      (await tx.tasks.findByUniqueIds(project.org_id, uniqueIds)).map((t) => [t.unique_id, t.id]),
    );
    const retry = await planRetry(tx, project.org_id, checked, opts.retry);
    const now = clock.now();
    const results: CreateResult[] = [];
    const tasks: Task[] = [];
    const items: Item[] = [];
    const retryRefs = new Map<string, string>();
    for (const { index, input } of checked) {
      const stored = retry.existing.get(index);
      if (stored !== undefined) {
        results.push({ index, outcome: 'created', task: stored });
        continue;
      }
      const uid = input.unique_id ?? null;
      const taken = uid === null ? undefined : existing.get(uid);
      if (uid !== null && taken !== undefined) {
        results.push({ index, outcome: 'duplicate', existingTaskId: taken, uniqueId: uid });
        continue;
      }
      const built = buildTask(input, { orgId: project.org_id, project, batch, now, ids });
      if (uid !== null) existing.set(uid, built.task.id);
      const ref = retry.refs.get(index);
      if (ref !== undefined) retryRefs.set(built.task.id, ref);
      tasks.push(built.task);
      if (built.item !== undefined) items.push(built.item);
      results.push({ index, outcome: 'created', task: built.task });
    }
    await tx.items.insertMany(items);
    await tx.tasks.insertMany(tasks, retryRefs);
    for (const task of tasks) {
      await appendEvent(tx, ids, now, {
        orgId: project.org_id,
        projectId: project.id,
        taskId: task.id,
        type: 'task.created',
        actorId: opts.actorId ?? null,
        data: { stage: task.stage },
      });
    }
    return results;
  }

  /**
   * Creates many tasks in one transaction. Each input is validated on its own: invalid inputs and
   * `unique_id` duplicates (of stored tasks or earlier inputs) are reported, the rest are created. With
   * `opts.retry`, an input without `unique_id` whose reference is already stored answers that task.
   */
  async function createTasks(
    orgId: string,
    projectId: string,
    inputs: readonly unknown[],
    opts: CreateOptions = {},
  ): Promise<CreateResult[]> {
    return store.write(async (tx): Promise<CreateResult[]> => {
      const { project, batch, ontology } = await loadTarget(tx, orgId, projectId, opts.batchId);
      const invalid: CreateResult[] = [];
      const valid: { index: number; input: TaskInput }[] = [];
      inputs.forEach((value, index) => {
        const checked = checkTaskInput(value, ontology.definition);
        if (checked.ok) valid.push({ index, input: checked.input });
        else invalid.push({ index, outcome: 'invalid', issues: checked.issues });
      });
      const created = await insertValid(tx, project, batch, valid, opts);
      return [...invalid, ...created].sort((a, b) => a.index - b.index);
    });
  }

  return {
    createTasks,

    /** Creates one task; a bad input is a ValidationError, a taken `unique_id` a 409 naming the task. */
    async createTask(
      orgId: string,
      projectId: string,
      input: unknown,
      opts: CreateOptions = {},
    ): Promise<Task> {
      const [result] = await createTasks(orgId, projectId, [input], opts);
      if (result === undefined) throw new Error('createTasks returned no result');
      if (result.outcome === 'invalid') throw new ValidationError(result.issues);
      if (result.outcome === 'duplicate') {
        throw new ConflictError(
          'unique_id_conflict',
          `The unique_id ("${result.uniqueId}") is already used for a different task (${result.existingTaskId}).`,
          { existing_task_id: result.existingTaskId },
        );
      }
      return result.task;
    },

    getTask(orgId: string, taskId: string): Promise<Task> {
      return store.read((tx) => requireTask(tx, orgId, taskId));
    },

    listTasks(query: TaskQuery): Promise<Task[]> {
      return store.read((tx) => tx.tasks.list(query));
    },

    countTasks(query: TaskQuery): Promise<number> {
      return store.read((tx) => tx.tasks.count(query));
    },

    /** Every final-label revision of a task, oldest first. */
    labelRevisions(orgId: string, taskId: string) {
      return store.read(async (tx) => {
        await requireTask(tx, orgId, taskId);
        return tx.finalLabels.revisions(taskId);
      });
    },

    /** Cancels a task before any work started on it; optionally frees its `unique_id`. */
    async cancelTask(
      orgId: string,
      taskId: string,
      clearUniqueId = false,
      actorId: string | null = null,
    ): Promise<Task> {
      return store.write(async (tx) => {
        const task = await requireTask(tx, orgId, taskId);
        const started = task.annotations_done > 0 || task.leases_active > 0 || task.final_revision > 0;
        if (started || !(CANCELABLE as readonly string[]).includes(task.stage)) {
          throw new ConflictError(
            'invalid_task_state',
            `task ${taskId} cannot be canceled: work has started (${task.stage})`,
          );
        }
        const now = clock.now();
        const patch = {
          stage: 'canceled' as const,
          status: 'canceled' as const,
          updated_at: now,
          ...(clearUniqueId ? { unique_id: null } : {}),
        };
        if (!(await tx.tasks.update(taskId, CANCELABLE, patch))) {
          throw new ConflictError('invalid_task_state', `task ${taskId} changed state; retry`);
        }
        await appendEvent(tx, ids, now, {
          orgId,
          projectId: task.project_id,
          taskId,
          type: 'task.canceled',
          actorId,
          data: {},
        });
        return { ...task, ...patch };
      });
    },

    /** Replaces a task's tags and/or metadata (the platform never reads metadata). */
    async updateTaskFields(
      orgId: string,
      taskId: string,
      fields: { tags?: readonly string[]; metadata?: Record<string, unknown> },
    ): Promise<Task> {
      return store.write(async (tx) => {
        const task = await requireTask(tx, orgId, taskId);
        const patch = {
          updated_at: clock.now(),
          ...(fields.tags !== undefined ? { tags: [...fields.tags] } : {}),
          ...(fields.metadata !== undefined ? { metadata: fields.metadata } : {}),
        };
        await tx.tasks.patch(taskId, patch);
        return { ...task, ...patch };
      });
    },
  };
}
export type TaskService = ReturnType<typeof createTaskService>;
