import { objectHandles } from '@tessera/editor';
import type { LabeledObject } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { drawSelection, type SelectionScene } from './draw-selection';
import { recordingPaint } from './test-paint';

const box: LabeledObject = {
  id: 'a',
  class_id: 'car',
  geometry: { type: 'box', x: 0, y: 0, w: 10, h: 10 },
  attributes: {},
};
const base: SelectionScene = {
  selected: [],
  hover: null,
  handles: [],
  label: null,
  draft: null,
  draftColor: '#00ff00',
  colorOf: () => '#ff0000',
  viewport: { scale: 1, offsetX: 0, offsetY: 0 },
};

describe('drawSelection', () => {
  it('draws nothing for an empty scene', () => {
    const paint = recordingPaint();
    drawSelection(paint, base);
    expect(paint.calls.map((c) => c.op)).toEqual(['save', 'restore']);
  });

  it('outlines the selected box with its eight handles and its class label', () => {
    const paint = recordingPaint();
    drawSelection(paint, { ...base, selected: [box], handles: objectHandles(box.geometry), label: 'Car' });
    expect(paint.count('strokeRect')).toBe(8);
    expect(paint.calls.find((c) => c.op === 'fillText')?.args[0]).toBe('Car');
    expect(paint.calls.find((c) => c.op === 'stroke')?.style?.width).toBe(2);
  });

  it('draws the hovered object and a polygon draft with its rubber band and closing ring', () => {
    const paint = recordingPaint();
    drawSelection(paint, {
      ...base,
      hover: box,
      draft: {
        kind: 'polygon',
        points: [
          { x: 0, y: 0 },
          { x: 10, y: 0 },
          { x: 10, y: 10 },
        ],
        cursor: { x: 1, y: 1 },
        closing: true,
      },
    });
    expect(paint.count('lineTo')).toBe(3);
    expect(paint.calls.filter((c) => c.op === 'arc')).toHaveLength(4);
    expect(paint.calls.some((c) => c.op === 'stroke' && c.style?.stroke === '#00ff00')).toBe(true);
  });

  it('draws a box draft dashed', () => {
    const paint = recordingPaint();
    drawSelection(paint, { ...base, draft: { kind: 'box', box: { x: 1, y: 2, w: 3, h: 4 } } });
    expect(paint.calls.find((c) => c.op === 'rect')?.args).toEqual([1, 2, 3, 4]);
    expect(paint.calls.find((c) => c.op === 'setLineDash')?.args).toEqual([[5, 4]]);
  });
});
