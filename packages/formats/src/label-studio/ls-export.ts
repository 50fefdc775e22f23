import type { ExportResult, IrDataset, IrImage, IrObject } from '../ir';
import { createIssueLog, type IssueLog } from '../issue';
import { isJsonArray, isJsonObject, type JsonObject, type JsonValue } from '../json/json-value';
import { jsonListChunks } from '../json/json-write';
import { createLossSummary, type LossSummary } from '../loss-summary';
import { objectsByImage } from '../objects-by-image';
import { PLACEHOLDER } from './ls-import';
import { attributeResult, LS_PROPERTIES, regionResult } from './ls-results';
import { keptAndFreshTasks } from './ls-task-list';

interface Ctx {
  readonly images: ReadonlyMap<string, IrImage>;
  readonly byImage: ReadonlyMap<string, IrObject[]>;
  readonly labels: ReadonlyMap<string, string>;
  readonly controls: Readonly<Record<string, JsonValue>>;
  readonly loss: LossSummary;
}

/** The results of an object not yet written: its region unless placed, and its attributes not yet placed. */
function objectResults(
  o: IrObject,
  image: IrImage,
  ctx: Ctx,
  placed: boolean,
  skipAttributes: ReadonlySet<string>,
): JsonValue[] {
  const region = placed ? undefined : regionResult(o, image, ctx.labels.get(o.categoryId)!, ctx.loss);
  if (!placed && region === undefined) return [];
  const attrs = Object.entries(o.attributes).filter(([k]) => !skipAttributes.has(k));
  return [
    ...(region === undefined ? [] : [region]),
    ...attrs.map(([k, v]) => attributeResult(o, image, k, v, ctx.controls)),
  ];
}

/** Puts the task's objects back where the import found them; new objects go to their annotation (or the first). */
function fillTask(task: JsonObject, ctx: Ctx): JsonObject {
  const image = ctx.images.get(String(task.id));
  const objects = new Map(
    (image === undefined ? [] : (ctx.byImage.get(image.id) ?? [])).map((o) => [o.id, o]),
  );
  const used = new Map<string, Set<string>>();
  const placed = new Set<string>();
  const annotations = isJsonArray(task.annotations) ? task.annotations : [];
  const filled = annotations.map((ann) => {
    if (!isJsonObject(ann) || !isJsonArray(ann.result)) return ann;
    const result = ann.result.flatMap((item): JsonValue[] => {
      if (!isJsonObject(item) || typeof item[PLACEHOLDER] !== 'string') return [item];
      const o = objects.get(item[PLACEHOLDER]);
      if (o === undefined || image === undefined) return [];
      const names = used.get(o.id) ?? new Set<string>();
      used.set(o.id, names);
      if (typeof item.attribute === 'string') {
        const v = o.attributes[item.attribute];
        names.add(item.attribute);
        return v === undefined ? [] : [attributeResult(o, image, item.attribute, v, ctx.controls)];
      }
      placed.add(o.id);
      const r = regionResult(o, image, ctx.labels.get(o.categoryId)!, ctx.loss);
      return r === undefined ? [] : [r];
    });
    return { ...ann, result };
  });
  const rest = [...objects.values()].flatMap((o) =>
    (image === undefined
      ? []
      : objectResults(o, image, ctx, placed.has(o.id), used.get(o.id) ?? new Set())
    ).map((r) => ({ o, r })),
  );
  if (rest.length === 0) return { ...task, annotations: filled };
  const out = filled.length > 0 ? [...filled] : [{ id: 1, result: [] }];
  for (const { o, r } of rest) {
    const at = Math.max(
      0,
      out.findIndex((a) => isJsonObject(a) && String(a.id) === String(o.properties.annotation_id)),
    );
    const a = out[at] as JsonObject;
    out[at] = { ...a, result: [...(isJsonArray(a.result) ? a.result : []), r] };
  }
  return { ...task, annotations: out };
}

function context(dataset: IrDataset, log: IssueLog, loss: LossSummary): Ctx {
  const labels = new Map(dataset.categories.map((c) => [c.id, c.name]));
  const byImage = objectsByImage(dataset, log);
  const controls = dataset.extras['label-studio:controls'];
  return {
    images: new Map(dataset.images.map((i) => [i.id, i])),
    byImage,
    labels,
    controls: isJsonObject(controls) ? controls : {},
    loss,
  };
}

/**
 * IR → Label Studio JSON export (a list of tasks). Tasks kept from a Label Studio import are written back with
 * their data, predictions and other results, regions in their original places; other images become new tasks
 * `{id, data: {image}, annotations: [{id: 1, result}]}`. Lost shapes and properties are listed as warnings.
 */
export function exportLabelStudio(dataset: IrDataset): ExportResult {
  const log = createIssueLog();
  const loss = createLossSummary();
  const ctx = context(dataset, log, loss);
  const { skeletons, fresh, ids } = keptAndFreshTasks(dataset, 'label-studio:tasks', log);
  const tasks: JsonObject[] = [
    ...skeletons.map((t) => fillTask(t, ctx)),
    ...fresh.map((i) =>
      fillTask(
        { id: ids.get(i.id)!, data: { image: i.fileName }, annotations: [], predictions: [] },
        {
          ...ctx,
          images: new Map([[String(ids.get(i.id)), i]]),
          byImage: new Map([[i.id, ctx.byImage.get(i.id) ?? []]]),
        },
      ),
    ),
  ];
  const dropped = new Set(
    dataset.objects.flatMap((o) =>
      Object.keys(o.properties).filter((k) => !LS_PROPERTIES.has(k) && !k.startsWith('ls.')),
    ),
  );
  if (dropped.size > 0)
    log.warn(
      'properties_dropped',
      `Label Studio regions have no field for ${[...dropped].sort().join(', ')}: dropped`,
    );
  loss.flush(log);
  return {
    issues: log.issues,
    chunks: () => jsonListChunks(tasks),
  };
}
