import type { Task, TaskInput } from '@tessera/schema';
import type { Tx } from './ports';

/**
 * How the inputs of one create request are recognised when that request is retried under the same
 * Idempotency-Key after a crash between the tasks' commit and the recording of the response. The caller
 * derives the references (the server: from organization, credential, key, request and input position);
 * each is stored with its task, in the task's own transaction, under a unique index.
 */
export interface RetryRefs {
  /**
   * `refs[i]` identifies `inputs[i]` across attempts of one request (null: none); distinct per request, and
   * neighbours in byte order (a lookup reads the range between the smallest and the largest).
   */
  readonly refs: readonly (string | null)[];
  /** A task stored with a matching reference before this time belongs to an expired key: it no longer matches. */
  readonly since: number;
}

/** What the retry references decide for a set of valid inputs (by input index). */
export interface RetryPlan {
  /** Inputs whose task an earlier attempt of the same request already stored. */
  readonly existing: ReadonlyMap<number, Task>;
  /** References to store with the tasks created now. */
  readonly refs: ReadonlyMap<number, string>;
}

const EMPTY: RetryPlan = { existing: new Map(), refs: new Map() };

/**
 * Looks the references of `checked` up. Inputs with a `unique_id` take no reference (their `unique_id`
 * already makes a retry a duplicate). A match older than `since` is stale: its reference is cleared so the
 * input is created anew, as the key's retention promises.
 */
export async function planRetry(
  tx: Tx,
  orgId: string,
  checked: readonly { index: number; input: TaskInput }[],
  retry: RetryRefs | undefined,
): Promise<RetryPlan> {
  if (retry === undefined) return EMPTY;
  const wanted = new Map<number, string>();
  for (const { index, input } of checked) {
    const ref = retry.refs[index] ?? null;
    if (ref !== null && !input.unique_id) wanted.set(index, ref);
  }
  if (wanted.size === 0) return EMPTY;
  const live = new Map<string, Task>();
  const stale: string[] = [];
  for (const found of await tx.tasks.findByRetryRefs(orgId, [...wanted.values()])) {
    if (found.task.created_at >= retry.since) live.set(found.retryRef, found.task);
    else stale.push(found.task.id);
  }
  if (stale.length > 0) await tx.tasks.clearRetryRefs(orgId, stale);
  const existing = new Map<number, Task>();
  const refs = new Map<number, string>();
  for (const [index, ref] of wanted) {
    const task = live.get(ref);
    if (task === undefined) refs.set(index, ref);
    else existing.set(index, task);
  }
  return { existing, refs };
}
