import { type Box, boxIou } from '@tessera/geometry';
import { MetricsInputError } from './metrics-input-error';

/** A prediction to match; `label`, when both sides carry one, must be equal for a match. */
export interface ScoredDetection {
  readonly box: Box;
  readonly score: number;
  readonly label?: string | number;
}

/** A ground-truth object; see {@link ScoredDetection.label}. */
export interface GroundTruthObject {
  readonly box: Box;
  readonly label?: string | number;
}

/** One matched pair, by index into the inputs. */
export interface DetectionPair {
  readonly prediction: number;
  readonly groundTruth: number;
  readonly iou: number;
}

/** TP = matched predictions, FP = unmatched predictions, FN = unmatched ground truth. */
export interface DetectionMatching {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  /** In the order they were made (descending prediction score). */
  readonly pairs: readonly DetectionPair[];
  readonly unmatchedPredictions: readonly number[];
  readonly unmatchedGroundTruth: readonly number[];
}

/** Options of {@link matchDetections}. */
export interface DetectionMatchingOptions {
  /** A pair matches when IoU >= this (COCO's convention, not VOC's strict >). Default 0.5; must be in (0, 1]. */
  readonly iouThreshold?: number;
  /** Overlap measure; default: `@tessera/geometry` `boxIou` (continuous coordinates, pycocotools semantics). */
  readonly iou?: (prediction: Box, groundTruth: Box) => number;
}

/**
 * Greedy one-to-one matching of predictions to ground truth for one image, as detection metrics do: predictions are
 * taken by descending score (equal scores keep input order), and each takes the still-unmatched ground truth with the
 * highest IoU (the first one on ties) if that IoU reaches the threshold. Unlike COCOeval there are no crowd or
 * ignored objects and no per-image cap; use `evaluateCocoBbox` for benchmark numbers. O(P · G). Throws
 * MetricsInputError for a threshold outside (0, 1] or a non-finite score.
 */
export function matchDetections(
  predictions: readonly ScoredDetection[],
  groundTruth: readonly GroundTruthObject[],
  options: DetectionMatchingOptions = {},
): DetectionMatching {
  const threshold = options.iouThreshold ?? 0.5;
  if (!(threshold > 0 && threshold <= 1)) {
    throw new MetricsInputError(`matchDetections: iouThreshold must be in (0, 1], got ${threshold}`);
  }
  const bad = predictions.findIndex((p) => !Number.isFinite(p.score));
  if (bad >= 0)
    throw new MetricsInputError(`matchDetections: predictions[${bad}].score is not a finite number`);
  const iou = options.iou ?? ((a: Box, b: Box) => boxIou(a, b));
  const order = predictions
    .map((_, i) => i)
    .sort((a, b) => predictions[b]!.score - predictions[a]!.score || a - b);
  const taken = new Uint8Array(groundTruth.length);
  const pairs: DetectionPair[] = [];
  const unmatchedPredictions: number[] = [];
  for (const p of order) {
    const pred = predictions[p]!;
    let best = threshold;
    let match = -1;
    groundTruth.forEach((g, j) => {
      if (taken[j] === 1 || (pred.label !== undefined && g.label !== undefined && pred.label !== g.label))
        return;
      const v = iou(pred.box, g.box);
      if (v >= best && (match === -1 || v > best)) {
        best = v;
        match = j;
      }
    });
    if (match === -1) {
      unmatchedPredictions.push(p);
    } else {
      taken[match] = 1;
      pairs.push({ prediction: p, groundTruth: match, iou: best });
    }
  }
  const unmatchedGroundTruth = groundTruth.map((_, j) => j).filter((j) => taken[j] === 0);
  unmatchedPredictions.sort((a, b) => a - b);
  return {
    tp: pairs.length,
    fp: unmatchedPredictions.length,
    fn: unmatchedGroundTruth.length,
    pairs,
    unmatchedPredictions,
    unmatchedGroundTruth,
  };
}
