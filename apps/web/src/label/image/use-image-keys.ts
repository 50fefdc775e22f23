import {
  type ImageEditorEnv,
  type ImageEditorState,
  type ImageKeyInput,
  imageKeyDown,
  imageKeyUp,
} from '@tessera/editor';
import { useEffect } from 'react';
import type { EditorStore } from './editor-store';

/** Keys that may auto-repeat while held (others act once per press, so holding H does not flicker). */
const REPEATABLE = new Set([
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  '+',
  '=',
  '-',
  '_',
  ' ',
  'z',
  'Z',
  'y',
]);

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

const keyInputOf = (e: KeyboardEvent): ImageKeyInput => ({
  key: e.key,
  code: e.code,
  ctrl: e.ctrlKey,
  meta: e.metaKey,
  shift: e.shiftKey,
  alt: e.altKey,
});

/**
 * Binds the image shortcuts on the document while mounted. Keys typed into form fields and keys a handler
 * closer to the target already took are left alone; a key the editor handles is taken (`preventDefault` +
 * `stopPropagation`), so the page's own key layer never acts on it twice (Ctrl+Z undoes once).
 */
export function useImageKeys(store: EditorStore<ImageEditorState>, env: ImageEditorEnv): void {
  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || isTypingTarget(e.target)) return;
      if (e.repeat && !REPEATABLE.has(e.key)) return;
      let handled = false;
      store.update((s) => {
        const result = imageKeyDown(s, keyInputOf(e), env);
        handled = result.handled;
        return result.state;
      });
      if (handled) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    const up = (e: KeyboardEvent) => store.update((s) => imageKeyUp(s, { key: e.key }));
    const blur = () => store.update((s) => imageKeyUp(s, { key: ' ' }));
    document.addEventListener('keydown', down);
    document.addEventListener('keyup', up);
    window.addEventListener('blur', blur);
    return () => {
      document.removeEventListener('keydown', down);
      document.removeEventListener('keyup', up);
      window.removeEventListener('blur', blur);
    };
  }, [store, env]);
}
