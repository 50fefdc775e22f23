/**
 * Column-oriented COCO inputs for bbox evaluation, and the strict-but-cheap validators that build them from parsed
 * JSON (one pass, no per-annotation objects: values go straight into typed arrays). Semantics follow pycocotools
 * `COCO.createIndex`, `COCO.loadRes` and `COCOeval._prepare` (quality-math.md §6).
 */

/** Where an input is wrong (`annotations[3].bbox`, `[12].score`) and why. */
export interface CocoInputIssue {
  readonly path: string;
  readonly message: string;
}

/** A parse outcome: the value, or the first issue found. */
export type CocoParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issue: CocoInputIssue };

/** Ground truth as columns; annotation i has its box at `box[4i .. 4i+3]` (x, y, width, height). */
export interface CocoGroundTruth {
  /** Evaluated image ids, ascending and unique (`np.unique(imgIds)`); other arrays hold indices into it. */
  readonly imageIds: Float64Array;
  /** Evaluated category ids, ascending and unique. */
  readonly categoryIds: Float64Array;
  readonly imageIndex: ReadonlyMap<number, number>;
  readonly categoryIndex: ReadonlyMap<number, number>;
  readonly count: number;
  readonly image: Int32Array;
  readonly category: Int32Array;
  readonly box: Float64Array;
  /** The annotation's own `area` field (the mask area in real COCO), which decides small/medium/large. */
  readonly area: Float64Array;
  /** `iscrowd`, which is also `ignore` (pycocotools overwrites any `ignore` field with it). */
  readonly crowd: Uint8Array;
}

/** Detections as columns, in input order (that order is `loadRes`'s ids 1..N and breaks score ties). */
export interface CocoDetections {
  readonly count: number;
  readonly image: Int32Array;
  readonly category: Int32Array;
  readonly box: Float64Array;
  readonly score: Float64Array;
}

type Rec = Record<string, unknown>;

function isRecord(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function fail<T>(path: string, message: string): CocoParseResult<T> {
  return { ok: false, issue: { path, message } };
}

const BOX_MESSAGE = 'expected [x, y, width, height]: 4 finite numbers';

/** Copies a `[x, y, w, h]` array into `out` at `4 * i`; false when it is not 4 finite numbers. */
function readBox(value: unknown, out: Float64Array, i: number): boolean {
  if (!Array.isArray(value) || value.length !== 4) return false;
  for (let j = 0; j < 4; j++) {
    const v: unknown = value[j];
    if (!isFiniteNumber(v)) return false;
    out[4 * i + j] = v;
  }
  return true;
}

/** Reads `items[].id` into a sorted unique id list and an id → index map. */
function readIds(
  items: unknown,
  name: string,
): CocoParseResult<{ ids: Float64Array; index: Map<number, number> }> {
  if (!Array.isArray(items)) return fail(name, 'expected an array');
  const seen = new Set<number>();
  for (let i = 0; i < items.length; i++) {
    const item: unknown = items[i];
    if (!isRecord(item)) return fail(`${name}[${i}]`, 'expected an object');
    if (!isFiniteNumber(item.id)) return fail(`${name}[${i}].id`, 'expected a finite number');
    seen.add(item.id === 0 ? 0 : item.id);
  }
  const ids = Float64Array.from(seen).sort();
  const index = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) index.set(ids[i] as number, i);
  return { ok: true, value: { ids, index } };
}

/** `iscrowd`: 0/1 or a boolean, absent means 0; −1 for anything else. */
function readCrowd(value: unknown): number {
  if (value === undefined || value === 0 || value === false) return 0;
  if (value === 1 || value === true) return 1;
  return -1;
}

/**
 * Validates a COCO dataset (`{images, annotations, categories}`) and builds its columns, in one pass without
 * per-annotation objects. Follows pycocotools where it defines the behaviour:
 * - image and category ids are sorted and de-duplicated (`np.unique`); annotations whose image or category is not
 *   listed are dropped, as `getAnnIds(imgIds, catIds)` drops them;
 * - `area` is required and used as given (never recomputed from the box), boxes are 4 finite numbers used as given;
 * - `ignore` fields are ignored (pycocotools overwrites them with `iscrowd`).
 * Readings chosen: ids may be any finite numbers (COCO uses integers; strings are rejected); a missing `iscrowd`
 * means 0 (pycocotools raises KeyError; hand-made GT often omits it); `iscrowd` must be 0, 1, true or false.
 */
export function parseCocoGroundTruth(value: unknown): CocoParseResult<CocoGroundTruth> {
  if (!isRecord(value)) return fail('$', 'expected a COCO dataset object');
  const images = readIds(value.images, 'images');
  if (!images.ok) return images;
  const categories = readIds(value.categories, 'categories');
  if (!categories.ok) return categories;
  const anns = value.annotations;
  if (!Array.isArray(anns)) return fail('annotations', 'expected an array');
  const n = anns.length;
  const image = new Int32Array(n);
  const category = new Int32Array(n);
  const box = new Float64Array(4 * n);
  const area = new Float64Array(n);
  const crowd = new Uint8Array(n);
  const imageIndex = images.value.index;
  const categoryIndex = categories.value.index;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const a: unknown = anns[i];
    if (!isRecord(a)) return fail(`annotations[${i}]`, 'expected an object');
    if (!isFiniteNumber(a.image_id)) return fail(`annotations[${i}].image_id`, 'expected a finite number');
    if (!isFiniteNumber(a.category_id))
      return fail(`annotations[${i}].category_id`, 'expected a finite number');
    if (!readBox(a.bbox, box, count)) return fail(`annotations[${i}].bbox`, BOX_MESSAGE);
    if (!isFiniteNumber(a.area)) return fail(`annotations[${i}].area`, 'expected a finite number');
    const c = readCrowd(a.iscrowd);
    if (c < 0) return fail(`annotations[${i}].iscrowd`, 'expected 0, 1, true or false');
    const img = imageIndex.get(a.image_id);
    const cat = categoryIndex.get(a.category_id);
    if (img === undefined || cat === undefined) continue;
    image[count] = img;
    category[count] = cat;
    area[count] = a.area;
    crowd[count] = c;
    count += 1;
  }
  return {
    ok: true,
    value: {
      imageIds: images.value.ids,
      categoryIds: categories.value.ids,
      imageIndex,
      categoryIndex,
      count,
      image: image.subarray(0, count),
      category: category.subarray(0, count),
      box: box.subarray(0, 4 * count),
      area: area.subarray(0, count),
      crowd: crowd.subarray(0, count),
    },
  };
}

/**
 * Validates a COCO results list (`[{image_id, category_id, bbox, score}]`) against `gt`, as `loadRes` does: a
 * detection on an image absent from the dataset is an error; one of an unknown category is dropped (never
 * evaluated). An empty list is valid (every category with ground truth then scores 0).
 */
export function parseCocoDetections(value: unknown, gt: CocoGroundTruth): CocoParseResult<CocoDetections> {
  if (!Array.isArray(value)) return fail('$', 'expected a COCO results array');
  const n = value.length;
  const image = new Int32Array(n);
  const category = new Int32Array(n);
  const box = new Float64Array(4 * n);
  const score = new Float64Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const d: unknown = value[i];
    if (!isRecord(d)) return fail(`[${i}]`, 'expected an object');
    if (!isFiniteNumber(d.image_id)) return fail(`[${i}].image_id`, 'expected a finite number');
    if (!isFiniteNumber(d.category_id)) return fail(`[${i}].category_id`, 'expected a finite number');
    if (!readBox(d.bbox, box, count)) return fail(`[${i}].bbox`, BOX_MESSAGE);
    if (!isFiniteNumber(d.score)) return fail(`[${i}].score`, 'expected a finite number');
    const img = gt.imageIndex.get(d.image_id);
    if (img === undefined) return fail(`[${i}].image_id`, `image ${d.image_id} is not in the ground truth`);
    const cat = gt.categoryIndex.get(d.category_id);
    if (cat === undefined) continue;
    image[count] = img;
    category[count] = cat;
    score[count] = d.score;
    count += 1;
  }
  return {
    ok: true,
    value: {
      count,
      image: image.subarray(0, count),
      category: category.subarray(0, count),
      box: box.subarray(0, 4 * count),
      score: score.subarray(0, count),
    },
  };
}
