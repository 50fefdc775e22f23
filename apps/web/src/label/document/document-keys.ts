import type { ShortcutRow } from '../label-keys';

/** The document viewer's keyboard, for the shortcuts sheet. */
export const DOCUMENT_SHORTCUTS: readonly ShortcutRow[] = [
  { keys: 'Page Down / Page Up', action: 'Next / previous page' },
  { keys: 'Home / End', action: 'First / last page' },
  { keys: '+ / -', action: 'Zoom in / out' },
  { keys: 'F', action: 'Fit the page width' },
];

export type DocumentKeyAction = 'next' | 'previous' | 'first' | 'last' | 'zoom-in' | 'zoom-out' | 'fit';

/** The parts of a `KeyboardEvent` the decision reads (tests pass plain objects). */
export interface DocumentKeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  /** The focus is in a text field, select or editable element. */
  readonly typing: boolean;
}

const ACTIONS: Readonly<Record<string, DocumentKeyAction>> = {
  PageDown: 'next',
  PageUp: 'previous',
  Home: 'first',
  End: 'last',
  '+': 'zoom-in',
  '=': 'zoom-in',
  '-': 'zoom-out',
  _: 'zoom-out',
  f: 'fit',
  F: 'fit',
};

/**
 * What a key press means to the viewer, or null. Keys with Ctrl, ⌘ or Alt belong to the page and the
 * browser (Ctrl+Z, browser zoom), and nothing is taken from a text field.
 */
export function documentKeyAction(press: DocumentKeyPress): DocumentKeyAction | null {
  if (press.typing || press.ctrlKey || press.metaKey || press.altKey) return null;
  return ACTIONS[press.key] ?? null;
}
