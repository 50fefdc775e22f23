import { COCO_AREA_RANGES, COCO_MAX_DETS, COCO_RECALL_COUNT } from './coco-params';

/**
 * `COCOeval.eval`'s arrays, in numpy's C order: `precision[t][r][k][a][m]` (T×R×K×A×M) and `recall[t][k][a][m]`,
 * with k indexing the ascending category ids; −1 marks a cell whose category has no non-ignored ground truth in
 * that area range. Index them with {@link cocoPrecisionIndex} / {@link cocoRecallIndex}.
 */
export interface CocoAccumulation {
  readonly categoryCount: number;
  readonly precision: Float64Array;
  readonly recall: Float64Array;
}

const R = COCO_RECALL_COUNT;
const A = COCO_AREA_RANGES.length;
const M = COCO_MAX_DETS.length;

/** Index of `precision[t][r][k][a][m]` for K categories. */
export function cocoPrecisionIndex(K: number, t: number, r: number, k: number, a: number, m: number): number {
  return (((t * R + r) * K + k) * A + a) * M + m;
}

/** Index of `recall[t][k][a][m]` for K categories. */
export function cocoRecallIndex(K: number, t: number, k: number, a: number, m: number): number {
  return ((t * K + k) * A + a) * M + m;
}
