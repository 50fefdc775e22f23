import { type CocoAccumulation, cocoPrecisionIndex, cocoRecallIndex } from './coco-accumulation';
import {
  COCO_AREA_RANGES,
  COCO_IOU_COUNT,
  COCO_IOU_THRESHOLDS,
  COCO_MAX_DETS,
  COCO_RECALL_COUNT,
  type CocoStatKey,
} from './coco-params';
import { numpyPairwiseSum } from './numpy-pairwise-sum';

/** The 12 pycocotools `stats`, keyed by name. */
export type CocoStats = Readonly<Record<CocoStatKey, number>>;

const T = COCO_IOU_COUNT;
const R = COCO_RECALL_COUNT;
const M_100 = COCO_MAX_DETS.indexOf(100);

interface Selection {
  readonly ap: boolean;
  /** The IoU threshold to select, or undefined for all (looked up by equality, as `np.where(iouThr == iouThrs)`). */
  readonly iou?: number;
  readonly area: (typeof COCO_AREA_RANGES)[number]['label'];
  readonly maxDets: number;
}

const SELECTIONS: Readonly<Record<CocoStatKey, Selection>> = {
  AP: { ap: true, area: 'all', maxDets: 100 },
  AP50: { ap: true, iou: 0.5, area: 'all', maxDets: 100 },
  AP75: { ap: true, iou: 0.75, area: 'all', maxDets: 100 },
  APs: { ap: true, area: 'small', maxDets: 100 },
  APm: { ap: true, area: 'medium', maxDets: 100 },
  APl: { ap: true, area: 'large', maxDets: 100 },
  AR1: { ap: false, area: 'all', maxDets: 1 },
  AR10: { ap: false, area: 'all', maxDets: 10 },
  AR100: { ap: false, area: 'all', maxDets: 100 },
  ARs: { ap: false, area: 'small', maxDets: 100 },
  ARm: { ap: false, area: 'medium', maxDets: 100 },
  ARl: { ap: false, area: 'large', maxDets: 100 },
};

/**
 * `np.mean(s[s > -1])` over the cells `cell(i)` for i in [0, n), in that (numpy C) order, or −1 when no cell is
 * above −1. Uses numpy's pairwise summation so the mean is bit-identical to pycocotools'.
 */
function meanOfValid(n: number, cell: (i: number) => number, buffer: Float64Array): number {
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = cell(i);
    if (v > -1) buffer[count++] = v;
  }
  return count === 0 ? -1 : numpyPairwiseSum(buffer, 0, count) / count;
}

/** pycocotools `summarize()` for bbox: each stat is the mean of its selected cells that are > −1. */
export function summarizeCoco(acc: CocoAccumulation): CocoStats {
  const K = acc.categoryCount;
  const buffer = new Float64Array(T * R * Math.max(K, 1));
  const stats = {} as Record<CocoStatKey, number>;
  for (const [key, sel] of Object.entries(SELECTIONS) as [CocoStatKey, Selection][]) {
    const ts = sel.iou === undefined ? [...Array(T).keys()] : thresholdIndices(sel.iou);
    const a = COCO_AREA_RANGES.findIndex((r) => r.label === sel.area);
    const m = COCO_MAX_DETS.indexOf(sel.maxDets);
    if (sel.ap) {
      stats[key] = meanOfValid(
        ts.length * R * K,
        (i) => {
          const t = ts[Math.floor(i / (R * K))] as number;
          return acc.precision[cocoPrecisionIndex(K, t, Math.floor(i / K) % R, i % K, a, m)] as number;
        },
        buffer,
      );
    } else {
      stats[key] = meanOfValid(
        ts.length * K,
        (i) => acc.recall[cocoRecallIndex(K, ts[Math.floor(i / K)] as number, i % K, a, m)] as number,
        buffer,
      );
    }
  }
  return stats;
}

function thresholdIndices(iou: number): number[] {
  const out: number[] = [];
  COCO_IOU_THRESHOLDS.forEach((t, i) => {
    if (t === iou) out.push(i);
  });
  return out;
}

/**
 * Per-category AP: the mean of `precision[:, :, k, all, 100]` over its cells > −1 (what pycocotools' `stats[0]`
 * gives with `params.catIds = [k]`); −1 for a category without non-ignored ground truth. Keys are category ids.
 */
export function cocoPerClassAp(
  acc: CocoAccumulation,
  categoryIds: ArrayLike<number>,
): Record<string, number> {
  const K = acc.categoryCount;
  const buffer = new Float64Array(T * R);
  const out: Record<string, number> = {};
  for (let k = 0; k < K; k++) {
    out[String(categoryIds[k])] = meanOfValid(
      T * R,
      (i) => acc.precision[cocoPrecisionIndex(K, Math.floor(i / R), i % R, k, 0, M_100)] as number,
      buffer,
    );
  }
  return out;
}
