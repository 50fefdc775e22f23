import { layoutSegments } from '@tessera/editor';
import { describe, expect, it } from 'vitest';
import { LANE_PX, type RangeLook, segmentViews, translucent } from './segment-views';

const span = (spanId: string, color: string): RangeLook => ({
  color,
  overlay: false,
  spanId,
  conflict: false,
});

describe('segmentViews', () => {
  it('stacks one underline per covering range by lane, fills with the innermost span, dashes overlays', () => {
    const layout = layoutSegments(10, [
      { start: 0, end: 6 },
      { start: 2, end: 4 },
      { start: 3, end: 8 },
    ]);
    const looks: RangeLook[] = [
      span('a', '#ff0000'),
      { ...span('b', '#00ff00'), conflict: true },
      { color: '#0000ff', overlay: true, spanId: null, conflict: false },
    ];
    const { views } = segmentViews(layout, looks);
    const at = (start: number) => views.find((v) => v.start === start)!;
    expect(at(0).spanIds).toBe('a');
    expect(at(0).style?.backgroundColor).toBe('#ff00002e');
    expect(at(3).spanIds).toBe('a b');
    expect(at(3).conflict).toBe(true);
    expect(at(3).style?.backgroundColor).toBe('#00ff002e');
    expect(String(at(3).style?.backgroundImage).split('gradient(').length - 1).toBe(3);
    expect(at(3).style?.backgroundImage).toContain('repeating-linear-gradient');
    expect(at(3).style?.paddingBottom).toBe(`${3 * LANE_PX}px`);
    expect(at(6).style?.backgroundColor).toBeUndefined();
    expect(at(8).style).toBeUndefined();
    expect(at(8).spanIds).toBe('');
  });
});

describe('segmentViews reuse', () => {
  it('keeps the view objects of segments an edit did not change', () => {
    const looks = [span('a', '#ff0000'), span('b', '#00ff00')];
    const before = segmentViews(
      layoutSegments(20, [
        { start: 0, end: 4 },
        { start: 10, end: 14 },
      ]),
      looks,
    );
    const after = segmentViews(
      layoutSegments(20, [
        { start: 0, end: 4 },
        { start: 10, end: 15 },
      ]),
      looks,
      before.cache,
    );
    expect(after.views[0]).toBe(before.views[0]);
    expect(after.views[1]).toBe(before.views[1]);
    expect(after.views[2]).not.toBe(before.views[2]);
    expect(after.views[2]!.end).toBe(15);
    const recolored = segmentViews(
      layoutSegments(20, [{ start: 0, end: 4 }]),
      [span('a', '#0000ff')],
      before.cache,
    );
    expect(recolored.views[0]).not.toBe(before.views[0]);
  });
});

describe('translucent', () => {
  it('appends an alpha byte to #rrggbb and leaves other colors alone', () => {
    expect(translucent('#336699', 1)).toBe('#336699ff');
    expect(translucent('#336699', 0)).toBe('#33669900');
    expect(translucent('red', 0.5)).toBe('red');
  });
});
