import { describe, expect, it } from 'vitest';
import { at, contextFor, documentOf } from './test-fixtures';
import { TOOL_NAMES, toolKind } from './tool-types';
import {
  initialToolState,
  toolBusy,
  toolDraft,
  toolKey,
  toolPointerDown,
  toolPointerMove,
  toolPointerUp,
} from './tools';

describe('tool dispatch', () => {
  it('starts every tool idle', () => {
    for (const name of TOOL_NAMES) {
      const s = initialToolState(name);
      expect(s.tool).toBe(name);
      expect(toolBusy(s)).toBe(false);
      expect(toolDraft(s, 6)).toBeNull();
    }
    expect(toolKind('select')).toBeNull();
    expect(toolKind('polygon')).toBe('polygon');
  });

  it('routes a whole box gesture to the box tool', () => {
    const ctx = contextFor(documentOf([]));
    const down = toolPointerDown(initialToolState('box'), at(10, 10), ctx);
    expect(toolBusy(down.state)).toBe(true);
    const move = toolPointerMove(down.state, at(30, 30), ctx);
    expect(toolDraft(move.state, 6)).toEqual({ kind: 'box', box: { x: 10, y: 10, w: 20, h: 20 } });
    expect(toolPointerUp(move.state, at(30, 30), ctx).edit?.doc.objects).toHaveLength(1);
  });

  it('routes keys to the polygon tool while drawing, and a point click to the point tool', () => {
    const ctx = contextFor(documentOf([]), { classId: 'road' });
    const s = toolPointerDown(initialToolState('polygon'), at(10, 10), ctx).state;
    expect(toolBusy(s)).toBe(true);
    expect(toolKey(s, 'Escape', ctx).handled).toBe(true);
    expect(toolDraft(s, 6)?.kind).toBe('polygon');
    expect(toolPointerUp(s, at(1, 1), ctx).state).toBe(s);
    const point = initialToolState('point');
    const pctx = contextFor(documentOf([]), { classId: 'keypoint' });
    expect(toolPointerDown(point, at(3, 3), pctx).edit?.doc.objects).toHaveLength(1);
    expect(toolPointerMove(point, at(3, 3), pctx).state).toBe(point);
    expect(toolKey(point, 'Escape', pctx).handled).toBe(false);
  });
});
