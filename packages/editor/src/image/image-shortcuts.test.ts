import { describe, expect, it } from 'vitest';
import {
  IMAGE_SHORTCUTS,
  type ImageKeyInput,
  NUDGE_LARGE,
  resolveImageKey,
  ZOOM_STEP,
} from './image-shortcuts';
import { ONTOLOGY } from './test-fixtures';

const key = (k: string, mods: Partial<ImageKeyInput> = {}): ImageKeyInput => ({
  key: k,
  code: mods.code ?? '',
  ctrl: mods.ctrl ?? false,
  meta: mods.meta ?? false,
  shift: mods.shift ?? false,
  alt: mods.alt ?? false,
});
const resolve = (k: string, mods: Partial<ImageKeyInput> = {}) => resolveImageKey(key(k, mods), ONTOLOGY);

describe('image shortcuts', () => {
  it('maps digits to object classes in ontology order', () => {
    expect(resolve('1')).toEqual({ type: 'class', classId: 'car' });
    expect(resolve('3')).toEqual({ type: 'class', classId: 'keypoint' });
    expect(resolve('5')).toBeNull();
    expect(resolve('!', { code: 'Digit2', shift: true })).toBeNull();
    expect(resolve('2', { code: 'Numpad2' })).toEqual({ type: 'class', classId: 'person' });
  });

  it('maps tool letters, case-insensitively and by position on other layouts', () => {
    expect(resolve('v')).toEqual({ type: 'tool', tool: 'select' });
    expect(resolve('B')).toEqual({ type: 'tool', tool: 'box' });
    expect(resolve('p')).toEqual({ type: 'tool', tool: 'polygon' });
    expect(resolve('o')).toEqual({ type: 'tool', tool: 'point' });
    expect(resolve('и', { code: 'KeyB' })).toEqual({ type: 'tool', tool: 'box' });
    expect(resolve('f')).toEqual({ type: 'fit' });
    expect(resolve('h')).toEqual({ type: 'toggle-hidden' });
    expect(resolve('q')).toBeNull();
  });

  it('maps undo, redo and duplicate with Ctrl or Cmd', () => {
    expect(resolve('z', { ctrl: true })).toEqual({ type: 'undo' });
    expect(resolve('z', { meta: true })).toEqual({ type: 'undo' });
    expect(resolve('Z', { ctrl: true, shift: true })).toEqual({ type: 'redo' });
    expect(resolve('z', { meta: true, shift: true })).toEqual({ type: 'redo' });
    expect(resolve('y', { ctrl: true })).toEqual({ type: 'redo' });
    expect(resolve('d', { ctrl: true })).toEqual({ type: 'duplicate' });
    expect(resolve('v', { ctrl: true })).toBeNull();
    expect(resolve('z', { alt: true })).toBeNull();
  });

  it('maps delete, nudges, cycling and zoom', () => {
    expect(resolve('Delete')).toEqual({ type: 'delete' });
    expect(resolve('Backspace')).toEqual({ type: 'delete' });
    expect(resolve('ArrowLeft')).toEqual({ type: 'nudge', dx: -1, dy: 0 });
    expect(resolve('ArrowDown', { shift: true })).toEqual({ type: 'nudge', dx: 0, dy: NUDGE_LARGE });
    expect(resolve('Tab')).toEqual({ type: 'cycle', direction: 1 });
    expect(resolve('Tab', { shift: true })).toEqual({ type: 'cycle', direction: -1 });
    expect(resolve('+', { shift: true })).toEqual({ type: 'zoom', factor: ZOOM_STEP });
    expect(resolve('=')).toEqual({ type: 'zoom', factor: ZOOM_STEP });
    expect(resolve('-')).toEqual({ type: 'zoom', factor: 1 / ZOOM_STEP });
  });

  it('publishes a shortcuts sheet covering the brief', () => {
    const keys = IMAGE_SHORTCUTS.map((s) => s.keys).join(' | ');
    for (const k of [
      '1–9, 0',
      'V',
      'B',
      'P',
      'O',
      'Ctrl/Cmd+Z',
      'Ctrl+Y',
      'Delete',
      'Ctrl/Cmd+D',
      'Tab',
      'F',
      '+ / -',
      'H',
    ]) {
      expect(keys).toContain(k);
    }
    expect(IMAGE_SHORTCUTS.every((s) => s.action.length > 0)).toBe(true);
  });
});
