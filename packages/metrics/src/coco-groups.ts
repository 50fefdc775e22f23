import type { CocoDetections, CocoGroundTruth } from './coco-input';
import { rankByScore } from './score-rank';

/**
 * Ground truth and detections grouped by (category, image) with integer keys, in the orders pycocotools uses:
 * - in a group, GT keeps input order and detections are ranked by descending score (stable: ties keep input order)
 *   and cut to `maxDet` (100), as `computeIoU` / `evaluateImg` do;
 * - groups are category-major with images in ascending-id order, which is `accumulate`'s concatenation order;
 * - per category, every kept detection gets a *slot* in the category's ranked list: descending score, ties by
 *   (image id, rank in image), i.e. the stable `argsort(-dtScores)` of that concatenation.
 */
export interface CocoGroups {
  readonly count: number;
  /** Category index of each group. */
  readonly category: Int32Array;
  /** Group g's ground truth is `gtOrder[gtStart[g] .. gtStart[g+1])`. */
  readonly gtStart: Int32Array;
  readonly gtOrder: Int32Array;
  /** Group g's kept detections are `keptDet[detStart[g] .. detStart[g+1])`, best score first. */
  readonly detStart: Int32Array;
  readonly keptDet: Int32Array;
  /** Slot of each kept detection in its category's ranked list (global: categories are contiguous). */
  readonly keptSlot: Int32Array;
  /** Rank of the detection in its (image, category) list, per slot; `rank < maxDets[m]` selects it for m. */
  readonly slotRank: Uint8Array;
  /** Category k's slots are `[categorySlotStart[k], categorySlotStart[k+1])`. */
  readonly categorySlotStart: Int32Array;
  /** Total kept detections (= slots). */
  readonly keptCount: number;
}

/** Stable counting sort of `order` (identity when null) by `keys[order[p]]` in `[0, buckets)`. */
function countingSort(order: Int32Array | null, keys: Int32Array, buckets: number): Int32Array {
  const n = keys.length;
  const start = new Int32Array(buckets + 1);
  for (let i = 0; i < n; i++) start[(keys[i] as number) + 1]! += 1;
  for (let b = 0; b < buckets; b++) start[b + 1]! += start[b] as number;
  const out = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    const j = order === null ? p : (order[p] as number);
    const k = keys[j] as number;
    out[start[k] as number] = j;
    start[k]! += 1;
  }
  return out;
}

/** Indices sorted by (category, image), input order within: an LSD radix sort (image, then category). */
function byCategoryImage(
  image: Int32Array,
  category: Int32Array,
  nImages: number,
  nCats: number,
): Int32Array {
  return countingSort(countingSort(null, image, nImages), category, nCats);
}

/** Builds the groups, the per-image ranking and cut, and the per-category slots. */
export function buildCocoGroups(gt: CocoGroundTruth, det: CocoDetections, maxDet: number): CocoGroups {
  const nImages = gt.imageIds.length;
  const nCats = gt.categoryIds.length;
  const gtOrder = byCategoryImage(gt.image, gt.category, nImages, nCats);
  const detOrder = byCategoryImage(det.image, det.category, nImages, nCats);
  const cap = gt.count + det.count;
  const category = new Int32Array(cap);
  const gtStart = new Int32Array(cap + 1);
  const detStart = new Int32Array(cap + 1);
  const keptDet = new Int32Array(det.count);
  let count = 0;
  let kept = 0;
  let gi = 0;
  let di = 0;
  while (gi < gt.count || di < det.count) {
    const gKey = gi < gt.count ? groupKey(gt.category, gt.image, gtOrder[gi] as number, nImages) : Infinity;
    const dKey =
      di < det.count ? groupKey(det.category, det.image, detOrder[di] as number, nImages) : Infinity;
    const key = Math.min(gKey, dKey);
    category[count] = Math.floor(key / nImages);
    gtStart[count] = gi;
    while (gi < gt.count && groupKey(gt.category, gt.image, gtOrder[gi] as number, nImages) === key) gi++;
    const runStart = di;
    while (di < det.count && groupKey(det.category, det.image, detOrder[di] as number, nImages) === key) di++;
    rankByScore(detOrder, det.score, runStart, di);
    detStart[count] = kept;
    const take = Math.min(di - runStart, maxDet);
    for (let j = 0; j < take; j++) keptDet[kept++] = detOrder[runStart + j] as number;
    count++;
  }
  gtStart[count] = gi;
  detStart[count] = kept;
  const slots = assignSlots(category, detStart, count, keptDet.subarray(0, kept), det.score, nCats);
  return {
    count,
    category: category.subarray(0, count),
    gtStart: gtStart.subarray(0, count + 1),
    gtOrder,
    detStart: detStart.subarray(0, count + 1),
    keptDet: keptDet.subarray(0, kept),
    keptCount: kept,
    ...slots,
  };
}

function groupKey(category: Int32Array, image: Int32Array, i: number, nImages: number): number {
  return (category[i] as number) * nImages + (image[i] as number);
}

/** Ranks each category's kept detections (concatenated in image order) into slots. */
function assignSlots(
  category: Int32Array,
  detStart: Int32Array,
  groupCount: number,
  keptDet: Int32Array,
  score: Float64Array,
  nCats: number,
): Pick<CocoGroups, 'keptSlot' | 'slotRank' | 'categorySlotStart'> {
  const n = keptDet.length;
  const keptScore = new Float64Array(n);
  const keptRank = new Uint8Array(n);
  const categorySlotStart = new Int32Array(nCats + 1);
  for (let g = 0; g < groupCount; g++) {
    const from = detStart[g] as number;
    const to = detStart[g + 1] as number;
    categorySlotStart[(category[g] as number) + 1]! += to - from;
    for (let j = from; j < to; j++) {
      keptScore[j] = score[keptDet[j] as number] as number;
      keptRank[j] = j - from;
    }
  }
  for (let k = 0; k < nCats; k++) categorySlotStart[k + 1]! += categorySlotStart[k] as number;
  // Kept positions are already category-major, image-ascending, rank-ascending: rank each category's range.
  const bySlot = new Int32Array(n);
  for (let j = 0; j < n; j++) bySlot[j] = j;
  for (let k = 0; k < nCats; k++) {
    rankByScore(bySlot, keptScore, categorySlotStart[k] as number, categorySlotStart[k + 1] as number);
  }
  const keptSlot = new Int32Array(n);
  const slotRank = new Uint8Array(n);
  for (let s = 0; s < n; s++) {
    const j = bySlot[s] as number;
    keptSlot[j] = s;
    slotRank[s] = keptRank[j] as number;
  }
  return { keptSlot, slotRank, categorySlotStart };
}
