/** One line of a shortcuts sheet. */
export interface ShortcutRow {
  readonly keys: string;
  readonly action: string;
}

/** The label page's own shortcuts (the workspaces add their tools' keys to the sheet). */
export const LABEL_PAGE_SHORTCUTS: readonly ShortcutRow[] = [
  { keys: 'Ctrl/⌘ + Enter', action: 'Submit the task (blocked while required attributes are missing)' },
  { keys: 'Ctrl/⌘ + Z', action: 'Undo' },
  { keys: 'Ctrl/⌘ + Shift + Z  or  Ctrl + Y', action: 'Redo' },
  { keys: 'G  or  ?', action: 'Show or hide the guidelines and this sheet' },
];

export type LabelKeyAction = 'submit' | 'undo' | 'redo' | 'help';

/** The parts of a `KeyboardEvent` the decision needs (tests pass plain objects). */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
  readonly repeat: boolean;
  /** The focus is in a text field, select or editable element. */
  readonly typing: boolean;
}

/**
 * What a key press means on the label page, or null. Submit works everywhere (even while typing an
 * attribute); undo and redo leave text fields their own undo; G and ? are plain letters, so they only count
 * outside text fields and without Ctrl, ⌘ or Alt.
 */
export function labelKeyAction(press: KeyPress): LabelKeyAction | null {
  const mod = press.ctrlKey || press.metaKey;
  const key = press.key.toLowerCase();
  if (mod && !press.altKey && key === 'enter') return press.repeat ? null : 'submit';
  if (press.typing || press.altKey) return null;
  if (mod && key === 'z') return press.shiftKey ? 'redo' : 'undo';
  if (press.ctrlKey && !press.metaKey && key === 'y') return 'redo';
  if (mod || press.repeat) return null;
  return key === 'g' || press.key === '?' ? 'help' : null;
}
