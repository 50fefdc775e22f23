import { useEffect, useRef } from 'react';
import { isTyping } from '../is-typing';
import { type DocumentKeyAction, documentKeyAction } from './document-keys';

/**
 * Binds the viewer's keys on the window while mounted. A key another handler already took is left alone;
 * a key the viewer acts on is taken (`preventDefault`), so Page Down moves one page, not one screen.
 */
export function useDocumentKeys(handlers: Readonly<Record<DocumentKeyAction, () => void>>): void {
  const current = useRef(handlers);
  current.current = handlers;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const action = documentKeyAction({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
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
