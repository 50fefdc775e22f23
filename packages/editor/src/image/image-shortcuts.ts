import type { ImageOntology } from './image-ontology';
import type { ToolName } from './tool-types';

/** A key press as the page reports it (`KeyboardEvent.key`, `.code` and modifiers). */
export interface ImageKeyInput {
  readonly key: string;
  readonly code: string;
  readonly ctrl: boolean;
  readonly meta: boolean;
  readonly shift: boolean;
  readonly alt: boolean;
}

/** What a shortcut (or the matching toolbar button) asks the image editor to do. */
export type ImageCommand =
  | { readonly type: 'tool'; readonly tool: ToolName }
  | { readonly type: 'class'; readonly classId: string }
  | { readonly type: 'undo' }
  | { readonly type: 'redo' }
  | { readonly type: 'delete' }
  | { readonly type: 'duplicate' }
  | { readonly type: 'nudge'; readonly dx: number; readonly dy: number }
  | { readonly type: 'cycle'; readonly direction: 1 | -1 }
  | { readonly type: 'fit' }
  | { readonly type: 'zoom'; readonly factor: number }
  | { readonly type: 'toggle-hidden' };

/** One zoom step of the +/- keys and buttons. */
export const ZOOM_STEP = 1.25;
/** Shift+arrow nudges this many pixels, a plain arrow 1. */
export const NUDGE_LARGE = 10;

/** Every image shortcut, for the page's shortcuts sheet. */
export const IMAGE_SHORTCUTS: readonly { keys: string; action: string }[] = [
  { keys: '1–9, 0', action: 'Pick the class for new objects (ontology order)' },
  { keys: 'V', action: 'Select, move and resize' },
  { keys: 'B', action: 'Box tool (drag)' },
  { keys: 'P', action: 'Polygon tool (click vertices)' },
  { keys: 'O', action: 'Point tool (click)' },
  { keys: 'Enter', action: 'Close the polygon being drawn' },
  { keys: 'Escape', action: 'Cancel the drawing, or clear the selection' },
  { keys: 'Backspace (drawing)', action: 'Remove the last polygon vertex' },
  { keys: 'Ctrl/Cmd+Z', action: 'Undo' },
  { keys: 'Ctrl/Cmd+Shift+Z, Ctrl+Y', action: 'Redo' },
  { keys: 'Delete, Backspace', action: 'Delete the selection' },
  { keys: 'Ctrl/Cmd+D', action: 'Duplicate the selection' },
  { keys: 'Arrow keys', action: 'Nudge the selection 1 px' },
  { keys: 'Shift+Arrow keys', action: 'Nudge the selection 10 px' },
  { keys: 'Tab / Shift+Tab', action: 'Select the next / previous object' },
  { keys: 'F', action: 'Fit the image to the screen' },
  { keys: '+ / -', action: 'Zoom in / out' },
  { keys: 'Mouse wheel', action: 'Zoom at the cursor' },
  { keys: 'Space+drag, middle-drag', action: 'Pan' },
  { keys: 'H', action: 'Hide / show all objects' },
  { keys: 'Shift+click', action: 'Add to or remove from the selection' },
  { keys: 'Drag an edge midpoint', action: 'Insert a polygon vertex' },
  { keys: 'Alt+click a vertex', action: 'Delete a polygon vertex' },
];

const LETTER_COMMANDS: Readonly<Record<string, ImageCommand>> = {
  v: { type: 'tool', tool: 'select' },
  b: { type: 'tool', tool: 'box' },
  p: { type: 'tool', tool: 'polygon' },
  o: { type: 'tool', tool: 'point' },
  f: { type: 'fit' },
  h: { type: 'toggle-hidden' },
};

const ARROWS: Readonly<Record<string, readonly [number, number]>> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** The letter of a key, by its character or (for non-Latin layouts) its physical position. */
function letterOf(input: ImageKeyInput): string | null {
  if (/^[a-z]$/i.test(input.key)) return input.key.toLowerCase();
  const m = /^Key([A-Z])$/.exec(input.code);
  return m === null ? null : m[1]!.toLowerCase();
}

function withModifier(letter: string | null, shift: boolean): ImageCommand | null {
  if (letter === 'z') return { type: shift ? 'redo' : 'undo' };
  if (letter === 'y') return { type: 'redo' };
  if (letter === 'd') return { type: 'duplicate' };
  return null;
}

function digitOf(input: ImageKeyInput): string | null {
  if (/^[0-9]$/.test(input.key)) return input.key;
  const m = /^(?:Digit|Numpad)([0-9])$/.exec(input.code);
  return m === null ? null : m[1]!;
}

/** The command a key press means in the image workspace, or null when it is not an image shortcut. */
export function resolveImageKey(input: ImageKeyInput, ontology: ImageOntology): ImageCommand | null {
  if (input.alt) return null;
  const letter = letterOf(input);
  if (input.ctrl || input.meta) return withModifier(letter, input.shift);
  const arrow = ARROWS[input.key];
  if (arrow !== undefined) {
    const step = input.shift ? NUDGE_LARGE : 1;
    return { type: 'nudge', dx: arrow[0] * step, dy: arrow[1] * step };
  }
  switch (input.key) {
    case 'Delete':
    case 'Backspace':
      return { type: 'delete' };
    case 'Tab':
      return { type: 'cycle', direction: input.shift ? -1 : 1 };
    case '+':
    case '=':
      return { type: 'zoom', factor: ZOOM_STEP };
    case '-':
    case '_':
      return { type: 'zoom', factor: 1 / ZOOM_STEP };
  }
  const digit = input.shift ? null : digitOf(input);
  if (digit !== null) {
    const shortcut = ontology.shortcuts.find((s) => s.key === digit);
    return shortcut === undefined ? null : { type: 'class', classId: shortcut.classId };
  }
  if (letter !== null && !input.shift) return LETTER_COMMANDS[letter] ?? null;
  return null;
}
