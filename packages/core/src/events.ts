import { type EventType, OUTBOX_EVENT_TYPES } from '@tessera/schema';
import type { IdGenerator, Tx } from './ports';

export interface EventInput {
  readonly orgId: string;
  readonly projectId: string | null;
  readonly taskId: string | null;
  readonly type: EventType;
  readonly actorId: string | null;
  readonly data?: Record<string, unknown>;
}

/**
 * Appends an event in the caller's transaction; customer-visible types also get their webhook outbox row in
 * the same transaction, so a committed change always has its notification and a rolled-back one never does.
 */
export function appendEvent(tx: Tx, ids: IdGenerator, now: number, input: EventInput): Promise<void> {
  return tx.events.append(
    {
      id: ids.next('evt'),
      org_id: input.orgId,
      project_id: input.projectId,
      task_id: input.taskId,
      type: input.type,
      actor_id: input.actorId,
      data: input.data ?? {},
      created_at: now,
    },
    OUTBOX_EVENT_TYPES.has(input.type),
  );
}
