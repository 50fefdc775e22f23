/** A message the label page shows until dismissed: expired leases, refused submits, failed releases. */
export interface Notice {
  readonly id: number;
  readonly tone: 'info' | 'warn' | 'error';
  readonly text: string;
  /** The task the notice is about, when there is one. */
  readonly task_id: string | null;
}

/** How many notices stay on screen; older ones drop off (the kept drafts list keeps the work itself). */
export const MAX_NOTICES = 5;

export interface NoticeList {
  add(tone: Notice['tone'], text: string, taskId?: string | null): readonly Notice[];
  dismiss(id: number): readonly Notice[];
  all(): readonly Notice[];
}

export function createNoticeList(limit = MAX_NOTICES): NoticeList {
  let next = 1;
  let list: readonly Notice[] = [];
  return {
    add(tone, text, taskId = null) {
      list = [...list, { id: next++, tone, text, task_id: taskId }].slice(-limit);
      return list;
    },
    dismiss(id) {
      list = list.filter((n) => n.id !== id);
      return list;
    },
    all: () => list,
  };
}

/** The texts of the session's notices: what happened to the task, and what happened to the work. */
export const MESSAGES = {
  expired: (task: string, kept: boolean): string =>
    kept
      ? `Your lease on task ${task} expired; your work is kept (see "Kept work").`
      : `Your lease on task ${task} expired; moved on to the next task.`,
  staleSubmit: (task: string): string =>
    `Your lease on task ${task} expired before your submit reached the server; your work is kept.`,
  refused: (task: string, why: string): string =>
    `The server refused task ${task}: ${why}. It is back in your queue, next, with your work.`,
  skipUnsent: (task: string, why: string): string =>
    `Task ${task} was skipped here, but the server was not told (${why}); its lease will expire by itself.`,
} as const;
