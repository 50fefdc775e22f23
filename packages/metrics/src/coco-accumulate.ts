import { type CocoAccumulation, cocoPrecisionIndex, cocoRecallIndex } from './coco-accumulation';
import { COCO_FP, COCO_TP, type CocoMatchTable } from './coco-evaluate';
import type { CocoGroups } from './coco-groups';
import {
  COCO_AREA_RANGES,
  COCO_IOU_COUNT,
  COCO_MAX_DETS,
  COCO_RECALL_COUNT,
  COCO_RECALL_THRESHOLDS,
} from './coco-params';

const T = COCO_IOU_COUNT;
const R = COCO_RECALL_COUNT;
const A = COCO_AREA_RANGES.length;
const M = COCO_MAX_DETS.length;
/** `np.spacing(1)`, added to the precision denominator exactly as pycocotools does (so 1 TP gives 1/(1+2⁻⁵²)). */
const SPACING_1 = Number.EPSILON;
const TP = COCO_TP;
const FP = COCO_FP;
const RECALL_THRESHOLDS = Float64Array.from(COCO_RECALL_THRESHOLDS);

/**
 * pycocotools `accumulate`. For each (category, area, maxDet, threshold) it walks the category's ranked slots
 * (already the stable `argsort(-score)` of the image-ordered concatenation) whose rank is below maxDet, and builds
 * the cumulative TP/FP curve. Two exact shortcuts keep this cheap:
 * - ignored detections change neither tp nor fp, so dropping them changes no searchsorted hit and no envelope value;
 * - `searchsorted(rc, r, 'left')` always lands on a TP (rc only rises there), or on index 0 for r = 0, and the
 *   envelope at a TP is the max of pr over later TPs (an FP's pr is below the TP before it), so only the pr at TPs
 *   is computed (same float expressions), and the envelope at index 0 is the max over all TPs.
 */
export function accumulateCoco(groups: CocoGroups, table: CocoMatchTable, K: number): CocoAccumulation {
  const precision = new Float64Array(T * R * K * A * M).fill(-1);
  const recall = new Float64Array(T * K * A * M).fill(-1);
  const lists = rankedLists(groups, K);
  let widest = 0;
  for (let k = 0; k < K; k++) widest = Math.max(widest, table.positives[k * A] as number);
  const curves = {
    tp: new Float64Array(T),
    fp: new Float64Array(T),
    pr: new Float64Array(T * widest),
    widest,
  };
  for (let k = 0; k < K; k++) {
    for (let a = 0; a < A; a++) {
      const npig = table.positives[k * A + a] as number;
      if (npig === 0) continue;
      for (let m = 0; m < M; m++) {
        const slots = lists[m]!;
        tpCurves(table.status, a, slots.slot, slots.start[k] as number, slots.start[k + 1] as number, curves);
        for (let t = 0; t < T; t++) {
          const tp = curves.tp[t] as number;
          recall[cocoRecallIndex(K, t, k, a, m)] = tp / npig;
          const first = cocoPrecisionIndex(K, t, 0, k, a, m);
          sampleEnvelope(curves.pr, t * widest, tp, npig, precision, first, K * A * M);
        }
      }
    }
  }
  return { categoryCount: K, precision, recall };
}

interface SlotList {
  /** Category k's selected slots are `slot[start[k] .. start[k+1])`, in ranked order. */
  readonly start: Int32Array;
  readonly slot: Int32Array;
}

/** For each maxDets value, the slots whose rank in their (image, category) list is below it. */
function rankedLists(groups: CocoGroups, K: number): SlotList[] {
  return COCO_MAX_DETS.map((maxDet) => {
    const start = new Int32Array(K + 1);
    const slot = new Int32Array(groups.keptCount);
    let n = 0;
    for (let k = 0; k < K; k++) {
      start[k] = n;
      const to = groups.categorySlotStart[k + 1] as number;
      for (let s = groups.categorySlotStart[k] as number; s < to; s++) {
        if ((groups.slotRank[s] as number) < maxDet) slot[n++] = s;
      }
    }
    start[K] = n;
    return { start, slot: slot.subarray(0, n) };
  });
}

interface Curves {
  readonly tp: Float64Array;
  readonly fp: Float64Array;
  /** Threshold t's precision at its i-th TP is `pr[t * widest + i]`. */
  readonly pr: Float64Array;
  readonly widest: number;
}

/**
 * Walks the selected slots once for all T thresholds at area range a (a slot's outcomes are adjacent), storing
 * `tp / (fp + tp + spacing(1))` at each TP; leaves the TP and FP totals in `c.tp` / `c.fp`.
 */
function tpCurves(
  status: Uint8Array,
  a: number,
  slots: Int32Array,
  from: number,
  to: number,
  c: Curves,
): void {
  const { tp, fp, pr, widest } = c;
  tp.fill(0);
  fp.fill(0);
  for (let i = from; i < to; i++) {
    const o = ((slots[i] as number) * A + a) * T;
    for (let t = 0; t < T; t++) {
      const code = status[o + t] as number;
      if (code === TP) {
        const n = (tp[t] as number) + 1;
        tp[t] = n;
        pr[t * widest + n - 1] = n / ((fp[t] as number) + n + SPACING_1);
      } else if (code === FP) {
        fp[t]! += 1;
      }
    }
  }
}

/**
 * Makes pr (at TPs, where rc = i / npig for the i-th TP) non-increasing from the right, then for each recall
 * threshold takes pr at the first TP with rc >= r, or 0 past the last one (`searchsorted(rc, r, 'left')`).
 */
function sampleEnvelope(
  pr: Float64Array,
  at: number,
  tp: number,
  npig: number,
  out: Float64Array,
  first: number,
  stride: number,
): void {
  for (let i = at + tp - 1; i > at; i--) {
    if ((pr[i] as number) > (pr[i - 1] as number)) pr[i - 1] = pr[i] as number;
  }
  let i = 0;
  for (let r = 0; r < R; r++) {
    const threshold = RECALL_THRESHOLDS[r] as number;
    while (i < tp && (i + 1) / npig < threshold) i++;
    out[first + r * stride] = i < tp ? (pr[at + i] as number) : 0;
  }
}
