import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, createHistory, HISTORY_LIMIT, pushState, redo, undo } from './history';

describe('history', () => {
  it('undoes and redoes edits in order', () => {
    let h = createHistory(0);
    h = pushState(h, 1);
    h = pushState(h, 2);
    expect(undo(h).present).toBe(1);
    expect(undo(undo(h)).present).toBe(0);
    expect(redo(undo(undo(h))).present).toBe(1);
    expect(canUndo(createHistory(0))).toBe(false);
    expect(canRedo(h)).toBe(false);
  });

  it('a new edit after undo drops the redo branch', () => {
    const h = pushState(undo(pushState(pushState(createHistory('a'), 'b'), 'c')), 'd');
    expect(h.present).toBe('d');
    expect(canRedo(h)).toBe(false);
    expect(undo(h).present).toBe('b');
  });

  it('merges consecutive edits with the same key into one step', () => {
    let h = createHistory(0);
    for (let i = 1; i <= 60; i++) h = pushState(h, i, 'drag:box1');
    expect(h.present).toBe(60);
    expect(undo(h).present).toBe(0);
    const other = pushState(h, 61, 'drag:box2');
    expect(undo(other).present).toBe(60);
  });

  it('keeps at most HISTORY_LIMIT undo steps', () => {
    let h = createHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 10; i++) h = pushState(h, i);
    expect(h.past.length).toBe(HISTORY_LIMIT);
  });

  it('undo of every step returns the initial state; redo of every step returns the last (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 50 }), (values) => {
        let h = createHistory<number>(-1);
        for (const v of values) h = pushState(h, v);
        let back = h;
        while (canUndo(back)) back = undo(back);
        const distinct = values.filter((v, i) => !Object.is(v, i === 0 ? -1 : values[i - 1]));
        expect(back.present).toBe(distinct.length === 0 ? h.present : -1);
        let forward = back;
        while (canRedo(forward)) forward = redo(forward);
        expect(forward.present).toBe(h.present);
      }),
    );
  });
});
