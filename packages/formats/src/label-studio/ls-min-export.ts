import type { ExportResult, IrDataset, IrObject } from '../ir';
import { createIssueLog } from '../issue';
import { isJsonArray, isJsonObject, type JsonObject, type JsonValue } from '../json/json-value';
import { jsonListChunks } from '../json/json-write';
import { createLossSummary } from '../loss-summary';
import { objectsByImage } from '../objects-by-image';
import { PLACEHOLDER } from './ls-import';
import { LS_PROPERTIES, regionResult } from './ls-results';
import { keptAndFreshTasks } from './ls-task-list';

/** Puts a task's objects back under their control keys (kept order first, then new ones by `from_name`). */
function fillMinTask(
  task: JsonObject,
  list: readonly IrObject[],
  item: (o: IrObject) => JsonValue[],
): JsonObject {
  const objects = new Map(list.map((o) => [o.id, o]));
  const out: Record<string, JsonValue> = {};
  for (const [k, v] of Object.entries(task)) {
    const ids = isJsonObject(v) && isJsonArray(v[PLACEHOLDER]) ? v[PLACEHOLDER] : undefined;
    if (ids === undefined) {
      out[k] = v;
      continue;
    }
    out[k] = ids.flatMap((id) => {
      const o = objects.get(String(id));
      objects.delete(String(id));
      return o === undefined ? [] : item(o);
    });
  }
  for (const o of objects.values()) {
    const key = String(o.properties.from_name ?? 'label');
    out[key] = [...(isJsonArray(out[key]) ? out[key] : []), ...item(o)];
  }
  return out;
}

/**
 * IR → Label Studio JSON-MIN: one flat object per image, the regions under their control's key (`from_name`,
 * default `label`) as `{…value, original_width, original_height}`. Tasks kept from a JSON-MIN import keep
 * their other keys and region order. Attributes cannot be tied to regions here: listed as lost.
 */
export function exportLabelStudioMin(dataset: IrDataset): ExportResult {
  const log = createIssueLog();
  const loss = createLossSummary();
  const labels = new Map(dataset.categories.map((c) => [c.id, c.name]));
  const byImage = objectsByImage(dataset, log);
  for (const o of dataset.objects)
    if (Object.keys(o.attributes).length > 0)
      loss.add('attributes_dropped', 'JSON-MIN cannot tie attributes to a region: dropped', o.id);
  const images = new Map(dataset.images.map((i) => [i.id, i]));
  const item = (o: IrObject): JsonValue[] => {
    const image = images.get(o.imageId);
    const r = image === undefined ? undefined : regionResult(o, image, labels.get(o.categoryId)!, loss);
    return r === undefined || !isJsonObject(r.value)
      ? []
      : [{ ...r.value, original_width: r.original_width!, original_height: r.original_height! }];
  };
  const fill = (task: JsonObject, imageId: string) => fillMinTask(task, byImage.get(imageId) ?? [], item);
  const { skeletons, fresh, ids } = keptAndFreshTasks(dataset, 'label-studio-min:tasks', log);
  const tasks = [
    ...skeletons.map((t) => fill(t, String(t.id))),
    ...fresh.map((i) => fill({ image: i.fileName, id: ids.get(i.id)! }, i.id)),
  ];
  const dropped = new Set(
    dataset.objects.flatMap((o) => Object.keys(o.properties).filter((k) => !LS_PROPERTIES.has(k))),
  );
  if (dropped.size > 0)
    log.warn(
      'properties_dropped',
      `JSON-MIN regions have no field for ${[...dropped].sort().join(', ')}: dropped`,
    );
  loss.flush(log);
  return { issues: log.issues, chunks: () => jsonListChunks(tasks) };
}
