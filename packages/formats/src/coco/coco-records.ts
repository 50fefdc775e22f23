import type { Polygon } from '@tessera/geometry';
import { FormatError } from '../format-error';
import type { IrCategory, IrImage, IrKeypoint, IrObject, IrValue } from '../ir';
import type { IssueLog, Position } from '../issue';
import { FieldReader } from '../json/field-reader';
import { isJsonArray, isJsonObject, type JsonObject, type JsonValue } from '../json/json-value';
import { decodeCocoRle } from './coco-rle';

type Path = readonly (string | number)[];

const IMAGE_FIELDS = new Set(['id', 'file_name', 'width', 'height']);
const ANNOTATION_FIELDS = new Set([
  'id',
  'image_id',
  'category_id',
  'bbox',
  'area',
  'iscrowd',
  'segmentation',
  'keypoints',
  'num_keypoints',
  'score',
  'attributes',
]);

function objectOrFail(v: JsonValue, position: Position, log: IssueLog): JsonObject | undefined {
  if (isJsonObject(v)) return v;
  log.error('invalid_record', 'expected an object', position);
  return undefined;
}

/** Primitive extra fields are kept as properties; others are dropped with a warning. */
function extras(r: FieldReader, known: ReadonlySet<string>): Record<string, IrValue> {
  const out: Record<string, IrValue> = {};
  for (const [k, v] of Object.entries(r.record)) {
    if (known.has(k)) continue;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
    else if (typeof v === 'bigint') out[k] = v.toString();
    else if (v !== null)
      r.log.warn('field_dropped', `field ${k} is not a string, number or boolean: dropped`, r.at(k));
  }
  return out;
}

export function readCocoImage(
  v: JsonValue,
  path: Path,
  position: Position,
  log: IssueLog,
): IrImage | undefined {
  const o = objectOrFail(v, position, log);
  if (o === undefined) return undefined;
  const r = new FieldReader(o, path, position, log);
  const id = r.id('id');
  const fileName = r.string('file_name');
  const width = r.number('width', { integer: true, positive: true });
  const height = r.number('height', { integer: true, positive: true });
  const properties = extras(r, IMAGE_FIELDS);
  if (
    r.errors > 0 ||
    id === undefined ||
    fileName === undefined ||
    width === undefined ||
    height === undefined
  )
    return undefined;
  return { id, fileName, width, height, properties };
}

export function readCocoCategory(
  v: JsonValue,
  path: Path,
  position: Position,
  log: IssueLog,
): IrCategory | undefined {
  const o = objectOrFail(v, position, log);
  if (o === undefined) return undefined;
  const r = new FieldReader(o, path, position, log);
  const id = r.id('id');
  const name = r.string('name');
  const supercategory = r.string('supercategory', false);
  let keypoints: string[] | undefined;
  if (r.has('keypoints')) {
    const k = o.keypoints;
    if (isJsonArray(k) && k.every((x) => typeof x === 'string')) keypoints = k as string[];
    else r.fail('invalid_field', 'keypoints must be a list of names', 'keypoints');
  }
  let skeleton: [number, number][] | undefined;
  if (r.has('skeleton')) {
    const s = o.skeleton;
    const n = keypoints?.length ?? 0;
    const edges = isJsonArray(s) ? s.map((e, i) => r.numbers(e, { length: 2 }, 'skeleton', i)) : undefined;
    if (edges === undefined) r.fail('invalid_field', 'skeleton must be a list of [a, b] pairs', 'skeleton');
    else if (edges.every((e) => e !== undefined)) {
      skeleton = [];
      edges.forEach((e, i) => {
        const [a, b] = e as [number, number];
        if (!Number.isInteger(a) || !Number.isInteger(b) || a < 1 || b < 1 || a > n || b > n)
          r.fail('invalid_field', `skeleton edge must join keypoints 1..${n}`, 'skeleton', i);
        else skeleton?.push([a - 1, b - 1]);
      });
    }
  }
  if (r.errors > 0 || id === undefined || name === undefined) return undefined;
  return {
    id,
    name,
    ...(supercategory === undefined ? {} : { supercategory }),
    ...(keypoints === undefined ? {} : { keypoints }),
    ...(skeleton === undefined ? {} : { skeleton }),
  };
}

function readPolygons(r: FieldReader, seg: JsonValue): Polygon[] | undefined {
  if (!isJsonArray(seg))
    return r.fail('invalid_field', 'segmentation must be polygons or an RLE', 'segmentation');
  const polygons: Polygon[] = [];
  for (let i = 0; i < seg.length; i++) {
    const flat = r.numbers(seg[i], { multipleOf: 2, minLength: 6 }, 'segmentation', i);
    if (flat === undefined) continue;
    const ring = [];
    for (let k = 0; k < flat.length; k += 2) ring.push({ x: flat[k]!, y: flat[k + 1]! });
    polygons.push(ring);
  }
  return polygons;
}

function readKeypoints(r: FieldReader): IrKeypoint[] | undefined {
  const flat = r.numbers(r.record.keypoints, { multipleOf: 3 }, 'keypoints');
  if (flat === undefined) return undefined;
  const out: IrKeypoint[] = [];
  for (let k = 0; k < flat.length; k += 3) {
    const v = flat[k + 2];
    if (v !== 0 && v !== 1 && v !== 2)
      return r.fail('invalid_field', 'keypoint visibility must be 0, 1 or 2', 'keypoints', k + 2);
    out.push({ x: flat[k]!, y: flat[k + 1]!, v });
  }
  return out;
}

function readAttributes(r: FieldReader): Record<string, IrValue> {
  const a = r.record.attributes;
  const out: Record<string, IrValue> = {};
  if (a === undefined || a === null) return out;
  if (!isJsonObject(a)) {
    r.fail('invalid_field', 'attributes must be an object', 'attributes');
    return out;
  }
  for (const [k, v] of Object.entries(a)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
    else r.fail('invalid_field', 'attribute values must be strings, numbers or booleans', 'attributes', k);
  }
  return out;
}

/** One COCO annotation → an IR object (references to images and categories are checked by the caller). */
export function readCocoAnnotation(
  v: JsonValue,
  path: Path,
  position: Position,
  log: IssueLog,
): IrObject | undefined {
  const o = objectOrFail(v, position, log);
  if (o === undefined) return undefined;
  const r = new FieldReader(o, path, position, log);
  const id = r.id('id');
  const imageId = r.id('image_id');
  const categoryId = r.id('category_id');
  const shapes: Record<string, unknown> = {};
  const properties: Record<string, IrValue> = extras(r, ANNOTATION_FIELDS);
  if (r.has('bbox')) {
    const b = r.numbers(o.bbox, { length: 4 }, 'bbox');
    if (b !== undefined && (b[2]! < 0 || b[3]! < 0))
      r.fail('invalid_box', 'bbox width and height must be ≥ 0', 'bbox');
    else if (b !== undefined) shapes.box = { x: b[0]!, y: b[1]!, w: b[2]!, h: b[3]! };
  }
  if (r.has('iscrowd')) {
    const c = o.iscrowd;
    if (c === 0 || c === 1 || typeof c === 'boolean') properties.iscrowd = Number(c);
    else r.fail('invalid_field', 'iscrowd must be 0 or 1', 'iscrowd');
  }
  if (r.has('area')) {
    const a = r.number('area', { min: 0 });
    if (a !== undefined) properties.area = a;
  }
  const seg = o.segmentation;
  if (isJsonObject(seg)) {
    try {
      const { rle, encoding } = decodeCocoRle(seg, r.at('segmentation'));
      shapes.mask = rle;
      properties.mask_encoding = encoding;
    } catch (err) {
      if (!(err instanceof FormatError)) throw err;
      r.fail('invalid_rle', err.message.replace(/ \(.*\)$/, ''), 'segmentation');
    }
  } else if (seg !== undefined && seg !== null) shapes.polygons = readPolygons(r, seg);
  if (r.has('keypoints')) shapes.keypoints = readKeypoints(r);
  const attributes = readAttributes(r);
  const score = r.has('score') ? r.number('score') : undefined;
  if (r.errors > 0 || id === undefined || imageId === undefined || categoryId === undefined) return undefined;
  return {
    id,
    imageId,
    categoryId,
    ...shapes,
    attributes,
    properties,
    ...(score === undefined ? {} : { score }),
  } as IrObject;
}
