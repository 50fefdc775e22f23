import { useEffect, useRef } from 'react';
import { type LabelKeyAction, labelKeyAction } from '../../label/label-keys';

/** Inputs where a letter key is not text (a focused checkbox must not swallow G). */
const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file']);

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(target.type);
  return target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

/**
 * The label page's keyboard layer on the window: submit, undo, redo, guidelines. Keys a workspace already
 * handled (`preventDefault`) are left alone; the newest handlers are used without re-subscribing.
 */
export function useLabelKeys(handlers: Readonly<Record<LabelKeyAction, () => void>>): void {
  const current = useRef(handlers);
  current.current = handlers;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const action = labelKeyAction({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        shiftKey: event.shiftKey,
        altKey: event.altKey,
        repeat: event.repeat,
        typing: isTyping(event.target),
      });
      if (action === null) return;
      event.preventDefault();
      current.current[action]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
