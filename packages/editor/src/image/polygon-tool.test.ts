import { describe, expect, it } from 'vitest';
import type { ImageDocument } from './image-document';
import {
  closesPolygon,
  POLYGON_TOOL,
  type PolygonToolState,
  polygonDraft,
  polygonKey,
  polygonPointerDown,
  polygonPointerMove,
} from './polygon-tool';
import { at, contextFor, documentOf, polygon } from './test-fixtures';
import type { ToolContext } from './tool-types';

function clicks(ctx: ToolContext, ...xy: number[]): { state: PolygonToolState; doc: ImageDocument | null } {
  let state = POLYGON_TOOL;
  let doc: ImageDocument | null = null;
  for (let i = 0; i < xy.length; i += 2) {
    const step = polygonPointerDown(state, at(xy[i]!, xy[i + 1]!), ctx);
    state = step.state;
    doc = step.edit?.doc ?? doc;
  }
  return { state, doc };
}

describe('polygon tool', () => {
  it('adds a vertex per click and closes on a click on the first vertex', () => {
    const ctx = contextFor(documentOf([]), { classId: 'road' });
    const { state, doc } = clicks(ctx, 10, 10, 50, 10, 30, 40, 11, 12);
    expect(state).toBe(POLYGON_TOOL);
    expect(doc?.objects).toEqual([
      { id: 'new-1', class_id: 'road', geometry: polygon(10, 10, 50, 10, 30, 40), attributes: {} },
    ]);
    expect(doc?.selection).toEqual(['new-1']);
  });

  it('a second click on the last vertex (double click) closes it', () => {
    const ctx = contextFor(documentOf([]), { classId: 'road' });
    expect(clicks(ctx, 10, 10, 50, 10, 30, 40, 30, 41).doc?.objects).toHaveLength(1);
  });

  it('ignores a repeated click before there are three vertices', () => {
    const ctx = contextFor(documentOf([]), { classId: 'road' });
    expect(clicks(ctx, 10, 10, 11, 10, 50, 10).state.points).toEqual([
      { x: 10, y: 10 },
      { x: 50, y: 10 },
    ]);
  });

  it('Enter closes, Escape cancels, Backspace removes the last vertex', () => {
    const ctx = contextFor(documentOf([]), { classId: 'road' });
    const { state } = clicks(ctx, 10, 10, 50, 10, 30, 40);
    const entered = polygonKey(state, 'Enter', ctx);
    expect(entered.handled).toBe(true);
    expect(entered.edit!.doc.objects[0]!.geometry).toEqual(polygon(10, 10, 50, 10, 30, 40));
    expect(polygonKey(state, 'Escape', ctx)).toEqual({ state: POLYGON_TOOL, edit: null, handled: true });
    const back = polygonKey(state, 'Backspace', ctx);
    expect(back.state.points).toHaveLength(2);
    expect(back.handled).toBe(true);
    expect(polygonKey(back.state, 'Enter', ctx).edit).toBeNull();
    expect(polygonKey(POLYGON_TOOL, 'Backspace', ctx).handled).toBe(false);
    expect(polygonKey(state, 'x', ctx).handled).toBe(false);
  });

  it('keeps a polygon without area open', () => {
    const ctx = contextFor(documentOf([]), { classId: 'road' });
    const { state } = clicks(ctx, 10, 10, 20, 20, 30, 30);
    const step = polygonKey(state, 'Enter', ctx);
    expect(step.edit).toBeNull();
    expect(step.state.points).toHaveLength(3);
  });

  it('shows the draft with the rubber band and whether a click closes', () => {
    const ctx = contextFor(documentOf([]), { classId: 'road' });
    const { state } = clicks(ctx, 10, 10, 50, 10, 30, 40);
    const near = polygonPointerMove(state, at(12, 11), ctx).state;
    expect(polygonDraft(near, 6)).toMatchObject({ kind: 'polygon', cursor: { x: 12, y: 11 }, closing: true });
    const far = polygonPointerMove(state, at(80, 70), ctx).state;
    expect(polygonDraft(far, 6)).toMatchObject({ closing: false });
    expect(polygonDraft(POLYGON_TOOL, 6)).toBeNull();
    expect(closesPolygon(POLYGON_TOOL, { x: 0, y: 0 }, 6)).toBe(false);
  });

  it('clamps vertices into the image and refuses classes without polygons', () => {
    const ctx = contextFor(documentOf([], 100, 80), { classId: 'road' });
    expect(clicks(ctx, -5, 90).state.points).toEqual([{ x: 0, y: 80 }]);
    const person = contextFor(documentOf([]), { classId: 'person' });
    expect(clicks(person, 10, 10).state).toBe(POLYGON_TOOL);
  });
});
