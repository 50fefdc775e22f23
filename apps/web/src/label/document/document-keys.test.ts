import { describe, expect, it } from 'vitest';
import { type DocumentKeyPress, documentKeyAction } from './document-keys';

const press = (key: string, extra: Partial<DocumentKeyPress> = {}): DocumentKeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  typing: false,
  ...extra,
});

describe('documentKeyAction', () => {
  it('pages with Page Up/Down, Home and End, zooms with + and -, fits with F', () => {
    expect(documentKeyAction(press('PageDown'))).toBe('next');
    expect(documentKeyAction(press('PageUp'))).toBe('previous');
    expect(documentKeyAction(press('Home'))).toBe('first');
    expect(documentKeyAction(press('End'))).toBe('last');
    expect(documentKeyAction(press('+'))).toBe('zoom-in');
    expect(documentKeyAction(press('='))).toBe('zoom-in');
    expect(documentKeyAction(press('-'))).toBe('zoom-out');
    expect(documentKeyAction(press('f'))).toBe('fit');
    expect(documentKeyAction(press('F'))).toBe('fit');
  });

  it("leaves text fields, modified keys (the page's Ctrl+Z, browser zoom) and other keys alone", () => {
    expect(documentKeyAction(press('PageDown', { typing: true }))).toBeNull();
    expect(documentKeyAction(press('+', { ctrlKey: true }))).toBeNull();
    expect(documentKeyAction(press('-', { metaKey: true }))).toBeNull();
    expect(documentKeyAction(press('End', { altKey: true }))).toBeNull();
    for (const key of ['g', '?', 'Enter', 'z', '1', 'ArrowDown'])
      expect(documentKeyAction(press(key))).toBeNull();
  });
});
