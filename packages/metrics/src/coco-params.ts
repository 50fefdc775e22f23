/**
 * COCOeval default parameters for `iouType = 'bbox'`, exactly as pycocotools `Params.setDetParams`
 * (cocodataset/cocoapi `PythonAPI/pycocotools/cocoeval.py`; quality-math.md §6).
 */

/** Number of IoU thresholds (T). */
export const COCO_IOU_COUNT = 10;
/** Number of recall thresholds (R). */
export const COCO_RECALL_COUNT = 101;

/**
 * `np.linspace(.5, .95, 10)`: element i is `0.5 + i * ((0.95 - 0.5) / 9)` and the last is exactly 0.95, so index 8
 * is 0.8999999999999999 and index 5 is exactly 0.75 (what `summarize` looks up for AP75).
 */
export const COCO_IOU_THRESHOLDS: readonly number[] = Array.from({ length: COCO_IOU_COUNT }, (_, i) =>
  i === COCO_IOU_COUNT - 1 ? 0.95 : 0.5 + i * ((0.95 - 0.5) / 9),
);

/**
 * `np.linspace(0, 1, 101)`: element i is `i * 0.01` (so 0.35000000000000003, not 35 / 100) and the last is exactly
 * 1.0. The float quirks matter: recall values are compared against these with `searchsorted`.
 */
export const COCO_RECALL_THRESHOLDS: readonly number[] = Array.from({ length: COCO_RECALL_COUNT }, (_, i) =>
  i === COCO_RECALL_COUNT - 1 ? 1 : i * 0.01,
);

/** `maxDets`; matching always runs with the last (100), the smaller ones only cut each image's ranked list. */
export const COCO_MAX_DETS: readonly number[] = [1, 10, 100];

/** An area range; both ends are inclusive (an area of exactly 32² is both small and medium). */
export interface CocoAreaRange {
  readonly label: 'all' | 'small' | 'medium' | 'large';
  readonly min: number;
  readonly max: number;
}

/** `areaRng` / `areaRngLbl` in their pycocotools order: all, small, medium, large. */
export const COCO_AREA_RANGES: readonly CocoAreaRange[] = [
  { label: 'all', min: 0, max: 1e10 },
  { label: 'small', min: 0, max: 32 ** 2 },
  { label: 'medium', min: 32 ** 2, max: 96 ** 2 },
  { label: 'large', min: 96 ** 2, max: 1e10 },
];

/** `min(t, 1 - 1e-10)`: the IoU a detection must reach (>=) to match at threshold t. */
export function cocoMatchStart(threshold: number): number {
  return Math.min(threshold, 1 - 1e-10);
}

/** The 12 `summarize()` statistics, in pycocotools' `stats` order. */
export const COCO_STAT_KEYS = [
  'AP',
  'AP50',
  'AP75',
  'APs',
  'APm',
  'APl',
  'AR1',
  'AR10',
  'AR100',
  'ARs',
  'ARm',
  'ARl',
] as const;

/** One of the 12 COCO summary statistics. */
export type CocoStatKey = (typeof COCO_STAT_KEYS)[number];
