import { isTyping } from '../is-typing';
import { useWindowKeys } from '../use-window-keys';
import { type DocumentKeyAction, documentKeyAction } from './document-keys';

const actionOf = (event: KeyboardEvent): DocumentKeyAction | null =>
  event.isComposing
    ? null
    : documentKeyAction({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        typing: isTyping(event.target),
      });

/**
 * Binds the viewer's keys on the window while mounted. A key another handler already took is left alone;
 * a key the viewer acts on is taken (`preventDefault`), so Page Down moves one page, not one screen.
 */
export function useDocumentKeys(handlers: Readonly<Record<DocumentKeyAction, () => void>>): void {
  useWindowKeys(actionOf, handlers);
}
