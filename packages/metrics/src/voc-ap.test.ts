import { describe, expect, it } from 'vitest';
import { MetricsInputError } from './metrics-input-error';
import { type VocBox, type VocDetection, type VocGroundTruth, vocAp, vocEval, vocIou } from './voc-ap';

// Case E of quality-math §6/§7: 2 GTs; detections TP (.9), FP (.8), TP (.7).
const E_REC = [0.5, 0.5, 1];
const E_PREC = [1, 0.5, 2 / 3];

describe('vocAp (quality-math §7)', () => {
  it('case E: 11-point 0.848485 = (6 + 5·⅔)/11', () => {
    expect(vocAp(E_REC, E_PREC, true)).toBeCloseTo(0.848485, 6);
    expect(vocAp(E_REC, E_PREC, true)).toBeCloseTo((6 + (5 * 2) / 3) / 11, 12);
  });

  it('case E: all-point 0.833333', () => {
    expect(vocAp(E_REC, E_PREC)).toBeCloseTo(0.833333, 6);
    expect(vocAp(E_REC, E_PREC, false)).toBeCloseTo(0.5 + 0.5 * (2 / 3), 12);
  });

  it('keeps the i*0.1 quirk: recall exactly 0.3 does not reach t = 0.30000000000000004', () => {
    expect(vocAp([0.3], [1], true)).toBeCloseTo(3 / 11, 12);
    expect(vocAp([0.4], [1], true)).toBeCloseTo(5 / 11, 12);
  });

  it('gives 0 for an empty curve and rejects mismatched lengths', () => {
    expect(vocAp([], [], true)).toBe(0);
    expect(vocAp([], [])).toBe(0);
    expect(() => vocAp([0.5], [])).toThrow(MetricsInputError);
  });
});

const box = (x: number, y: number, w: number, h: number): VocBox => [x, y, x + w - 1, y + h - 1];

describe('vocEval (voc_eval semantics)', () => {
  it('reproduces case E from boxes', () => {
    const gts: VocGroundTruth[] = [
      { imageId: 'a', box: box(1, 1, 10, 10) },
      { imageId: 'a', box: box(101, 101, 10, 10) },
    ];
    const dets: VocDetection[] = [
      { imageId: 'a', box: box(101, 101, 10, 10), score: 0.7 },
      { imageId: 'a', box: box(1, 1, 10, 10), score: 0.9 },
      { imageId: 'a', box: box(51, 51, 10, 10), score: 0.8 },
    ];
    const r = vocEval(gts, dets, { use07: true });
    expect([...r.rec]).toEqual(E_REC);
    expect(r.prec[0]).toBe(1);
    expect(r.prec[1]).toBe(0.5);
    expect(r.prec[2]).toBeCloseTo(2 / 3, 15);
    expect(r.ap).toBeCloseTo(0.848485, 6);
    expect(vocEval(gts, dets).ap).toBeCloseTo(0.833333, 6);
    expect(r.npos).toBe(2);
  });

  it('uses +1 pixel-inclusive IoU and needs ovmax > 0.5 strictly', () => {
    // 10×10 px GT, 10×5 px detection inside it: IoU = 50/100 exactly.
    expect(vocIou(box(1, 1, 10, 5), box(1, 1, 10, 10))).toBe(0.5);
    const gts = [{ imageId: 1, box: box(1, 1, 10, 10) }];
    const half = vocEval(gts, [{ imageId: 1, box: box(1, 1, 10, 5), score: 1 }]);
    expect([...half.rec, ...half.prec]).toEqual([0, 0]);
    const more = vocEval(gts, [{ imageId: 1, box: box(1, 1, 10, 6), score: 1 }]);
    expect([...more.rec, ...more.prec]).toEqual([1, 1]);
  });

  it('a difficult GT is neither TP nor FP, and is not counted in npos', () => {
    const gts = [
      { imageId: 1, box: box(1, 1, 10, 10), difficult: true },
      { imageId: 1, box: box(50, 50, 10, 10) },
    ];
    const r = vocEval(gts, [
      { imageId: 1, box: box(1, 1, 10, 10), score: 0.9 },
      { imageId: 1, box: box(50, 50, 10, 10), score: 0.8 },
    ]);
    expect(r.npos).toBe(1);
    // First detection: no change (0 TP, 0 FP → prec 0 / eps = 0); second: TP.
    expect([...r.rec]).toEqual([0, 1]);
    expect([...r.prec]).toEqual([0, 1]);
    expect(r.ap).toBe(1);
  });

  it('a second detection on a matched GT is FP; detections on images without GT are FP', () => {
    const gts = [{ imageId: 1, box: box(1, 1, 10, 10) }];
    const r = vocEval(gts, [
      { imageId: 1, box: box(1, 1, 10, 10), score: 0.9 },
      { imageId: 1, box: box(1, 1, 10, 10), score: 0.8 },
      { imageId: 2, box: box(1, 1, 10, 10), score: 0.7 },
    ]);
    expect([...r.rec]).toEqual([1, 1, 1]);
    expect([...r.prec]).toEqual([1, 0.5, 1 / 3]);
  });

  it('breaks score ties by input order (stable), and returns ap −1 without positives', () => {
    const gts = [{ imageId: 1, box: box(1, 1, 10, 10) }];
    const tie = vocEval(gts, [
      { imageId: 1, box: box(200, 200, 10, 10), score: 0.5 },
      { imageId: 1, box: box(1, 1, 10, 10), score: 0.5 },
    ]);
    expect([...tie.prec]).toEqual([0, 0.5]);
    const none = vocEval([{ imageId: 1, box: box(1, 1, 10, 10), difficult: true }], []);
    expect(none.ap).toBe(-1);
    expect(none.npos).toBe(0);
  });
});
