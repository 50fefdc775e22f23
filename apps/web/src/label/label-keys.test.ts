import { describe, expect, it } from 'vitest';
import { type KeyPress, labelKeyAction } from './label-keys';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  repeat: false,
  typing: false,
  ...extra,
});

describe('label page keys', () => {
  it('submits with Ctrl or Cmd + Enter, even while typing, but not on auto-repeat', () => {
    expect(labelKeyAction(press('Enter', { ctrlKey: true }))).toBe('submit');
    expect(labelKeyAction(press('Enter', { metaKey: true, typing: true }))).toBe('submit');
    expect(labelKeyAction(press('Enter', { ctrlKey: true, repeat: true }))).toBeNull();
    expect(labelKeyAction(press('Enter'))).toBeNull();
  });

  it('undoes and redoes outside text fields only', () => {
    expect(labelKeyAction(press('z', { ctrlKey: true }))).toBe('undo');
    expect(labelKeyAction(press('Z', { metaKey: true, shiftKey: true }))).toBe('redo');
    expect(labelKeyAction(press('y', { ctrlKey: true }))).toBe('redo');
    expect(labelKeyAction(press('z', { ctrlKey: true, typing: true }))).toBeNull();
  });

  it('toggles the guidelines with G or ?, never while typing or with a modifier', () => {
    expect(labelKeyAction(press('g'))).toBe('help');
    expect(labelKeyAction(press('G', { shiftKey: true }))).toBe('help');
    expect(labelKeyAction(press('?', { shiftKey: true }))).toBe('help');
    expect(labelKeyAction(press('g', { typing: true }))).toBeNull();
    expect(labelKeyAction(press('g', { ctrlKey: true }))).toBeNull();
    expect(labelKeyAction(press('g', { altKey: true }))).toBeNull();
    expect(labelKeyAction(press('b'))).toBeNull();
  });
});
