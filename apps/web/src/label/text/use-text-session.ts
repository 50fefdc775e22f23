import {
  applyTextCommand,
  createTextSession,
  type TextCommand,
  type TextContext,
  type TextSession,
} from '@tessera/editor';
import type { AnnotationPayload } from '@tessera/schema';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { WorkspaceHandle } from '../workspace';

export interface TextSessionBinding {
  readonly session: TextSession;
  /** Applies a command to the latest session (safe to call several times in one event). */
  readonly dispatch: (command: TextCommand) => void;
}

/**
 * Keeps the workspace's `TextSession` (uncontrolled: it starts from `initial`), reports every new payload
 * through `onChange`, and hands the page its undo/redo/replace handle once.
 */
export function useTextSession(
  ctx: TextContext,
  initial: AnnotationPayload,
  readOnly: boolean,
  onChange: (next: AnnotationPayload) => void,
  onReady: ((handle: WorkspaceHandle) => void) | undefined,
): TextSessionBinding {
  const [session, setSession] = useState(() => createTextSession(initial));
  const live = useRef({ ctx, readOnly, onChange });
  live.current = { ctx, readOnly, onChange };
  const dispatch = useCallback((command: TextCommand) => {
    setSession((s) => applyTextCommand(live.current.ctx, s, command, live.current.readOnly));
  }, []);

  const reported = useRef(initial);
  const present = session.history.present;
  useEffect(() => {
    if (present === reported.current) return;
    reported.current = present;
    live.current.onChange(present);
  }, [present]);

  const ready = useRef(onReady);
  useEffect(() => {
    ready.current?.({
      undo: () => dispatch({ type: 'undo' }),
      redo: () => dispatch({ type: 'redo' }),
      replace: (payload) => dispatch({ type: 'replace', payload }),
    });
  }, [dispatch]);

  return { session, dispatch };
}
