import { describe, expect, it } from 'vitest';
import { COCO_IOU_THRESHOLDS, COCO_RECALL_THRESHOLDS, COCO_STAT_KEYS } from './coco-params';
import { type Box, coco, type Det, evaluate, expectStats } from './coco-test-case';

const B: Box = [10, 20, 5, 5];

describe('COCO params (quality-math §6)', () => {
  it('builds linspace thresholds with their float quirks', () => {
    expect(COCO_IOU_THRESHOLDS[8]).toBe(0.8999999999999999);
    expect(COCO_IOU_THRESHOLDS[5]).toBe(0.75);
    expect(COCO_IOU_THRESHOLDS[9]).toBe(0.95);
    expect(COCO_RECALL_THRESHOLDS[35]).toBe(0.35000000000000003);
    expect(COCO_RECALL_THRESHOLDS[100]).toBe(1);
    expect(COCO_RECALL_THRESHOLDS).toHaveLength(101);
  });
});

describe('COCO bbox evaluation: hand cases A–F', () => {
  it('A: two images with GT B, one det → 51/101, AR .5, medium/large −1', () => {
    const r = evaluate(
      coco(
        [1, 2],
        [
          { image: 1, box: B },
          { image: 2, box: B },
        ],
        [{ image: 1, box: B, score: 0.9 }],
      ),
    );
    const ap = 51 / 101;
    expectStats(r, { AP: ap, AP50: ap, AP75: ap, APs: ap, APm: -1, APl: -1 });
    expectStats(r, { AR1: 0.5, AR10: 0.5, AR100: 0.5, ARs: 0.5, ARm: -1, ARl: -1 });
    expect(r.perClass).toEqual({ 1: expect.closeTo(ap, 6) });
  });

  it('B: a higher-scored FP on another image → AP .5, AR 1', () => {
    const r = evaluate(
      coco(
        [1, 2],
        [{ image: 1, box: B }],
        [
          { image: 1, box: B, score: 0.9 },
          { image: 2, box: B, score: 0.95 },
        ],
      ),
    );
    expectStats(r, { AP: 0.5, AP50: 0.5, AP75: 0.5, AR1: 1, AR10: 1, AR100: 1 });
  });

  const caseC = (crowd: boolean) =>
    coco(
      [1],
      [
        { image: 1, box: [0, 0, 10, 10] },
        { image: 1, box: [50, 50, 40, 40], crowd },
      ],
      [
        { image: 1, box: [60, 60, 10, 10], score: 0.99 },
        { image: 1, box: [0, 0, 10, 10], score: 0.5 },
      ],
    );

  it('C: the crowd GT absorbs a det, which still uses the only maxDets=1 slot → AP 1, AR1 0', () => {
    const r = evaluate(caseC(true));
    expectStats(r, { AP: 1, AP50: 1, AP75: 1, AR1: 0, AR10: 1, AR100: 1 });
  });

  it('C without the crowd flag → AP 25.5/101, APs .5, APm 0, AR1 0, AR100 .5', () => {
    const r = evaluate(caseC(false));
    expectStats(r, { AP: 25.5 / 101, APs: 0.5, APm: 0, AR1: 0, AR100: 0.5 });
    expect(r.AP).toBeCloseTo(0.252475, 6);
  });

  it('D: IoU exactly .5 matches at .5 only → AP50 1, AP75 0, AP .1', () => {
    const r = evaluate(
      coco([1], [{ image: 1, box: [0, 0, 10, 10] }], [{ image: 1, box: [0, 0, 10, 5], score: 0.8 }]),
    );
    expectStats(r, { AP50: 1, AP75: 0, AP: 0.1 });
  });

  it('E: TP .9, FP .8, TP .7 on 2 GTs → AP (51 + 50·⅔)/101', () => {
    const r = evaluate(
      coco(
        [1],
        [
          { image: 1, box: [0, 0, 10, 10] },
          { image: 1, box: [100, 100, 10, 10] },
        ],
        [
          { image: 1, box: [0, 0, 10, 10], score: 0.9 },
          { image: 1, box: [50, 50, 10, 10], score: 0.8 },
          { image: 1, box: [100, 100, 10, 10], score: 0.7 },
        ],
      ),
    );
    expect(r.AP).toBeCloseTo((51 + (50 * 2) / 3) / 101, 10);
    expectStats(r, { AP: 0.834983, AR100: 1, AR1: 0.5 });
  });

  it('F: area exactly 32² is small and medium (both ends inclusive)', () => {
    const r = evaluate(
      coco([1], [{ image: 1, box: [0, 0, 32, 32] }], [{ image: 1, box: [0, 0, 32, 32], score: 1 }]),
    );
    expectStats(r, { APs: 1, APm: 1, APl: -1, ARs: 1, ARm: 1, ARl: -1 });
  });
});

describe('COCO bbox evaluation: pycocotools rules', () => {
  it('empty predictions give AP 0 for categories with GT and −1 without', () => {
    const r = evaluate(coco([1], [{ image: 1, box: B }], [], [1, 2]));
    expectStats(r, { AP: 0, AP50: 0, APs: 0, APm: -1, AR1: 0, AR100: 0 });
    expect(r.perClass).toEqual({ 1: 0, 2: -1 });
  });

  it('no evaluable ground truth at all gives −1 everywhere', () => {
    const r = evaluate(coco([1], [], [{ image: 1, box: B, score: 0.5 }]));
    for (const key of COCO_STAT_KEYS) expect(r[key]).toBe(-1);
  });

  it('keeps only the 100 best detections per image and category', () => {
    const far = (i: number): Det => ({ image: 1, box: [500 + i * 20, 500, 5, 5], score: 0.5 + i / 1000 });
    const fps = Array.from({ length: 100 }, (_, i) => far(i));
    const hit: Det = { image: 1, box: B, score: 0.1 };
    expect(evaluate(coco([1], [{ image: 1, box: B }], [...fps, hit])).AP).toBe(0);
    expect(evaluate(coco([1], [{ image: 1, box: B }], [...fps.slice(1), hit])).AP).toBeCloseTo(0.01, 12);
    // Another category's detections do not count against the cap.
    const other = fps.map((d) => ({ ...d, category: 2 }));
    expect(evaluate(coco([1], [{ image: 1, box: B }], [...other, hit], [1, 2])).AP).toBeCloseTo(1, 12);
  });

  it('breaks score ties across images by ascending image id, whatever the image and result order', () => {
    const dets = (tp: number, fp: number): Det[] => [
      { image: tp, box: B, score: 0.9 },
      { image: fp, box: [100, 100, 5, 5], score: 0.9 },
    ];
    // FP on image 1 ranks before the TP on image 2: pr = [0, .5] → AP .5.
    expect(evaluate(coco([2, 1], [{ image: 2, box: B }], dets(2, 1))).AP).toBeCloseTo(0.5, 12);
    // TP on image 1 first → AP 1.
    expect(evaluate(coco([2, 1], [{ image: 1, box: B }], dets(1, 2))).AP).toBeCloseTo(1, 12);
  });

  it('stops scanning at ignored GT once a regular GT is matched (the `break`), and crowd union = det area', () => {
    // IoU with the regular GT is .6; with the crowd GT it is 60/60 = 1 (union = detection area).
    const r = evaluate(
      coco(
        [1],
        [
          { image: 1, box: [0, 0, 10, 10] },
          { image: 1, box: [0, 0, 10, 6], crowd: true },
        ],
        [{ image: 1, box: [0, 0, 10, 6], score: 0.9 }],
      ),
    );
    // TP at t = .5, .55, .6; above, the crowd GT absorbs it (ignored) and the regular GT is missed.
    expectStats(r, { AP: 0.3, AP50: 1, AP75: 0, AR100: 0.3 });
  });

  it('uses the GT `area` field for area ranges and `iscrowd` (not `ignore`) for ignoring', () => {
    const dataset = coco(
      [1],
      [{ image: 1, box: [0, 0, 10, 10], area: 2000 }],
      [{ image: 1, box: [0, 0, 10, 10], score: 1 }],
    );
    const gt = { ...dataset.dataset.annotations[0], ignore: 1 };
    const r = evaluate({ ...dataset, dataset: { ...dataset.dataset, annotations: [gt] } });
    // Area 2000 is medium (the box is 100 px²); the det is small (area w·h = 100), matched → TP in medium.
    expectStats(r, { AP: 1, APs: -1, APm: 1, APl: -1 });
  });

  it('ignores detections of unknown categories and GT on unlisted images or categories', () => {
    const base = coco([1], [{ image: 1, box: B }], [{ image: 1, box: B, score: 0.5 }]);
    const withNoise = {
      dataset: {
        ...base.dataset,
        annotations: [
          ...base.dataset.annotations,
          { id: 8, image_id: 42, category_id: 1, bbox: B, area: 25, iscrowd: 0 },
          { id: 9, image_id: 1, category_id: 42, bbox: B, area: 25, iscrowd: 0 },
        ],
      },
      results: [...base.results, { image_id: 1, category_id: 42, bbox: [0, 0, 1, 1], score: 0.99 }],
    };
    expect(evaluate(withNoise)).toEqual(evaluate(base));
  });
});
