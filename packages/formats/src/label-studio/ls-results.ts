import type { IrImage, IrObject, IrValue } from '../ir';
import type { JsonObject, JsonValue } from '../json/json-value';
import type { LossSummary } from '../loss-summary';
import { rectToLs } from './ls-geometry';
import { percentOf } from './ls-percent';

/** Object properties that the Label Studio export writes back into the region. */
export const LS_PROPERTIES = new Set([
  'ls_type',
  'from_name',
  'to_name',
  'origin',
  'image_rotation',
  'region_id',
  'keypoint_width',
  'closed',
  'annotation_id',
]);

/** An object's region result (percent of the image size, the shortest value that maps back exactly), or undefined (with a loss noted) when Label Studio image regions cannot hold it. */
export function regionResult(
  o: IrObject,
  image: IrImage,
  label: string,
  loss: LossSummary,
): JsonObject | undefined {
  const p = o.properties;
  const W = image.width;
  const H = image.height;
  let type: string;
  let value: Record<string, JsonValue>;
  if (o.box !== undefined) {
    const r = rectToLs(o.box, o.rotation ?? 0, W, H);
    type = 'rectanglelabels';
    value = { x: r.x, y: r.y, width: r.width, height: r.height, rotation: r.rotation };
  } else if (o.polygons !== undefined && o.polygons.length > 0) {
    type = 'polygonlabels';
    value = { points: o.polygons[0]!.map((q) => [percentOf(q.x, W), percentOf(q.y, H)]) };
    if (typeof p.closed === 'boolean') value.closed = p.closed;
  } else if (o.points !== undefined && o.points.length > 0) {
    type = 'keypointlabels';
    value = { x: percentOf(o.points[0]!.x, W), y: percentOf(o.points[0]!.y, H) };
    if (typeof p.keypoint_width === 'number') value.width = p.keypoint_width;
    if (o.points.length > 1)
      loss.add('points_dropped', 'a keypoint region holds one point: later points dropped', o.id);
  } else {
    loss.add(
      'object_dropped',
      'Label Studio image regions here are rectangles, polygons and keypoints: object dropped',
      o.id,
    );
    return undefined;
  }
  if (typeof p.ls_type === 'string' && !p.ls_type.endsWith('labels')) type = p.ls_type;
  if (
    (o.polygons?.length ?? 0) > (o.box === undefined ? 1 : 0) ||
    o.keypoints !== undefined ||
    o.mask !== undefined ||
    o.polyline !== undefined
  )
    loss.add('shape_dropped', 'extra shapes (polygon parts, keypoints, masks, polylines) dropped', o.id);
  const labelsKey = type.endsWith('labels') ? type : `${type}labels`;
  value[labelsKey] = [label];
  const out: Record<string, JsonValue> = {
    original_width: W,
    original_height: H,
    image_rotation: typeof p.image_rotation === 'number' ? p.image_rotation : 0,
    value,
    id: String(p.region_id ?? o.id),
    from_name: String(p.from_name ?? 'label'),
    to_name: String(p.to_name ?? 'image'),
    type,
  };
  if (p.origin !== undefined) out.origin = String(p.origin);
  if (o.score !== undefined) out.score = o.score;
  for (const [k, v] of Object.entries(p)) if (k.startsWith('ls.')) out[k.slice(3)] = v;
  return out;
}

export function attributeResult(
  o: IrObject,
  image: IrImage,
  name: string,
  v: IrValue,
  controls: Readonly<Record<string, JsonValue>>,
): JsonObject {
  const control =
    typeof controls[name] === 'string'
      ? (controls[name] as string)
      : typeof v === 'number'
        ? 'number'
        : 'choices';
  const value: JsonValue =
    control === 'choices'
      ? { choices: String(v).split('\n') }
      : control === 'textarea'
        ? { text: [String(v)] }
        : { [control]: v };
  return {
    original_width: image.width,
    original_height: image.height,
    image_rotation: typeof o.properties.image_rotation === 'number' ? o.properties.image_rotation : 0,
    value,
    id: String(o.properties.region_id ?? o.id),
    from_name: name,
    to_name: String(o.properties.to_name ?? 'image'),
    type: control,
    ...(o.properties.origin === undefined ? {} : { origin: String(o.properties.origin) }),
  };
}
