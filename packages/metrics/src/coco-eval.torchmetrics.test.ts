import { describe, expect, it } from 'vitest';
import { COCO_STAT_KEYS } from './coco-params';
import { type Box, coco, type Det, evaluate, type Gt } from './coco-test-case';

/**
 * Lightning-AI/torchmetrics `tests/unittests/detection/test_map.py` `_inputs` (COCO images 42, 73, 74, 987), boxes
 * xyxy as printed there; converted to xywh with GT area = w·h and iscrowd 0 (quality-math §6).
 */
const TORCHMETRICS_IMAGES: {
  id: number;
  preds: { boxes: Box[]; scores: number[]; labels: number[] };
  target: { boxes: Box[]; labels: number[] };
}[] = [
  {
    id: 42,
    preds: { boxes: [[258.15, 41.29, 606.41, 285.07]], scores: [0.236], labels: [4] },
    target: { boxes: [[214.15, 41.29, 562.41, 285.07]], labels: [4] },
  },
  {
    id: 73,
    preds: {
      boxes: [
        [61.0, 22.75, 565.0, 632.42],
        [12.66, 3.32, 281.26, 275.23],
      ],
      scores: [0.318, 0.726],
      labels: [3, 2],
    },
    target: {
      boxes: [
        [13.0, 22.75, 548.98, 632.42],
        [1.66, 3.32, 270.26, 275.23],
      ],
      labels: [2, 2],
    },
  },
  {
    id: 74,
    preds: {
      boxes: [
        [87.87, 276.25, 384.29, 379.43],
        [0.0, 3.66, 142.15, 316.06],
        [296.55, 93.96, 314.97, 152.79],
        [328.94, 97.05, 342.49, 122.98],
        [356.62, 95.47, 372.33, 147.55],
        [464.08, 105.09, 495.74, 146.99],
        [276.11, 103.84, 291.44, 150.72],
      ],
      scores: [0.546, 0.3, 0.407, 0.611, 0.335, 0.805, 0.953],
      labels: [4, 1, 0, 0, 0, 0, 0],
    },
    target: {
      boxes: [
        [61.87, 276.25, 358.29, 379.43],
        [2.75, 3.66, 162.15, 316.06],
        [295.55, 93.96, 313.97, 152.79],
        [326.94, 97.05, 340.49, 122.98],
        [356.62, 95.47, 372.33, 147.55],
        [462.08, 105.09, 493.74, 146.99],
        [277.11, 103.84, 292.44, 150.72],
      ],
      labels: [4, 1, 0, 0, 0, 0, 0],
    },
  },
  {
    id: 987,
    preds: {
      boxes: [
        [72.92, 45.96, 91.23, 80.57],
        [45.17, 45.34, 66.28, 79.83],
        [82.28, 47.04, 99.66, 78.5],
        [59.96, 46.17, 80.35, 80.48],
        [75.29, 23.01, 91.85, 50.85],
        [71.14, 1.1, 96.96, 28.33],
        [61.34, 55.23, 77.14, 79.57],
        [41.17, 45.78, 60.99, 78.48],
        [56.18, 44.8, 64.42, 56.25],
      ],
      scores: [0.532, 0.204, 0.782, 0.202, 0.883, 0.271, 0.561, 0.204, 0.349],
      labels: [49, 49, 49, 49, 49, 49, 49, 49, 49],
    },
    target: {
      boxes: [
        [72.92, 45.96, 91.23, 80.57],
        [50.17, 45.34, 71.28, 79.83],
        [81.28, 47.04, 98.66, 78.5],
        [63.96, 46.17, 84.35, 80.48],
        [75.29, 23.01, 91.85, 50.85],
        [56.39, 21.65, 75.66, 45.54],
        [73.14, 1.1, 98.96, 28.33],
        [62.34, 55.23, 78.14, 79.57],
        [44.17, 45.78, 63.99, 78.48],
        [58.18, 44.8, 66.42, 56.25],
      ],
      labels: [49, 49, 49, 49, 49, 49, 49, 49, 49, 49],
    },
  },
];

const xywh = ([x1, y1, x2, y2]: Box): Box => [x1, y1, x2 - x1, y2 - y1];

function torchmetricsFixture() {
  const gts: Gt[] = [];
  const dets: Det[] = [];
  for (const img of TORCHMETRICS_IMAGES) {
    img.target.boxes.forEach((b, i) => {
      gts.push({ image: img.id, box: xywh(b), category: img.target.labels[i] as number });
    });
    img.preds.boxes.forEach((b, i) => {
      dets.push({
        image: img.id,
        box: xywh(b),
        score: img.preds.scores[i] as number,
        category: img.preds.labels[i] as number,
      });
    });
  }
  return coco(
    TORCHMETRICS_IMAGES.map((i) => i.id),
    gts,
    dets,
    [0, 1, 2, 3, 4, 49],
  );
}

describe('COCO bbox evaluation: public fixture', () => {
  it('matches pycocotools on the torchmetrics `_inputs` fixture', () => {
    const r = evaluate(torchmetricsFixture());
    const expected = [
      0.636958, 0.858966, 0.760679, 0.621735, 0.8, 0.634983, 0.432, 0.652, 0.652, 0.673333, 0.8, 0.633333,
    ];
    expect(COCO_STAT_KEYS.map((k) => Number(r[k].toFixed(6)))).toEqual(expected);
    expect(r.perClass['3']).toBe(-1);
    expect(Object.keys(r.perClass)).toEqual(['0', '1', '2', '3', '4', '49']);
  });
});
