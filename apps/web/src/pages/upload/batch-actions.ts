import { BATCH_STATUSES, BATCH_TRANSITIONS, type BatchStatus } from '@tessera/schema';

/** The batch operations a manager can start; each is one route of the contract. */
export type BatchAction = 'finalize' | 'pause' | 'resume' | 'cancel';

const TARGET: Readonly<Record<BatchAction, { from?: BatchStatus; to: BatchStatus }>> = {
  finalize: { from: 'staging', to: 'in_progress' },
  pause: { to: 'paused' },
  resume: { from: 'paused', to: 'in_progress' },
  cancel: { to: 'canceled' },
};

export const ACTION_LABELS: Readonly<Record<BatchAction, string>> = {
  finalize: 'Finalize',
  pause: 'Pause',
  resume: 'Resume',
  cancel: 'Cancel',
};

function isBatchStatus(status: string): status is BatchStatus {
  return (BATCH_STATUSES as readonly string[]).includes(status);
}

/** The actions the batch's current status allows (from the schema's transition table). */
export function allowedActions(status: string): BatchAction[] {
  if (!isBatchStatus(status)) return [];
  const next = BATCH_TRANSITIONS[status];
  return (Object.keys(TARGET) as BatchAction[]).filter((action) => {
    const { from, to } = TARGET[action];
    return (from === undefined || from === status) && next.includes(to);
  });
}
