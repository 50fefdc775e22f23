import type { CocoGroups } from './coco-groups';
import type { CocoDetections, CocoGroundTruth } from './coco-input';
import { cocoIouMatrix } from './coco-iou';
import { COCO_AREA_RANGES, COCO_IOU_COUNT, COCO_IOU_THRESHOLDS, cocoMatchStart } from './coco-params';

/** Detection outcome codes in {@link CocoMatchTable.status}. */
export const COCO_FP = 0;
export const COCO_TP = 1;
export const COCO_IGNORED = 2;

/**
 * What pycocotools `evaluateImg` yields for every (category, area range, image), flattened for `accumulate`:
 * `status[(slot * A + a) * T + t]` is FP / TP / ignored for the detection in that category slot at area range a and
 * IoU threshold t (one detection's 40 outcomes are adjacent); `positives[k * A + a]` is npig, the count of
 * non-ignored ground truth.
 */
export interface CocoMatchTable {
  readonly status: Uint8Array;
  readonly positives: Float64Array;
}

const A = COCO_AREA_RANGES.length;
const T = COCO_IOU_COUNT;
const STARTS = Float64Array.from(COCO_IOU_THRESHOLDS, cocoMatchStart);
const AREA_MIN = Float64Array.from(COCO_AREA_RANGES, (r) => r.min);
const AREA_MAX = Float64Array.from(COCO_AREA_RANGES, (r) => r.max);
const FP = COCO_FP;
const TP = COCO_TP;
const IGNORED = COCO_IGNORED;

/** Reusable per-group buffers (grown on demand), so the hot loops allocate nothing. */
class Scratch {
  iou = new Float64Array(1024);
  rowMax = new Float64Array(128);
  detArea = new Float64Array(128);
  ignore = new Uint8Array(A * 64);
  order = new Int32Array(64);
  sortedIgnore = new Uint8Array(64);
  sortedCrowd = new Uint8Array(64);
  matched = new Uint8Array(64);
  /** `match[(a * T + t) * D + d]`: −1 unmatched, else the matched GT's ignore flag (0 or 1). */
  match = new Int8Array(A * T * 128);
  ensure(D: number, G: number): void {
    if (this.iou.length < D * G) this.iou = new Float64Array(D * G * 2);
    if (this.rowMax.length < D) {
      this.rowMax = new Float64Array(D * 2);
      this.detArea = new Float64Array(D * 2);
      this.match = new Int8Array(A * T * D * 2);
    }
    if (this.order.length < G) {
      this.ignore = new Uint8Array(A * G * 2);
      this.order = new Int32Array(G * 2);
      this.sortedIgnore = new Uint8Array(G * 2);
      this.sortedCrowd = new Uint8Array(G * 2);
      this.matched = new Uint8Array(G * 2);
    }
  }
}

/**
 * Runs pycocotools `computeIoU` + `evaluateImg` on every non-empty (category, image) group: the IoU matrix is built
 * once per group and reused for all area ranges and thresholds, and area ranges whose GT ignore flags coincide share
 * one matching pass.
 */
export function evaluateCocoGroups(
  gt: CocoGroundTruth,
  det: CocoDetections,
  groups: CocoGroups,
): CocoMatchTable {
  const status = new Uint8Array(A * T * groups.keptCount);
  const positives = new Float64Array(gt.categoryIds.length * A);
  const s = new Scratch();
  const { gtStart, gtOrder, detStart, keptDet } = groups;
  for (let g = 0; g < groups.count; g++) {
    const gtFrom = gtStart[g] as number;
    const G = (gtStart[g + 1] as number) - gtFrom;
    const detFrom = detStart[g] as number;
    const D = (detStart[g + 1] as number) - detFrom;
    const k = groups.category[g] as number;
    s.ensure(D, G);
    if (G > 0 && D > 0) {
      cocoIouMatrix(det.box, keptDet, detFrom, D, gt.box, gt.crowd, gtOrder, gtFrom, G, s.iou, s.rowMax);
    }
    for (let a = 0; a < A; a++) {
      positives[k * A + a]! += markIgnored(gt, gtOrder, gtFrom, G, a, s);
      if (D > 0) matchArea(gt, gtOrder, gtFrom, G, D, a, s);
    }
    if (D > 0) writeStatus(det, keptDet, groups.keptSlot, detFrom, D, status, s);
  }
  return { status, positives };
}

/** Sets `s.ignore[a * G + g]` (crowd, or area outside the range, both ends inclusive); returns the non-ignored count. */
function markIgnored(
  gt: CocoGroundTruth,
  gts: Int32Array,
  from: number,
  G: number,
  a: number,
  s: Scratch,
): number {
  const min = AREA_MIN[a] as number;
  const max = AREA_MAX[a] as number;
  let kept = 0;
  for (let g = 0; g < G; g++) {
    const j = gts[from + g] as number;
    const area = gt.area[j] as number;
    const ig = gt.crowd[j] === 1 || area < min || area > max ? 1 : 0;
    s.ignore[a * G + g] = ig;
    kept += 1 - ig;
  }
  return kept;
}

/** Fills `s.match` rows of area range a, copying an earlier range's rows when the GT ignore flags are the same. */
function matchArea(
  gt: CocoGroundTruth,
  gts: Int32Array,
  from: number,
  G: number,
  D: number,
  a: number,
  s: Scratch,
) {
  const rows = s.match;
  for (let b = 0; b < a; b++) {
    if (sameFlags(s.ignore, b * G, a * G, G)) {
      rows.copyWithin(a * T * D, b * T * D, (b + 1) * T * D);
      return;
    }
  }
  if (G === 0) {
    rows.fill(-1, a * T * D, (a + 1) * T * D);
    return;
  }
  // Stable argsort of the ignore flags: non-ignored first, input order kept within each part.
  let p = 0;
  for (let pass = 0; pass < 2; pass++) {
    for (let g = 0; g < G; g++) {
      if (s.ignore[a * G + g] !== pass) continue;
      s.order[p] = g;
      s.sortedIgnore[p] = pass;
      s.sortedCrowd[p] = gt.crowd[gts[from + g] as number] as number;
      p++;
    }
  }
  for (let t = 0; t < T; t++) matchThreshold(STARTS[t] as number, D, G, s, (a * T + t) * D);
}

function sameFlags(flags: Uint8Array, x: number, y: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (flags[x + i] !== flags[y + i]) return false;
  return true;
}

/**
 * The `evaluateImg` greedy loop for one threshold, detections best-first: skip a GT already matched unless crowd;
 * stop once a non-ignored match is held and the GTs turn ignored; skip IoU < best; else take it (so IoU >= t
 * matches and a later equal IoU does not replace an earlier one). A detection whose best IoU over all GTs is below
 * the threshold cannot match, so its scan is skipped.
 */
function matchThreshold(start: number, D: number, G: number, s: Scratch, out: number): void {
  const { iou, rowMax, order, sortedIgnore: ig, sortedCrowd: crowd, matched, match } = s;
  matched.fill(0, 0, G);
  for (let d = 0; d < D; d++) {
    if ((rowMax[d] as number) < start) {
      match[out + d] = -1;
      continue;
    }
    let best = start;
    let m = -1;
    const row = d * G;
    for (let p = 0; p < G; p++) {
      if (matched[p] === 1 && crowd[p] === 0) continue;
      if (m > -1 && ig[m] === 0 && ig[p] === 1) break;
      const v = iou[row + (order[p] as number)] as number;
      if (v < best) continue;
      best = v;
      m = p;
    }
    if (m === -1) {
      match[out + d] = -1;
    } else {
      matched[m] = 1;
      match[out + d] = ig[m] as number;
    }
  }
}

/** Turns match rows into FP/TP/ignored per slot; an unmatched detection whose area (w·h) is outside the range is ignored. */
function writeStatus(
  det: CocoDetections,
  keptDet: Int32Array,
  keptSlot: Int32Array,
  from: number,
  D: number,
  status: Uint8Array,
  s: Scratch,
): void {
  const match = s.match;
  for (let d = 0; d < D; d++) {
    const o = 4 * (keptDet[from + d] as number);
    const area = (det.box[o + 2] as number) * (det.box[o + 3] as number);
    let out = (keptSlot[from + d] as number) * A * T;
    for (let a = 0; a < A; a++) {
      const outside = area < (AREA_MIN[a] as number) || area > (AREA_MAX[a] as number);
      const unmatched = outside ? IGNORED : FP;
      for (let t = 0; t < T; t++) {
        const m = match[(a * T + t) * D + d] as number;
        status[out++] = m === 0 ? TP : m === 1 ? IGNORED : unmatched;
      }
    }
  }
}
