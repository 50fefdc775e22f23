import type { LabeledObject } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { drawObjects, type ObjectsScene } from './draw-objects';
import { recordingPaint } from './test-paint';

const boxObj = (id: string, x: number, class_id = 'car'): LabeledObject => ({
  id,
  class_id,
  geometry: { type: 'box', x, y: 10, w: 5, h: 5 },
  attributes: {},
});
const colors: Record<string, string> = { car: '#ff0000', person: '#00ff00' };

function scene(objects: readonly LabeledObject[], patch: Partial<ObjectsScene> = {}): ObjectsScene {
  return {
    objects,
    skip: new Set(),
    overlays: [],
    colorOf: (c) => colors[c] ?? '#999999',
    viewport: { scale: 2, offsetX: 10, offsetY: 0 },
    view: { width: 400, height: 300 },
    ...patch,
  };
}

describe('drawObjects', () => {
  it('draws thousands of objects with one fill and one stroke per color', () => {
    const objects = Array.from({ length: 2000 }, (_, i) =>
      boxObj(`b${i}`, i % 150, i % 2 ? 'car' : 'person'),
    );
    const paint = recordingPaint();
    expect(drawObjects(paint, scene(objects))).toBe(2000);
    expect(paint.count('rect')).toBe(2000);
    expect(paint.count('fill')).toBe(2);
    expect(paint.count('stroke')).toBe(2);
    const strokes = paint.calls.filter((c) => c.op === 'stroke').map((c) => c.style?.stroke);
    expect(new Set(strokes)).toEqual(new Set(['#ff0000', '#00ff00']));
  });

  it('maps image pixels to screen pixels', () => {
    const paint = recordingPaint();
    drawObjects(paint, scene([boxObj('a', 3)]));
    expect(paint.calls.find((c) => c.op === 'rect')?.args).toEqual([16, 20, 10, 10]);
  });

  it('skips selected objects and objects out of view', () => {
    const paint = recordingPaint();
    const drawn = drawObjects(
      paint,
      scene([boxObj('a', 3), boxObj('b', 20), boxObj('far', 5000)], { skip: new Set(['a']) }),
    );
    expect(drawn).toBe(1);
    expect(paint.count('rect')).toBe(1);
  });

  it('draws overlays first, dashed, in their own color, and points as circles', () => {
    const paint = recordingPaint();
    const overlayPayload = { classifications: [], objects: [boxObj('o', 1)], spans: [], attributes: {} };
    const point: LabeledObject = {
      id: 'p',
      class_id: 'car',
      geometry: { type: 'point', x: 1, y: 1 },
      attributes: {},
    };
    drawObjects(
      paint,
      scene([point], { overlays: [{ label: 'Ann', color: '#123456', payload: overlayPayload }] }),
    );
    const firstStroke = paint.calls.find((c) => c.op === 'stroke');
    expect(firstStroke?.style?.stroke).toBe('#123456');
    expect(paint.calls.find((c) => c.op === 'setLineDash')?.args).toEqual([[6, 4]]);
    expect(paint.count('arc')).toBe(1);
    expect(paint.count('save')).toBe(paint.count('restore'));
  });
});
