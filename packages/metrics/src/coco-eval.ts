import { accumulateCoco } from './coco-accumulate';
import type { CocoAccumulation } from './coco-accumulation';
import { evaluateCocoGroups } from './coco-evaluate';
import { buildCocoGroups } from './coco-groups';
import {
  type CocoDetections,
  type CocoGroundTruth,
  type CocoInputIssue,
  parseCocoDetections,
  parseCocoGroundTruth,
} from './coco-input';
import { COCO_MAX_DETS } from './coco-params';
import { type CocoStats, cocoPerClassAp, summarizeCoco } from './coco-summarize';

/** COCO bbox metrics: the 12 summary stats plus AP per category id (−1 for a category without ground truth). */
export type CocoBboxMetrics = CocoStats & { readonly perClass: Readonly<Record<string, number>> };

/**
 * pycocotools `COCOeval(gt, dt, 'bbox')` → `evaluate()` → `accumulate()`, returning the precision/recall arrays.
 * Same numbers as pycocotools, computed with grouped typed arrays instead of per-annotation dicts (quality-math.md §6).
 */
export function accumulateCocoBbox(gt: CocoGroundTruth, det: CocoDetections): CocoAccumulation {
  const groups = buildCocoGroups(gt, det, COCO_MAX_DETS[COCO_MAX_DETS.length - 1] as number);
  const table = evaluateCocoGroups(gt, det, groups);
  return accumulateCoco(groups, table, gt.categoryIds.length);
}

/**
 * COCO bbox evaluation exactly as pycocotools (evaluate, accumulate, summarize), plus per-class AP. Verified
 * bit-identical (all 12 stats and every per-class AP) against a line-by-line port of cocoeval.py/bbIou on thousands
 * of random cases with crowds, IoU and score ties, area-boundary GT and > 100 detections per image.
 *
 * Readings chosen where the reference is silent or quirky (see also {@link parseCocoGroundTruth}):
 * - GT annotation `id`s are not used. pycocotools records the matched *GT id* and tests it for truthiness, so a GT
 *   with id 0 turns its match into a false positive, and it looks annotations up by id, so duplicate ids alias to
 *   the last one; we evaluate every annotation as given and count every match (identical for unique ids > 0);
 * - empty predictions are valid and give AP 0 for categories with ground truth (pycocotools' `loadRes` crashes);
 * - means use numpy's pairwise summation, so they match `np.mean` to the last bit, not just to rounding;
 * - `perClass[id]` is the mean of `precision[:, :, k, all, 100]` over cells > −1, i.e. `stats[0]` with
 *   `catIds = [id]`; −1 when the category has no non-crowd ground truth.
 */
export function evaluateCocoBbox(gt: CocoGroundTruth, det: CocoDetections): CocoBboxMetrics {
  const acc = accumulateCocoBbox(gt, det);
  return { ...summarizeCoco(acc), perClass: cocoPerClassAp(acc, gt.categoryIds) };
}

/** The metrics, or the first input problem and which input (`gt` dataset or `pred` results) it is in. */
export type CocoBboxEvaluation =
  | { readonly ok: true; readonly value: CocoBboxMetrics }
  | { readonly ok: false; readonly input: 'gt' | 'pred'; readonly issue: CocoInputIssue };

/**
 * Validates a COCO dataset object and a COCO results list (both as parsed JSON) and evaluates them; the first input
 * problem comes back as a value with its path (`annotations[3].bbox`, `[12].image_id`), tagged with which input.
 */
export function evaluateCocoBboxJson(dataset: unknown, results: unknown): CocoBboxEvaluation {
  const gt = parseCocoGroundTruth(dataset);
  if (!gt.ok) return { ok: false, input: 'gt', issue: gt.issue };
  const det = parseCocoDetections(results, gt.value);
  if (!det.ok) return { ok: false, input: 'pred', issue: det.issue };
  return { ok: true, value: evaluateCocoBbox(gt.value, det.value) };
}
