import { polygonBounds } from '@tessera/geometry';
import type { IrDataset, IrImage, IrObject } from '../ir';
import { createIssueLog, type Issue } from '../issue';
import { isJsonObject } from '../json/json-value';
import { createLossSummary, type LossSummary } from '../loss-summary';
import { coordText } from '../number-text';
import { objectsByImage } from '../objects-by-image';
import { writeDataYaml } from './data-yaml';
import { yoloLabelPath } from './yolo-import';

export interface YoloExportOptions {
  /** `detect` writes boxes, `segment` polygons; default: segment when any object has a polygon. */
  readonly task?: 'detect' | 'segment';
  /** data.yaml fields (path, train, val, test); default: those kept from a YOLO import, else none. */
  readonly fields?: Readonly<Record<string, string>>;
}

export interface YoloExportResult {
  readonly issues: readonly Issue[];
  readonly dataYaml: string;
  /** One label file per image (empty for an image without objects), produced lazily. */
  readonly files: () => Iterable<{ readonly path: string; readonly text: string }>;
}

function row(
  o: IrObject,
  image: IrImage,
  cls: number,
  task: 'detect' | 'segment',
  loss: LossSummary,
): string | undefined {
  const W = image.width;
  const H = image.height;
  const ring = o.polygons?.[0];
  if ((o.polygons?.length ?? 0) > 1)
    loss.add('polygon_parts_dropped', 'YOLO rows hold one polygon: later parts dropped', o.id);
  if (o.rotation !== undefined && o.rotation !== 0)
    loss.add('rotation_dropped', 'YOLO detect boxes are axis-aligned: rotation dropped', o.id);
  if (o.keypoints !== undefined || o.points !== undefined || o.polyline !== undefined || o.mask !== undefined)
    loss.add(
      'shape_dropped',
      'YOLO detect/segment rows carry no keypoints, points, polylines or masks: dropped',
      o.id,
    );
  if (Object.keys(o.attributes).length > 0)
    loss.add('attributes_dropped', 'YOLO has no attributes: dropped', o.id);
  if (task === 'segment' && ring !== undefined && ring.length >= 3)
    return [cls, ...ring.flatMap((p) => [coordText(p.x / W), coordText(p.y / H)])].join(' ');
  const box = o.box ?? (ring !== undefined && ring.length > 0 ? polygonBounds(ring) : undefined);
  if (box === undefined) {
    loss.add('object_dropped', 'no box or polygon to write: object dropped', o.id);
    return undefined;
  }
  if (task === 'segment') {
    loss.add('box_as_polygon', 'segment task: box written as its 4-corner polygon', o.id);
    const xs = [box.x, box.x + box.w, box.x + box.w, box.x];
    const ys = [box.y, box.y, box.y + box.h, box.y + box.h];
    return [cls, ...xs.flatMap((x, i) => [coordText(x / W), coordText(ys[i]! / H)])].join(' ');
  }
  if (o.box === undefined)
    loss.add('polygon_as_box', 'detect task: polygon written as its bounding box', o.id);
  return [cls, (box.x + box.w / 2) / W, (box.y + box.h / 2) / H, box.w / W, box.h / H]
    .map((v, i) => (i === 0 ? String(v) : coordText(v)))
    .join(' ');
}

/**
 * IR → Ultralytics YOLO: `data.yaml` (names in category order: class id = position) and one label file per
 * image at `yoloLabelPath(fileName)`, coordinates normalised by the image size with 12 significant digits.
 * Categories whose ids are not already 0..N−1 in order are renumbered (warning); lost shapes, attributes and
 * properties are listed as warnings.
 */
export function exportYolo(dataset: IrDataset, options: YoloExportOptions = {}): YoloExportResult {
  const log = createIssueLog();
  const loss = createLossSummary();
  const classOf = new Map(dataset.categories.map((c, i) => [c.id, i]));
  if (dataset.categories.some((c, i) => c.id !== String(i)))
    log.warn('ids_assigned', 'YOLO class ids are positions: categories numbered 0..N-1 in order');
  const task =
    options.task ??
    (dataset.objects.some((o) => o.polygons !== undefined && o.polygons.length > 0) ? 'segment' : 'detect');
  const kept = dataset.extras['yolo:data'];
  const fields: Record<string, string> = { ...(options.fields ?? {}) };
  if (options.fields === undefined && isJsonObject(kept))
    for (const [k, v] of Object.entries(kept)) if (typeof v === 'string') fields[k] = v;
  const byImage = objectsByImage(dataset, log);
  const rows = dataset.images.map((image) => {
    const lines = (byImage.get(image.id) ?? [])
      .map((o) => row(o, image, classOf.get(o.categoryId)!, task, loss))
      .filter((l) => l !== undefined);
    return { path: yoloLabelPath(image.fileName), text: lines.length === 0 ? '' : `${lines.join('\n')}\n` };
  });
  const properties = new Set(dataset.objects.flatMap((o) => Object.keys(o.properties)));
  if (properties.size > 0)
    log.warn(
      'properties_dropped',
      `YOLO has no object properties: ${[...properties].sort().join(', ')} dropped`,
    );
  loss.flush(log);
  const dataYaml = writeDataYaml({ names: dataset.categories.map((c) => c.name), fields });
  return { issues: log.issues, dataYaml, files: () => rows };
}
