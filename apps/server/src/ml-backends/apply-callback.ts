import {
  type CheckCaches,
  type Clock,
  type IdGenerator,
  ValidationError,
  validateForTask,
} from '@tessera/core';
import { createTx, type SqlClient, type SqlExecutor } from '@tessera/db';
import { ANNOTATION_SCHEMA_VERSION, type FieldIssue, type MlCallbackBody, type Task } from '@tessera/schema';
import type { BackendRecord } from './backend-store';
import { backendStore } from './backend-store';
import { invalidSignature, unknownTask } from './callback-errors';
import { type PredictionRecord, predictionStore } from './prediction-store';
import { receivedCallbacks } from './received-callbacks';

/** A verified callback, its JSON already validated against the contract's body schema. */
export interface VerifiedCallback {
  readonly backend: BackendRecord;
  readonly webhookId: string;
  readonly body: MlCallbackBody;
}

export interface CallbackOutcome {
  readonly webhookId: string;
  readonly replay: boolean;
  readonly predictions: number;
}

export interface ApplyDeps {
  readonly sql: SqlClient;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly caches: CheckCaches;
}

const MAX_ISSUES = 1_000;

/** The tasks the predictions name, if every one is in the backend's project; else 422 `unknown_task`. */
async function tasksOf(
  db: SqlExecutor,
  backend: BackendRecord,
  body: MlCallbackBody,
): Promise<Map<string, Task>> {
  const tx = createTx(db);
  const found = new Map<string, Task | null>();
  const unknown: string[] = [];
  for (const [i, p] of body.predictions.entries()) {
    let task = found.get(p.task_id);
    if (task === undefined) {
      const t = await tx.tasks.get(backend.orgId, p.task_id);
      task = t !== undefined && t.project_id === backend.projectId ? t : null;
      found.set(p.task_id, task);
    }
    if (task === null) unknown.push(`/predictions/${i}/task_id`);
  }
  if (unknown.length > 0) throw unknownTask(unknown);
  return found as Map<string, Task>;
}

/** Each prediction checked against its task's ontology version like a submit (400 with pointers), as records. */
async function checkedRecords(
  db: SqlExecutor,
  deps: ApplyDeps,
  callback: VerifiedCallback,
  tasks: ReadonlyMap<string, Task>,
  now: number,
): Promise<PredictionRecord[]> {
  const tx = createTx(db);
  const issues: FieldIssue[] = [];
  const records: PredictionRecord[] = [];
  for (const [i, p] of callback.body.predictions.entries()) {
    const task = tasks.get(p.task_id) as Task;
    const checked = await validateForTask(tx, deps.caches, task, p.payload);
    if (!checked.ok) {
      const at = `/predictions/${i}/payload`;
      issues.push(...checked.issues.map((x) => ({ ...x, path: x.path === '/' ? at : `${at}${x.path}` })));
      if (issues.length >= MAX_ISSUES) break;
      continue;
    }
    records.push({
      id: deps.ids.next('prd'),
      orgId: task.org_id,
      projectId: task.project_id,
      taskId: task.id,
      backendId: callback.backend.id,
      webhookId: callback.webhookId,
      modelVersion: p.model_version,
      payload: checked.value,
      schemaVersion: ANNOTATION_SCHEMA_VERSION,
      ontologyVersion: task.ontology_version,
      score: p.score ?? null,
      createdAt: now,
    });
  }
  if (issues.length > 0) throw new ValidationError(issues.slice(0, MAX_ISSUES));
  return records;
}

/**
 * Applies a verified callback in one transaction, all or nothing. The `webhook-id` is recorded first, by an
 * insert the (backend, id) key decides: a replay, or a concurrent delivery of the same id once the first
 * committed, stores nothing and answers `replay: true`. A refused callback (unknown task, invalid payload,
 * backend deleted meanwhile) rolls back the id with everything else, so the sender may send that id again.
 */
export function createCallbackApplier(deps: ApplyDeps) {
  return (callback: VerifiedCallback): Promise<CallbackOutcome> =>
    deps.sql.transaction(async (db) => {
      const { backend, webhookId, body } = callback;
      if (!(await backendStore.lockLive(db, backend.orgId, backend.id))) throw invalidSignature();
      const now = deps.clock.now();
      const claimed = await receivedCallbacks.claim(db, {
        orgId: backend.orgId,
        backendId: backend.id,
        webhookId,
        predictions: body.predictions.length,
        receivedAt: now,
      });
      if (!claimed) {
        const stored = await receivedCallbacks.storedCount(db, backend.orgId, backend.id, webhookId);
        return { webhookId, replay: true, predictions: stored };
      }
      const tasks = await tasksOf(db, backend, body);
      const records = await checkedRecords(db, deps, callback, tasks, now);
      for (const r of records) await predictionStore.insert(db, r);
      return { webhookId, replay: false, predictions: records.length };
    });
}
export type CallbackApplier = ReturnType<typeof createCallbackApplier>;
