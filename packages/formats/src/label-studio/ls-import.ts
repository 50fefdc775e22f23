import type { ImportOptions, ImportResult, IrImage, IrObject, IrValue } from '../ir';
import type { IssueLog, Position } from '../issue';
import { FieldReader } from '../json/field-reader';
import type { JsonRecord, JsonScanLimits } from '../json/json-records';
import { isJsonArray, isJsonObject, type JsonObject, type JsonValue, jsonPointer } from '../json/json-value';
import type { TextSource } from '../text-source';
import { ATTRIBUTE_TYPES, REGION_TYPES, readRegion, readRegionAttribute } from './ls-region';
import { importTaskList } from './ls-task-list';

/** Where a converted result sat in its annotation's `result` list (the export puts it back there). */
export const PLACEHOLDER = '$tessera';

export interface LabelStudioImportOptions extends ImportOptions, JsonScanLimits {
  /** Size of a task's image when no region says it (tasks without regions); otherwise the task has no image. */
  readonly sizeOf?: (taskId: string, data: JsonObject) => { width: number; height: number } | undefined;
}

interface TaskOut {
  image?: IrImage;
  objects: IrObject[];
  skeleton: JsonValue;
  controls: Record<string, string>;
}

function fileNameOf(data: JsonObject): string {
  if (typeof data.image === 'string') return data.image;
  for (const v of Object.values(data)) if (typeof v === 'string') return v;
  return '';
}

function readAnnotation(
  ann: JsonObject,
  taskId: string,
  path: (string | number)[],
  position: Position,
  log: IssueLog,
  out: TaskOut,
): JsonValue {
  const annId = ann.id === undefined || ann.id === null ? String(path[path.length - 1]) : String(ann.id);
  const result = ann.result;
  if (!isJsonArray(result)) return ann;
  const byRegion = new Map<string, IrObject>();
  const items: JsonValue[] = result.map((res, k) => {
    if (!isJsonObject(res) || !(String(res.type) in REGION_TYPES)) return res;
    const objectId = `${taskId}:${annId}:${typeof res.id === 'string' || typeof res.id === 'number' ? res.id : k}`;
    const region = readRegion(res, [...path, 'result', k], position, log, objectId);
    if (region === undefined) return res;
    if (out.image === undefined)
      out.image = { id: taskId, fileName: '', width: region.width, height: region.height, properties: {} };
    else if (out.image.width !== region.width || out.image.height !== region.height) {
      log.error('size_mismatch', 'regions of one task give different original_width/height', {
        ...position,
        path: jsonPointer([...path, 'result', k]),
      });
      return res;
    }
    const object: IrObject = {
      ...region.object,
      imageId: taskId,
      properties: { ...region.object.properties, annotation_id: annId },
    };
    out.objects.push(object);
    byRegion.set(String(res.id), object);
    return { [PLACEHOLDER]: objectId };
  });
  const attributes = new Map<IrObject, Record<string, IrValue>>();
  const final = items.map((res) => {
    if (!isJsonObject(res) || !ATTRIBUTE_TYPES.has(String(res.type))) return res;
    const target = byRegion.get(String(res.id));
    const pair = target === undefined ? undefined : readRegionAttribute(res, position, log);
    if (target === undefined || pair === undefined) return res;
    attributes.set(target, { ...(attributes.get(target) ?? {}), [pair[0]]: pair[1] });
    out.controls[pair[0]] = String(res.type);
    return { [PLACEHOLDER]: target.id, attribute: pair[0] };
  });
  out.objects = out.objects.map((o) => (attributes.has(o) ? { ...o, attributes: attributes.get(o)! } : o));
  return { ...ann, result: final };
}

function readTask(record: JsonRecord, log: IssueLog, options: LabelStudioImportOptions): TaskOut | undefined {
  const v = record.value;
  if (!isJsonObject(v)) return void log.error('invalid_record', 'a task must be an object', record.position);
  const r = new FieldReader(v, record.path, record.position, log);
  const taskId = r.id('id');
  const data = v.data;
  if (!isJsonObject(data)) r.fail('invalid_field', 'data must be an object', 'data');
  if (taskId === undefined || !isJsonObject(data)) return undefined;
  const out: TaskOut = { objects: [], skeleton: null, controls: {} };
  const before = log.issues.length;
  const annotations = isJsonArray(v.annotations)
    ? v.annotations.map((a, i) =>
        isJsonObject(a)
          ? readAnnotation(a, taskId, [...record.path, 'annotations', i], record.position, log, out)
          : a,
      )
    : v.annotations;
  if (isJsonArray(v.predictions) && v.predictions.length > 0)
    log.warn('predictions_not_read', 'predictions are kept for the export but not read', r.at('predictions'));
  if (log.issues.slice(before).some((i) => i.severity === 'error')) return undefined;
  const size = out.image ?? options.sizeOf?.(taskId, data);
  if (size === undefined)
    log.warn(
      'image_size_unknown',
      'no region gives the image size: the task has no IR image',
      record.position,
    );
  else
    out.image = {
      id: taskId,
      fileName: fileNameOf(data),
      width: size.width,
      height: size.height,
      properties: {},
    };
  out.skeleton = annotations === undefined ? v : { ...v, annotations };
  return out;
}

/**
 * Reads a Label Studio JSON export (a list of tasks), streamed task by task: rectangle, polygon and keypoint
 * regions (percent of `original_width/height` → pixels; rectangles rotated about their top-left corner →
 * about the centre) become objects (category = first label, id `<task>:<annotation>:<region>`); per-region
 * choices, text areas, numbers and ratings become their attributes. Each task's other content (data,
 * predictions, other results) is kept in `extras['label-studio:tasks']` so the export can put it back.
 */
export function importLabelStudio(
  source: TextSource,
  options: LabelStudioImportOptions = {},
): Promise<ImportResult> {
  const controls: Record<string, string> = {};
  const read = (record: JsonRecord, log: IssueLog) => {
    const task = readTask(record, log, options);
    if (task === undefined) return undefined;
    Object.assign(controls, task.controls);
    return { ...task, id: task.image?.id ?? String((record.value as JsonObject).id) };
  };
  return importTaskList(source, options, 'a Label Studio export', read, (skeletons) => ({
    'label-studio:tasks': skeletons,
    'label-studio:controls': controls,
  }));
}
