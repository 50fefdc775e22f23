import type { SpanResize } from './span-resize';
import { spanClassForDigit, type TextOntology } from './text-ontology';
import type { TextCommand } from './text-session';

/** The keyboard of the text workspace, for the help panel. */
export const TEXT_SHORTCUTS: readonly { readonly keys: string; readonly action: string }[] = [
  { keys: '1–9', action: 'Label the selection with that span class (or change the selected span’s class)' },
  { keys: '← / →', action: 'Move the caret by one word' },
  { keys: 'Shift+← / Shift+→', action: 'Extend the selection by one word' },
  { keys: 'Alt+← / Alt+→', action: 'Shrink / extend the selected span’s end by one word' },
  { keys: 'Alt+Shift+← / Alt+Shift+→', action: 'Extend / shrink the selected span’s start by one word' },
  { keys: 'Ctrl+Alt+(Shift+)← / →', action: 'The same, by one character' },
  { keys: '[ / ]', action: 'Select the previous / next span' },
  { keys: 'Delete / Backspace', action: 'Delete the selected span' },
  { keys: 'Ctrl/Cmd+Z', action: 'Undo' },
  { keys: 'Ctrl/Cmd+Shift+Z, Ctrl+Y', action: 'Redo' },
  { keys: 'Escape', action: 'Clear the selection' },
];

/** The parts of a keyboard event the shortcuts read (a DOM `KeyboardEvent` fits). */
export interface TextKeyInput {
  readonly key: string;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
}

function arrowCommand(input: TextKeyInput, direction: -1 | 1): TextCommand | null {
  if (input.metaKey) return null;
  if (!input.altKey) return input.ctrlKey ? null : { type: 'move-caret', direction, extend: input.shiftKey };
  const unit = input.ctrlKey ? 'char' : 'word';
  const request: SpanResize = input.shiftKey
    ? { edge: 'start', direction: direction === 1 ? 'shrink' : 'extend', unit }
    : { edge: 'end', direction: direction === 1 ? 'extend' : 'shrink', unit };
  return { type: 'resize', request };
}

function modifiedCommand(input: TextKeyInput): TextCommand | null {
  const key = input.key.toLowerCase();
  if (input.altKey) return null;
  if (key === 'z') return { type: input.shiftKey ? 'redo' : 'undo' };
  if (key === 'y' && !input.shiftKey) return { type: 'redo' };
  return null;
}

/** The command a key press means in the text workspace, or null when it is not one of its shortcuts. */
export function textCommandForKey(input: TextKeyInput, ontology: TextOntology): TextCommand | null {
  if (input.key === 'ArrowLeft') return arrowCommand(input, -1);
  if (input.key === 'ArrowRight') return arrowCommand(input, 1);
  if (input.ctrlKey || input.metaKey) return modifiedCommand(input);
  if (input.altKey) return null;
  if (/^[1-9]$/.test(input.key)) {
    const def = spanClassForDigit(ontology, Number(input.key));
    return def === null ? null : { type: 'label', classId: def.id };
  }
  switch (input.key) {
    case 'Delete':
    case 'Backspace':
      return { type: 'delete' };
    case 'Escape':
      return { type: 'escape' };
    case '[':
      return { type: 'cycle-span', direction: -1 };
    case ']':
      return { type: 'cycle-span', direction: 1 };
    default:
      return null;
  }
}
