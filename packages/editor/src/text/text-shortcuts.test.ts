import { describe, expect, it } from 'vitest';
import { TEXT_ONTOLOGY } from './text-fixtures';
import { digitForSpanClass, spanClassForDigit, textOntology } from './text-ontology';
import { TEXT_SHORTCUTS, textCommandForKey } from './text-shortcuts';

const ontology = textOntology(TEXT_ONTOLOGY);
const key = (k: string, mods: Partial<Record<'shiftKey' | 'altKey' | 'ctrlKey' | 'metaKey', boolean>> = {}) =>
  textCommandForKey(
    { key: k, shiftKey: false, altKey: false, ctrlKey: false, metaKey: false, ...mods },
    ontology,
  );

describe('text shortcuts', () => {
  it('digits pick span classes in ontology order; digits without a class are not shortcuts', () => {
    expect(ontology.spanClasses.map((c) => c.id)).toEqual(['person', 'org', 'topic', 'tag', 'both']);
    expect(ontology.documentClasses.map((c) => c.id)).toEqual(['positive', 'both']);
    expect(key('1')).toEqual({ type: 'label', classId: 'person' });
    expect(key('5')).toEqual({ type: 'label', classId: 'both' });
    expect(key('6')).toBeNull();
    expect(key('1', { ctrlKey: true })).toBeNull();
    expect(key('1', { altKey: true })).toBeNull();
    expect(spanClassForDigit(ontology, 0)).toBeNull();
    expect(digitForSpanClass(ontology, 'org')).toBe(2);
    expect(digitForSpanClass(ontology, 'positive')).toBeNull();
  });

  it('maps arrows to caret moves and resizes', () => {
    expect(key('ArrowLeft')).toEqual({ type: 'move-caret', direction: -1, extend: false });
    expect(key('ArrowRight', { shiftKey: true })).toEqual({ type: 'move-caret', direction: 1, extend: true });
    expect(key('ArrowRight', { altKey: true })).toEqual({
      type: 'resize',
      request: { edge: 'end', direction: 'extend', unit: 'word' },
    });
    expect(key('ArrowRight', { altKey: true, shiftKey: true, ctrlKey: true })).toEqual({
      type: 'resize',
      request: { edge: 'start', direction: 'shrink', unit: 'char' },
    });
    expect(key('ArrowLeft', { ctrlKey: true })).toBeNull();
    expect(key('ArrowLeft', { metaKey: true })).toBeNull();
  });

  it('maps undo, redo, delete, escape and span cycling; ignores other keys', () => {
    expect(key('z', { ctrlKey: true })).toEqual({ type: 'undo' });
    expect(key('z', { metaKey: true, shiftKey: true })).toEqual({ type: 'redo' });
    expect(key('y', { ctrlKey: true })).toEqual({ type: 'redo' });
    expect(key('Backspace')).toEqual({ type: 'delete' });
    expect(key('Delete')).toEqual({ type: 'delete' });
    expect(key('Escape')).toEqual({ type: 'escape' });
    expect(key(']')).toEqual({ type: 'cycle-span', direction: 1 });
    expect(key('a')).toBeNull();
    expect(key('c', { ctrlKey: true })).toBeNull();
  });

  it('documents every shortcut once', () => {
    expect(new Set(TEXT_SHORTCUTS.map((s) => s.keys)).size).toBe(TEXT_SHORTCUTS.length);
    expect(TEXT_SHORTCUTS.every((s) => s.keys.length > 0 && s.action.length > 0)).toBe(true);
  });
});
