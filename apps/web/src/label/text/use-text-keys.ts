import { type TextCommand, type TextOntology, textCommandForKey } from '@tessera/editor';
import { type RefObject, useEffect, useRef } from 'react';
import { isTypingTarget, selectedTextRange } from './dom-selection';

const POINTING = new Set<TextCommand['type']>(['move-caret', 'cycle-span', 'escape']);

/**
 * Binds the text shortcuts (`textCommandForKey`) on the document while mounted, and follows the document's
 * selection into the session as the pointer selection. Keys typed into form fields, keys a handler closer to
 * the target already took (`defaultPrevented`) and, when read-only, editing keys are left alone; a key the
 * workspace handles is taken (`preventDefault` + `stopPropagation`), so a page-level layer never sees it twice.
 * A class key reads the selection itself first, so a selection made just before the key press is used even
 * when its `selectionchange` has not arrived yet.
 */
export function useTextKeys(
  contentRef: RefObject<HTMLDivElement | null>,
  ontology: TextOntology,
  textLength: number,
  readOnly: boolean,
  dispatch: (command: TextCommand) => void,
): void {
  const live = useRef({ ontology, textLength, readOnly });
  live.current = { ontology, textLength, readOnly };

  useEffect(() => {
    const readPointer = (): void => {
      const root = contentRef.current;
      if (root !== null)
        dispatch({ type: 'pointer-select', range: selectedTextRange(root, live.current.textLength) });
    };
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.isComposing || isTypingTarget(event.target)) return;
      const command = textCommandForKey(event, live.current.ontology);
      if (command === null || (live.current.readOnly && !POINTING.has(command.type))) return;
      if (command.type === 'label') readPointer();
      dispatch(command);
      event.preventDefault();
      event.stopPropagation();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('selectionchange', readPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('selectionchange', readPointer);
    };
  }, [contentRef, dispatch]);
}
