import type { IrObject, IrValue } from '../ir';
import type { IssueLog, Position } from '../issue';
import { FieldReader } from '../json/field-reader';
import { isJsonArray, isJsonObject, type JsonObject, type JsonValue } from '../json/json-value';
import { rectFromLs } from './ls-geometry';
import { pxOf } from './ls-percent';

/** Region types read as objects, by their label-less name. */
export const REGION_TYPES: Readonly<Record<string, 'rectangle' | 'polygon' | 'keypoint'>> = {
  rectanglelabels: 'rectangle',
  rectangle: 'rectangle',
  polygonlabels: 'polygon',
  polygon: 'polygon',
  keypointlabels: 'keypoint',
  keypoint: 'keypoint',
};

/** Per-region classification results read as attributes of the region with the same id. */
export const ATTRIBUTE_TYPES = new Set(['choices', 'textarea', 'number', 'rating']);

const RESULT_KNOWN = new Set([
  'id',
  'type',
  'value',
  'from_name',
  'to_name',
  'original_width',
  'original_height',
  'image_rotation',
  'origin',
  'score',
]);

export interface LsRegion {
  readonly object: Omit<IrObject, 'imageId'>;
  readonly width: number;
  readonly height: number;
  readonly labelName: string;
}

function keepPrimitives(r: FieldReader, props: Record<string, IrValue>): void {
  for (const [k, v] of Object.entries(r.record)) {
    if (RESULT_KNOWN.has(k)) continue;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') props[`ls.${k}`] = v;
    else if (v !== null) r.log.warn('field_dropped', `result field ${k} is not kept`, r.at(k));
  }
}

/** The geometry of a region's `value` in pixels, or undefined (errors logged on `vr`). */
function regionShape(
  kind: 'rectangle' | 'polygon' | 'keypoint',
  vr: FieldReader,
  width: number,
  height: number,
): Partial<IrObject> | undefined {
  const value = vr.record;
  if (kind === 'rectangle') {
    const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((k) => vr.number(k));
    const rotation = vr.number('rotation', { required: false }) ?? 0;
    if (w !== undefined && h !== undefined && (w < 0 || h < 0))
      return vr.fail('invalid_box', 'width and height must be ≥ 0', 'width');
    if (x === undefined || y === undefined || w === undefined || h === undefined) return undefined;
    const { box, rotation: rot } = rectFromLs({ x, y, width: w, height: h, rotation }, width, height);
    return { box, ...(rot !== 0 ? { rotation: rot } : {}) };
  }
  if (kind === 'polygon') {
    const pts = value.points;
    if (!isJsonArray(pts) || pts.length < 3)
      return vr.fail('invalid_field', 'points must be at least 3 [x, y] pairs', 'points');
    const ring = pts.map((p, i) => vr.numbers(p, { length: 2 }, 'points', i));
    if (!ring.every((p) => p !== undefined)) return undefined;
    return { polygons: [ring.map((p) => ({ x: pxOf(p![0]!, width), y: pxOf(p![1]!, height) }))] };
  }
  const [x, y] = ['x', 'y'].map((k) => vr.number(k));
  return x === undefined || y === undefined
    ? undefined
    : { points: [{ x: pxOf(x, width), y: pxOf(y, height) }] };
}

/** One region result (rectangle, polygon, keypoint; with or without labels) → an IR object. */
export function readRegion(
  v: JsonObject,
  path: readonly (string | number)[],
  position: Position,
  log: IssueLog,
  objectId: string,
  valuePath: readonly (string | number)[] = [...path, 'value'],
): LsRegion | undefined {
  const r = new FieldReader(v, path, position, log);
  const type = String(v.type);
  const kind = REGION_TYPES[type]!;
  const width = r.number('original_width', { positive: true });
  const height = r.number('original_height', { positive: true });
  const value = v.value;
  if (!isJsonObject(value)) return r.fail('invalid_field', 'value must be an object', 'value');
  const labelsKey = `${kind}labels`;
  const labels = value[labelsKey] ?? value.labels;
  let labelName: string | undefined;
  if (isJsonArray(labels) && labels.length > 0 && labels.every((l) => typeof l === 'string')) {
    labelName = labels[0] as string;
    if (labels.length > 1)
      log.warn(
        'labels_dropped',
        `only the first of ${labels.length} labels is kept`,
        r.at('value', labelsKey),
      );
  } else r.fail('missing_label', `a ${type} region needs a ${labelsKey} list`, 'value');
  const vr = new FieldReader(value, valuePath, position, log);
  const shape =
    width === undefined || height === undefined ? undefined : regionShape(kind, vr, width, height);
  const properties: Record<string, IrValue> = { ls_type: type };
  for (const k of ['from_name', 'to_name', 'origin'])
    if (typeof v[k] === 'string') properties[k] = v[k] as string;
  if (typeof v.image_rotation === 'number') properties.image_rotation = v.image_rotation;
  if (typeof v.id === 'string' || typeof v.id === 'number') properties.region_id = v.id;
  if (kind === 'keypoint' && typeof value.width === 'number') properties.keypoint_width = value.width;
  if (kind === 'polygon' && typeof value.closed === 'boolean') properties.closed = value.closed;
  keepPrimitives(r, properties);
  const score = typeof v.score === 'number' ? v.score : undefined;
  if (
    r.errors + vr.errors > 0 ||
    shape === undefined ||
    labelName === undefined ||
    width === undefined ||
    height === undefined
  )
    return undefined;
  const object = {
    id: objectId,
    categoryId: labelName,
    ...shape,
    attributes: {},
    properties,
    ...(score === undefined ? {} : { score }),
  } as Omit<IrObject, 'imageId'>;
  return { object, width, height, labelName };
}

/** A per-region classification result → [attribute name, value], or undefined when it has no usable value. */
export function readRegionAttribute(
  v: JsonObject,
  position: Position,
  log: IssueLog,
): [string, IrValue] | undefined {
  const name = typeof v.from_name === 'string' ? v.from_name : undefined;
  const value = v.value;
  if (name === undefined || !isJsonObject(value)) return undefined;
  const type = String(v.type);
  const raw: JsonValue | undefined =
    type === 'choices' ? value.choices : type === 'textarea' ? value.text : value[type];
  if (typeof raw === 'number' || typeof raw === 'string' || typeof raw === 'boolean') return [name, raw];
  if (isJsonArray(raw) && raw.length >= 1 && raw.every((x) => typeof x === 'string')) {
    if (raw.length > 1)
      log.warn('values_joined', `${name}: ${raw.length} values joined with "\\n"`, position);
    return [name, raw.join('\n')];
  }
  return undefined;
}
