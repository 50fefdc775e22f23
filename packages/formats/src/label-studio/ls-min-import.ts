import type { ImportResult, IrImage, IrObject } from '../ir';
import type { IssueLog } from '../issue';
import { FieldReader } from '../json/field-reader';
import type { JsonRecord } from '../json/json-records';
import { isJsonArray, isJsonObject, type JsonObject, type JsonValue } from '../json/json-value';
import type { TextSource } from '../text-source';
import { type LabelStudioImportOptions, PLACEHOLDER } from './ls-import';
import { readRegion } from './ls-region';
import { importTaskList } from './ls-task-list';

const SIZE_KEYS = new Set(['original_width', 'original_height']);

/** The region type of a JSON-MIN item: by its labels key, else by its fields. */
function regionType(item: JsonObject): string | undefined {
  for (const t of ['rectanglelabels', 'polygonlabels', 'keypointlabels']) if (t in item) return t;
  return undefined;
}

function isRegionList(v: JsonValue | undefined): v is readonly JsonObject[] {
  return (
    isJsonArray(v) &&
    v.length > 0 &&
    v.every((x) => isJsonObject(x) && regionType(x) !== undefined && 'original_width' in x)
  );
}

function readMinTask(record: JsonRecord, log: IssueLog) {
  const v = record.value;
  if (!isJsonObject(v))
    return void log.error('invalid_record', 'a JSON-MIN task must be an object', record.position);
  const r = new FieldReader(v, record.path, record.position, log);
  const taskId = r.id('id');
  if (taskId === undefined) return undefined;
  const objects: IrObject[] = [];
  let image: IrImage | undefined;
  const before = log.issues.length;
  const skeleton: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(v)) {
    if (!isRegionList(value)) {
      skeleton[key] = value;
      continue;
    }
    const ids: string[] = [];
    value.forEach((item, i) => {
      const result: Record<string, JsonValue> = { type: regionType(item)!, from_name: key, value: {} };
      const inner: Record<string, JsonValue> = {};
      for (const [k, x] of Object.entries(item)) (SIZE_KEYS.has(k) ? result : inner)[k] = x;
      result.value = inner;
      const at = [...record.path, key, i];
      const region = readRegion(result, at, record.position, log, `${taskId}:${key}:${i + 1}`, at);
      if (region === undefined) return;
      if (image === undefined)
        image = {
          id: taskId,
          fileName: typeof v.image === 'string' ? v.image : '',
          width: region.width,
          height: region.height,
          properties: {},
        };
      else if (image.width !== region.width || image.height !== region.height) {
        log.error('size_mismatch', 'regions of one task give different original sizes', r.at(key, i));
        return;
      }
      const { from_name: _f, ls_type: _t, ...properties } = region.object.properties;
      objects.push({ ...region.object, imageId: taskId, properties: { ...properties, from_name: key } });
      ids.push(region.object.id);
    });
    skeleton[key] = { [PLACEHOLDER]: ids };
  }
  if (log.issues.slice(before).some((i) => i.severity === 'error')) return undefined;
  if (image === undefined)
    log.warn(
      'image_size_unknown',
      'no region gives the image size: the task has no IR image',
      record.position,
    );
  return { id: taskId, image, objects, skeleton };
}

/**
 * Reads Label Studio's JSON-MIN export (one flat object per task: data keys, one key per control holding
 * its regions with `original_width/height`, annotator fields). Regions become objects as in the full JSON
 * (id `<task>:<control>:<n>`); every other key is kept for the export. JSON-MIN cannot tie per-region
 * choices to their region, so those stay task-level keys.
 */
export function importLabelStudioMin(
  source: TextSource,
  options: LabelStudioImportOptions = {},
): Promise<ImportResult> {
  return importTaskList(source, options, 'a JSON-MIN export', readMinTask, (skeletons) => ({
    'label-studio-min:tasks': skeletons,
  }));
}
