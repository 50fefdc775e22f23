import { useEffect, useRef } from 'react';
import { isTyping } from '../../label/is-typing';
import { type LabelKeyAction, labelKeyAction } from '../../label/label-keys';

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
