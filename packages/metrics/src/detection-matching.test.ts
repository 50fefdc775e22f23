import type { Box } from '@tessera/geometry';
import { describe, expect, it } from 'vitest';
import { matchDetections } from './detection-matching';
import { MetricsInputError } from './metrics-input-error';

const b = (x: number, y: number, w: number, h: number): Box => ({ x, y, w, h });

describe('matchDetections', () => {
  it('matches greedily by descending score and reports TP/FP/FN and pairs', () => {
    const gts = [{ box: b(0, 0, 10, 10) }, { box: b(100, 100, 10, 10) }, { box: b(300, 300, 5, 5) }];
    const preds = [
      { box: b(0, 0, 10, 9), score: 0.5 },
      { box: b(0, 0, 10, 10), score: 0.9 },
      { box: b(100, 100, 10, 10), score: 0.7 },
      { box: b(500, 500, 10, 10), score: 0.8 },
    ];
    const r = matchDetections(preds, gts);
    expect(r).toMatchObject({ tp: 2, fp: 2, fn: 1, unmatchedPredictions: [0, 3], unmatchedGroundTruth: [2] });
    expect(r.pairs).toEqual([
      { prediction: 1, groundTruth: 0, iou: 1 },
      { prediction: 2, groundTruth: 1, iou: 1 },
    ]);
  });

  it('matches at IoU >= threshold (COCO convention) and takes the best, first on ties', () => {
    const gts = [{ box: b(0, 0, 10, 10) }, { box: b(0, 0, 10, 10) }];
    const half = [{ box: b(0, 0, 10, 5), score: 1 }];
    expect(matchDetections(half, gts).pairs).toEqual([{ prediction: 0, groundTruth: 0, iou: 0.5 }]);
    expect(matchDetections(half, gts, { iouThreshold: 0.51 }).tp).toBe(0);
  });

  it('only matches equal labels when both sides have one', () => {
    const gts = [{ box: b(0, 0, 10, 10), label: 'cat' }];
    expect(matchDetections([{ box: b(0, 0, 10, 10), score: 1, label: 'dog' }], gts).tp).toBe(0);
    expect(matchDetections([{ box: b(0, 0, 10, 10), score: 1, label: 'cat' }], gts).tp).toBe(1);
    expect(matchDetections([{ box: b(0, 0, 10, 10), score: 1 }], gts).tp).toBe(1);
  });

  it('accepts a custom overlap and rejects thresholds outside (0, 1]', () => {
    const always = () => 1;
    expect(
      matchDetections([{ box: b(0, 0, 1, 1), score: 1 }], [{ box: b(9, 9, 1, 1) }], { iou: always }).tp,
    ).toBe(1);
    expect(() => matchDetections([], [], { iouThreshold: 0 })).toThrow(MetricsInputError);
    expect(() => matchDetections([], [], { iouThreshold: 1.5 })).toThrow(MetricsInputError);
    expect(() => matchDetections([{ box: b(0, 0, 1, 1), score: Number.NaN }], [])).toThrow(
      /score is not a finite/,
    );
    expect(matchDetections([], [{ box: b(0, 0, 1, 1) }])).toMatchObject({ tp: 0, fp: 0, fn: 1 });
  });
});
