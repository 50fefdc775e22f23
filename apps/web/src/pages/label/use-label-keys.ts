import { isTyping } from '../../label/is-typing';
import { type LabelKeyAction, labelKeyAction } from '../../label/label-keys';
import { useWindowKeys } from '../../label/use-window-keys';

const actionOf = (event: KeyboardEvent): LabelKeyAction | null =>
  labelKeyAction({
    key: event.key,
    ctrlKey: event.ctrlKey,
    metaKey: event.metaKey,
    shiftKey: event.shiftKey,
    altKey: event.altKey,
    repeat: event.repeat,
    typing: isTyping(event.target),
  });

/**
 * The label page's keyboard layer on the window: submit, undo, redo, guidelines. Keys a workspace already
 * handled (`preventDefault`) are left alone; the newest handlers are used without re-subscribing.
 */
export function useLabelKeys(handlers: Readonly<Record<LabelKeyAction, () => void>>): void {
  useWindowKeys(actionOf, handlers);
}
