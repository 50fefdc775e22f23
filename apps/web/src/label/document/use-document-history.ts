import { createHistory, type History, pushState, redo, undo } from '@tessera/editor';
import type { AnnotationPayload } from '@tessera/schema';
import { useEffect, useRef, useState } from 'react';
import type { WorkspaceHandle } from '../workspace';

/**
 * The document workspace's annotation: the page edits whole-item classes and global attributes and hands
 * each change over as `replace` (one undo step); undo and redo walk back through those payloads and report
 * each through `onChange`. The payload's other parts (pre-labelled objects, spans) are kept as they came.
 */
export function useDocumentHistory(
  initial: AnnotationPayload,
  readOnly: boolean,
  onChange: (next: AnnotationPayload) => void,
  onReady: ((handle: WorkspaceHandle) => void) | undefined,
): AnnotationPayload {
  const [history, setHistory] = useState<History<AnnotationPayload>>(() => createHistory(initial));
  const live = useRef({ readOnly, onChange });
  live.current = { readOnly, onChange };

  const reported = useRef(initial);
  const present = history.present;
  useEffect(() => {
    if (present === reported.current) return;
    reported.current = present;
    live.current.onChange(present);
  }, [present]);

  const ready = useRef(onReady);
  useEffect(() => {
    const edit = (step: (h: History<AnnotationPayload>) => History<AnnotationPayload>) => {
      if (!live.current.readOnly) setHistory(step);
    };
    ready.current?.({
      undo: () => edit(undo),
      redo: () => edit(redo),
      replace: (payload) => edit((h) => pushState(h, payload)),
    });
  }, []);
  return present;
}
