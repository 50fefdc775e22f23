import type { Position } from '../issue';

/** The position of `text[index]`, where `text` starts at `start` (line, column, offset). */
export function locateInText(text: string, index: number, start: Position): Position {
  let line = start.line ?? 1;
  let column = start.column ?? 1;
  const end = Math.max(0, Math.min(index, text.length));
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      column = 1;
    } else column++;
  }
  return { ...start, line, column, offset: (start.offset ?? 0) + end };
}
