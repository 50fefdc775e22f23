/**
 * Undo/redo over immutable states. Every edit pushes the state it replaced; `undo` and `redo` move along the
 * list. Consecutive edits that share a `mergeKey` (a drag that moves a box in 60 small steps) collapse into
 * one undo step. Plain values in, plain values out: no listeners, no timers.
 */
export interface History<S> {
  readonly past: readonly S[];
  readonly present: S;
  readonly future: readonly S[];
  /** The merge key of the last edit; an edit with the same key replaces `present` without a new step. */
  readonly lastMergeKey: string | null;
}

/** How many undo steps are kept; older ones are dropped. */
export const HISTORY_LIMIT = 500;

export function createHistory<S>(initial: S): History<S> {
  return { past: [], present: initial, future: [], lastMergeKey: null };
}

/** Records `next` as the new present. An identical state is not a step. */
export function pushState<S>(history: History<S>, next: S, mergeKey: string | null = null): History<S> {
  if (Object.is(next, history.present)) return history;
  if (mergeKey !== null && mergeKey === history.lastMergeKey) {
    return { ...history, present: next, future: [] };
  }
  const past = [...history.past, history.present];
  if (past.length > HISTORY_LIMIT) past.splice(0, past.length - HISTORY_LIMIT);
  return { past, present: next, future: [], lastMergeKey: mergeKey };
}

export function undo<S>(history: History<S>): History<S> {
  const previous = history.past[history.past.length - 1];
  if (previous === undefined) return history;
  return {
    past: history.past.slice(0, -1),
    present: previous,
    future: [history.present, ...history.future],
    lastMergeKey: null,
  };
}

export function redo<S>(history: History<S>): History<S> {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future: rest, lastMergeKey: null };
}

export const canUndo = <S>(history: History<S>): boolean => history.past.length > 0;
export const canRedo = <S>(history: History<S>): boolean => history.future.length > 0;
