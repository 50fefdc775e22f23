import { type Engine, type NewEvent, NotFoundError } from '@tessera/core';
import { batchDto, iso } from '../dto/dto';
import type { TaskRenderer } from '../dto/task-renderer';

/** Task events that also go to the task's callback_url (api-conventions §6: completed, errored, review, recall). */
export const CALLBACK_EVENT_TYPES: ReadonlySet<string> = new Set([
  'task.completed',
  'task.dead_lettered',
  'task.review_accepted',
  'task.review_fixed',
  'task.review_rejected',
  'task.label_revised',
]);

/** What one outbox event turns into: the body every receiver gets, and the callback URL if there is one. */
export interface RenderedEvent {
  readonly body: string;
  readonly taskId: string | null;
  readonly batchId: string | null;
  readonly callbackUrl: string | null;
}

export interface PayloadDeps {
  readonly engine: Engine;
  readonly renderer: TaskRenderer;
}

/**
 * Task events: `{type, timestamp, task_id, task, response, data}` with the full task object as
 * `GET /v1/task/{id}` returns it (Scale's callback fields plus Standard Webhooks' `type` and `timestamp`).
 * Null when nobody hears it: no subscribed endpoint and no callback URL (the task is then not rendered).
 */
async function renderTaskEvent(
  deps: PayloadDeps,
  event: NewEvent,
  taskId: string,
  subscribers: number,
): Promise<RenderedEvent | null> {
  const callbackType = CALLBACK_EVENT_TYPES.has(event.type);
  if (subscribers === 0 && !callbackType) return null;
  const task = await deps.engine.tasks.getTask(event.org_id, taskId);
  const callbackUrl = callbackType ? task.callback_url : null;
  if (subscribers === 0 && callbackUrl === null) return null;
  const dto = await deps.renderer.renderOne(event.org_id, task);
  const body = {
    type: event.type,
    timestamp: iso(event.created_at),
    task_id: taskId,
    task: dto,
    response: dto.response,
    data: event.data,
  };
  return { body: JSON.stringify(body), taskId, batchId: task.batch_id, callbackUrl };
}

/** Batch events: `{type, timestamp, batch_id, batch, data}`; the batch's callback_url hears its completion. */
async function renderBatchEvent(
  deps: PayloadDeps,
  event: NewEvent,
  batchId: string,
  subscribers: number,
): Promise<RenderedEvent | null> {
  const callbackType = event.data.to === 'completed';
  if (subscribers === 0 && !callbackType) return null;
  const batch = await deps.engine.batches.getBatch(event.org_id, batchId);
  const callbackUrl = callbackType ? batch.callback_url : null;
  if (subscribers === 0 && callbackUrl === null) return null;
  const project = await deps.renderer.projectName(event.org_id, batch.project_id);
  const body = {
    type: event.type,
    timestamp: iso(event.created_at),
    batch_id: batchId,
    batch: batchDto(batch, project),
    data: event.data,
  };
  return { body: JSON.stringify(body), taskId: null, batchId, callbackUrl };
}

/** The event alone, for an event whose task or batch cannot be read any more. */
function renderBare(event: NewEvent): RenderedEvent {
  const body = {
    type: event.type,
    timestamp: iso(event.created_at),
    ...(event.task_id !== null ? { task_id: event.task_id } : {}),
    data: event.data,
  };
  return { body: JSON.stringify(body), taskId: event.task_id, batchId: null, callbackUrl: null };
}

/**
 * The body `subscribers` endpoints (and the task's or batch's callback URL) receive, or null when there is
 * nobody to send it to: then nothing is read or rendered (most events of most organizations).
 */
export async function renderEvent(
  deps: PayloadDeps,
  event: NewEvent,
  subscribers: number,
): Promise<RenderedEvent | null> {
  const batchId = event.data.batch_id;
  try {
    if (event.task_id !== null) return await renderTaskEvent(deps, event, event.task_id, subscribers);
    if (typeof batchId === 'string') return await renderBatchEvent(deps, event, batchId, subscribers);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
  return subscribers === 0 ? null : renderBare(event);
}
