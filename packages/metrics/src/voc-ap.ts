import { MetricsInputError } from './metrics-input-error';
import { numpyPairwiseSum } from './numpy-pairwise-sum';

/**
 * PASCAL VOC average precision from a PR curve, as rbgirshick/py-faster-rcnn `lib/datasets/voc_eval.py` `voc_ap`
 * (identical in detectron2 `pascal_voc_evaluation.py`; quality-math.md §7).
 * - `use07` (VOC2007 11-point): AP = Σ_t max(prec[rec >= t]) / 11 over t = `np.arange(0, 1.1, 0.1)`, whose
 *   elements are `i * 0.1` — so t = 0.30000000000000004 and recall exactly 0.3 does not reach it. Kept on purpose.
 * - otherwise (VOC2010+ all-point): pad mrec = [0, rec, 1], mpre = [0, prec, 0], make mpre non-increasing from the
 *   right and sum (mrec[i+1] − mrec[i]) · mpre[i+1] where recall changes (numpy's summation order).
 */
export function vocAp(rec: ArrayLike<number>, prec: ArrayLike<number>, use07 = false): number {
  if (rec.length !== prec.length) {
    throw new MetricsInputError(`vocAp: rec has ${rec.length} values but prec has ${prec.length}`);
  }
  return use07 ? elevenPointAp(rec, prec) : allPointAp(rec, prec);
}

function elevenPointAp(rec: ArrayLike<number>, prec: ArrayLike<number>): number {
  let ap = 0;
  for (let i = 0; i <= 10; i++) {
    const t = i * 0.1;
    let p = 0;
    let any = false;
    for (let j = 0; j < rec.length; j++) {
      if ((rec[j] as number) >= t) {
        const v = prec[j] as number;
        if (!any || v > p) p = v;
        any = true;
      }
    }
    ap = ap + p / 11;
  }
  return ap;
}

function allPointAp(rec: ArrayLike<number>, prec: ArrayLike<number>): number {
  const n = rec.length + 2;
  const mrec = new Float64Array(n);
  const mpre = new Float64Array(n);
  mrec[n - 1] = 1;
  for (let i = 0; i < rec.length; i++) {
    mrec[i + 1] = rec[i] as number;
    mpre[i + 1] = prec[i] as number;
  }
  for (let i = n - 1; i > 0; i--) mpre[i - 1] = Math.max(mpre[i - 1] as number, mpre[i] as number);
  const terms = new Float64Array(n - 1);
  let count = 0;
  for (let i = 0; i < n - 1; i++) {
    if (mrec[i + 1] !== mrec[i])
      terms[count++] = ((mrec[i + 1] as number) - (mrec[i] as number)) * (mpre[i + 1] as number);
  }
  return numpyPairwiseSum(terms, 0, count);
}

/** A VOC box: `[xmin, ymin, xmax, ymax]` in 1-based inclusive pixel coordinates. */
export type VocBox = readonly [xmin: number, ymin: number, xmax: number, ymax: number];

/** One ground-truth object of the evaluated class; `difficult` objects are neither TP nor FP. */
export interface VocGroundTruth {
  readonly imageId: string | number;
  readonly box: VocBox;
  readonly difficult?: boolean;
}

/** One detection of the evaluated class. */
export interface VocDetection {
  readonly imageId: string | number;
  readonly box: VocBox;
  readonly score: number;
}

/** The PR curve over detections in ranked order, its AP, and the number of non-difficult positives. */
export interface VocEvalResult {
  readonly rec: Float64Array;
  readonly prec: Float64Array;
  readonly ap: number;
  readonly npos: number;
}

/** `inters / uni` with the +1 pixel-inclusive widths, in voc_eval's evaluation order. */
export function vocIou(b: VocBox, g: VocBox): number {
  const iw = Math.max(Math.min(g[2], b[2]) - Math.max(g[0], b[0]) + 1, 0);
  const ih = Math.max(Math.min(g[3], b[3]) - Math.max(g[1], b[1]) + 1, 0);
  const inters = iw * ih;
  const uni = (b[2] - b[0] + 1) * (b[3] - b[1] + 1) + (g[2] - g[0] + 1) * (g[3] - g[1] + 1) - inters;
  return inters / uni;
}

/**
 * `voc_eval` for one class: detections by descending score; each takes the GT of its image with the highest IoU
 * (+1 pixel-inclusive; first on ties, as `np.argmax`), among *all* that image's GTs of the class; it is a TP when
 * `ovmax > iouThreshold` (strictly) and that GT is neither difficult nor already taken, an FP when the GT was
 * already taken or the overlap is too small (or the image has no GT), and neither when the GT is difficult.
 * rec = tp / npos, prec = tp / max(tp + fp, eps).
 *
 * Reading chosen: voc_eval sorts with `np.argsort(-confidence)`, which is not stable, so its tie order is
 * unspecified; here equal scores keep input order (a stable sort).
 * With no non-difficult GT (npos = 0) the reference divides by zero; we return `ap = -1` and NaN recalls.
 */
export function vocEval(
  groundTruth: readonly VocGroundTruth[],
  detections: readonly VocDetection[],
  options: { readonly iouThreshold?: number; readonly use07?: boolean } = {},
): VocEvalResult {
  const threshold = options.iouThreshold ?? 0.5;
  const byImage = new Map<string | number, { gts: VocGroundTruth[]; taken: boolean[] }>();
  let npos = 0;
  for (const g of groundTruth) {
    let entry = byImage.get(g.imageId);
    if (entry === undefined) {
      entry = { gts: [], taken: [] };
      byImage.set(g.imageId, entry);
    }
    entry.gts.push(g);
    entry.taken.push(false);
    if (!g.difficult) npos += 1;
  }
  const order = detections
    .map((_, i) => i)
    .sort((a, b) => detections[b]!.score - detections[a]!.score || a - b);
  const rec = new Float64Array(order.length);
  const prec = new Float64Array(order.length);
  let tp = 0;
  let fp = 0;
  order.forEach((di, rank) => {
    const d = detections[di]!;
    const entry = byImage.get(d.imageId);
    let ovmax = Number.NEGATIVE_INFINITY;
    let jmax = -1;
    const gts = entry?.gts ?? [];
    for (let j = 0; j < gts.length; j++) {
      const o = vocIou(d.box, gts[j]!.box);
      if (Number.isNaN(o)) {
        ovmax = o; // np.max propagates NaN (a degenerate box with zero union), and NaN > threshold is false
        break;
      }
      if (o > ovmax) {
        ovmax = o;
        jmax = j;
      }
    }
    if (entry !== undefined && ovmax > threshold) {
      if (!entry.gts[jmax]!.difficult) {
        if (entry.taken[jmax]) {
          fp += 1;
        } else {
          tp += 1;
          entry.taken[jmax] = true;
        }
      }
    } else {
      fp += 1;
    }
    rec[rank] = tp / npos;
    prec[rank] = tp / Math.max(tp + fp, Number.EPSILON);
  });
  return { rec, prec, ap: npos === 0 ? -1 : vocAp(rec, prec, options.use07 ?? false), npos };
}
