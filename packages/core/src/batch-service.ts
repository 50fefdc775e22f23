import { BATCH_TRANSITIONS, type Batch, type BatchStatus, type TaskStage } from '@tessera/schema';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import { appendEvent } from './events';
import type { EngineDeps, Tx } from './ports';
import { requireProject } from './project-service';

const NAME_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

/** What each batch action does to the batch and to its tasks. */
const ACTIONS = {
  finalize: {
    from: ['staging'],
    to: 'in_progress',
    tasksFrom: ['staging'],
    tasksTo: 'queued',
    unstarted: false,
  },
  pause: { from: ['in_progress'], to: 'paused', tasksFrom: ['queued'], tasksTo: 'paused', unstarted: true },
  resume: { from: ['paused'], to: 'in_progress', tasksFrom: ['paused'], tasksTo: 'queued', unstarted: false },
  cancel: {
    from: ['staging', 'in_progress', 'paused'],
    to: 'canceled',
    tasksFrom: ['staging', 'paused', 'queued', 'labeling', 'review'],
    tasksTo: 'canceled',
    unstarted: false,
  },
} as const satisfies Record<
  string,
  {
    from: readonly BatchStatus[];
    to: BatchStatus;
    tasksFrom: readonly TaskStage[];
    tasksTo: TaskStage;
    unstarted: boolean;
  }
>;
export type BatchAction = keyof typeof ACTIONS;

async function requireBatch(tx: Tx, orgId: string, batchId: string): Promise<Batch> {
  const batch = await tx.batches.get(orgId, batchId);
  if (batch === undefined) throw new NotFoundError('batch', batchId);
  return batch;
}

/**
 * Marks a batch completed once none of its tasks is pending; called after each task completion. The check is
 * one index probe (`batch_id, status`), not a count.
 */
export async function completeBatchIfDone(
  tx: Tx,
  deps: Pick<EngineDeps, 'ids'>,
  batchId: string,
  now: number,
) {
  if (await tx.batches.hasPendingTasks(batchId)) return;
  const batch = await tx.batches.getById(batchId);
  if (batch === undefined || batch.status !== 'in_progress') return;
  if (await tx.batches.setStatus(batchId, 'in_progress', 'completed', now)) {
    await appendEvent(tx, deps.ids, now, {
      orgId: batch.org_id,
      projectId: batch.project_id,
      taskId: null,
      type: 'batch.status_changed',
      actorId: null,
      data: { batch_id: batchId, name: batch.name, from: 'in_progress', to: 'completed' },
    });
  }
}

/** Batches: staging → in_progress → completed, plus paused and canceled (Scale v2 lifecycle). */
export function createBatchService(deps: EngineDeps) {
  const { store, clock, ids } = deps;
  return {
    async createBatch(
      orgId: string,
      projectId: string,
      name: string,
      callbackUrl: string | null = null,
    ): Promise<Batch> {
      if (!NAME_PATTERN.test(name)) {
        throw new ValidationError([
          { path: '/name', code: 'invalid', message: 'must match ^[a-z0-9][a-z0-9_.-]{0,63}$' },
        ]);
      }
      return store.write(async (tx) => {
        await requireProject(tx, orgId, projectId);
        if ((await tx.batches.getByName(projectId, name)) !== undefined) {
          throw new ConflictError(
            'batch_name_conflict',
            `a batch named ${name} already exists in this project`,
          );
        }
        const now = clock.now();
        const batch: Batch = {
          id: ids.next('bat'),
          org_id: orgId,
          project_id: projectId,
          name,
          status: 'staging',
          callback_url: callbackUrl,
          created_at: now,
          updated_at: now,
        };
        await tx.batches.insert(batch);
        await appendEvent(tx, ids, now, {
          orgId,
          projectId,
          taskId: null,
          type: 'batch.created',
          actorId: null,
          data: { batch_id: batch.id, name },
        });
        return batch;
      });
    },

    /** finalize (staging → in_progress), pause, resume, cancel; a wrong state is 409 invalid_batch_state. */
    async transition(orgId: string, batchId: string, action: BatchAction): Promise<Batch> {
      const rule = ACTIONS[action];
      return store.write(async (tx) => {
        const batch = await requireBatch(tx, orgId, batchId);
        const from = batch.status;
        const allowed =
          (rule.from as readonly BatchStatus[]).includes(from) && BATCH_TRANSITIONS[from].includes(rule.to);
        if (!allowed || !(await tx.batches.setStatus(batchId, from, rule.to, clock.now()))) {
          throw new ConflictError(
            'invalid_batch_state',
            `cannot ${action} batch ${batch.name}: it is ${from}`,
            {
              batch_status: from,
            },
          );
        }
        const now = clock.now();
        const moved = await tx.tasks.moveBatchStage(
          batchId,
          rule.tasksFrom,
          rule.tasksTo,
          now,
          rule.unstarted,
        );
        await appendEvent(tx, ids, now, {
          orgId,
          projectId: batch.project_id,
          taskId: null,
          type: 'batch.status_changed',
          actorId: null,
          data: { batch_id: batchId, name: batch.name, from, to: rule.to, tasks: moved.length },
        });
        if (action === 'cancel') {
          for (const taskId of moved) {
            await appendEvent(tx, ids, now, {
              orgId,
              projectId: batch.project_id,
              taskId,
              type: 'task.canceled',
              actorId: null,
              data: { batch_id: batchId },
            });
          }
        }
        if (action === 'finalize' || action === 'resume') await completeBatchIfDone(tx, deps, batchId, now);
        return { ...batch, status: rule.to, updated_at: now };
      });
    },

    /** A batch by id (`bat_…`), or by name when that name is unique in the organization (else 409). */
    resolveBatch(orgId: string, ref: string, projectId?: string): Promise<Batch> {
      return store.read(async (tx) => {
        if (ref.startsWith('bat_')) return requireBatch(tx, orgId, ref);
        const found = (await tx.batches.listByName(orgId, ref)).filter(
          (b) => projectId === undefined || b.project_id === projectId,
        );
        if (found.length === 0) throw new NotFoundError('batch', ref);
        if (found.length > 1)
          throw new ConflictError(
            'ambiguous_batch_name',
            `several projects have a batch named ${ref}: use its id`,
          );
        return found[0] as Batch;
      });
    },

    listBatches(
      orgId: string,
      projectId: string | undefined,
      after: { createdAt: number; id: string } | undefined,
      limit: number,
    ) {
      return store.read((tx) => tx.batches.list(orgId, projectId, after, limit));
    },

    getBatch(orgId: string, batchId: string): Promise<Batch> {
      return store.read((tx) => requireBatch(tx, orgId, batchId));
    },

    getBatchByName(orgId: string, projectId: string, name: string): Promise<Batch> {
      return store.read(async (tx) => {
        await requireProject(tx, orgId, projectId);
        const batch = await tx.batches.getByName(projectId, name);
        if (batch === undefined) throw new NotFoundError('batch', name);
        return batch;
      });
    },

    /** `{status, pending, completed, error, canceled}` task counts. */
    async status(orgId: string, batchId: string) {
      return store.read(async (tx) => {
        const batch = await requireBatch(tx, orgId, batchId);
        const counts = await tx.batches.statusCounts(batchId);
        return {
          status: batch.status,
          pending: counts.pending ?? 0,
          completed: counts.completed ?? 0,
          error: counts.error ?? 0,
          canceled: counts.canceled ?? 0,
        };
      });
    },
  };
}
export type BatchService = ReturnType<typeof createBatchService>;
