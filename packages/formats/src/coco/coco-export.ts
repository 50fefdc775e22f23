import { type Box, type Polygon, polygonArea, polygonBounds, rleArea, rleToBbox } from '@tessera/geometry';
import { integerIds } from '../id-map';
import type { ExportResult, IrDataset, IrObject, IrValue } from '../ir';
import { createIssueLog, type IssueLog } from '../issue';
import type { JsonObject, JsonValue } from '../json/json-value';
import { writeJson } from '../json/json-write';
import { encodeCocoRle } from './coco-rle';

const RESERVED = new Set([
  'id',
  'image_id',
  'category_id',
  'segmentation',
  'area',
  'bbox',
  'iscrowd',
  'keypoints',
  'num_keypoints',
  'score',
  'attributes',
  'file_name',
  'width',
  'height',
  'mask_encoding',
]);

function props(p: Readonly<Record<string, IrValue>>, skip: ReadonlySet<string>): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const [k, v] of Object.entries(p)) if (!skip.has(k)) out[k] = v;
  return out;
}

function boundsOf(o: IrObject): Box | undefined {
  if (o.box !== undefined) return o.box;
  if (o.mask !== undefined) return rleToBbox(o.mask);
  const pts = [...(o.polygons ?? []).flat(), ...(o.keypoints ?? []).filter((k) => k.v > 0)];
  if (pts.length === 0) return o.keypoints === undefined ? undefined : { x: 0, y: 0, w: 0, h: 0 };
  const b = polygonBounds(pts);
  return { x: b.x, y: b.y, w: b.w, h: b.h };
}

function flatten(ring: Polygon): number[] {
  return ring.flatMap((p) => [p.x, p.y]);
}

function annotation(o: IrObject, ids: CocoIds, log: IssueLog): JsonObject | undefined {
  const box = boundsOf(o);
  const where = { path: `object ${o.id}` };
  if (box === undefined) {
    log.warn('shape_unsupported', 'COCO has no point or polyline annotation: object dropped', where);
    return undefined;
  }
  if (o.rotation !== undefined && o.rotation !== 0)
    log.warn('rotation_dropped', 'COCO boxes are axis-aligned: rotation dropped', where);
  if (o.polyline !== undefined || o.points !== undefined)
    log.warn('shape_dropped', 'COCO cannot carry points or polylines: dropped', where);
  const out: Record<string, JsonValue> = {
    id: ids.objects.get(o.id)!,
    image_id: ids.images.get(o.imageId)!,
    category_id: ids.categories.get(o.categoryId)!,
  };
  let area: number = box.w * box.h;
  if (o.mask !== undefined) {
    out.segmentation = encodeCocoRle(
      o.mask,
      o.properties.mask_encoding === 'uncompressed' ? 'uncompressed' : 'compressed',
    );
    area = rleArea(o.mask);
  } else if (o.polygons !== undefined) {
    const kept = o.polygons.filter((r) => r.length >= 3);
    if (kept.length < o.polygons.length)
      log.warn('polygon_dropped', 'polygon parts with fewer than 3 vertices dropped', where);
    out.segmentation = kept.map(flatten);
    if (kept.length > 0) area = kept.reduce((s, r) => s + polygonArea(r), 0);
  }
  const given = o.properties.area;
  out.area = typeof given === 'number' ? given : area;
  out.bbox = [box.x, box.y, box.w, box.h];
  const crowd = o.properties.iscrowd;
  out.iscrowd = crowd === 1 || crowd === true ? 1 : 0;
  if (o.keypoints !== undefined) {
    out.keypoints = o.keypoints.flatMap((k) => [k.x, k.y, k.v]);
    out.num_keypoints = o.keypoints.filter((k) => k.v > 0).length;
  }
  if (o.score !== undefined) out.score = o.score;
  if (Object.keys(o.attributes).length > 0) out.attributes = { ...o.attributes };
  return { ...out, ...props(o.properties, RESERVED) };
}

interface CocoIds {
  readonly images: Map<string, number | bigint>;
  readonly categories: Map<string, number | bigint>;
  readonly objects: Map<string, number | bigint>;
}

/**
 * IR → COCO JSON. Ids that are decimal integers are kept (64-bit ones exactly), others are numbered with a
 * warning; what COCO cannot carry (rotation, points, polylines, attribute declarations, foreign extras) is
 * listed as warnings; objects naming a missing image or category are errors and left out. `area` is the
 * source's when it had one, else the mask or polygon area (box area for boxes only).
 */
export function exportCoco(dataset: IrDataset): ExportResult {
  const log = createIssueLog();
  const ids: CocoIds = {
    images: integerIds(
      dataset.images.map((i) => i.id),
      'image',
      log,
    ),
    categories: integerIds(
      dataset.categories.map((c) => c.id),
      'category',
      log,
    ),
    objects: integerIds(
      dataset.objects.map((o) => o.id),
      'object',
      log,
    ),
  };
  for (const c of dataset.categories)
    if (c.attributes !== undefined && c.attributes.length > 0)
      log.warn(
        'attribute_specs_dropped',
        `COCO cannot declare attributes: those of category ${c.name} dropped`,
      );
  const extras = Object.entries(dataset.extras).filter(([k]) => {
    if (!k.includes(':') && !['images', 'annotations', 'categories'].includes(k)) return true;
    log.warn('extra_dropped', `top-level ${k} has no COCO field: dropped`);
    return false;
  });
  const annotations: JsonObject[] = [];
  for (const o of dataset.objects) {
    if (!ids.images.has(o.imageId) || !ids.categories.has(o.categoryId)) {
      log.error('dangling_reference', `object ${o.id} names a missing image or category: left out`);
      continue;
    }
    const a = annotation(o, ids, log);
    if (a !== undefined) annotations.push(a);
  }
  const images = dataset.images.map((i) => ({
    id: ids.images.get(i.id)!,
    width: i.width,
    height: i.height,
    file_name: i.fileName,
    ...props(i.properties, RESERVED),
  }));
  const categories = dataset.categories.map((c) => ({
    id: ids.categories.get(c.id)!,
    name: c.name,
    ...(c.supercategory === undefined ? {} : { supercategory: c.supercategory }),
    ...(c.keypoints === undefined ? {} : { keypoints: [...c.keypoints] }),
    ...(c.skeleton === undefined ? {} : { skeleton: c.skeleton.map(([a, b]) => [a + 1, b + 1]) }),
  }));
  return { issues: log.issues, chunks: () => cocoChunks(extras, categories, images, annotations) };
}

function* section(key: string, items: readonly JsonValue[], last: boolean): Generator<string> {
  yield `${JSON.stringify(key)}:[`;
  for (let i = 0; i < items.length; i++) yield `${i === 0 ? '\n' : ',\n'}${writeJson(items[i]!)}`;
  yield last ? '\n]}\n' : '\n],\n';
}

function* cocoChunks(
  extras: readonly [string, JsonValue][],
  categories: readonly JsonValue[],
  images: readonly JsonValue[],
  annotations: readonly JsonValue[],
): Generator<string> {
  yield '{';
  for (const [k, v] of extras) yield `${JSON.stringify(k)}:${writeJson(v)},\n`;
  yield* section('categories', categories, false);
  yield* section('images', images, false);
  yield* section('annotations', annotations, true);
}
