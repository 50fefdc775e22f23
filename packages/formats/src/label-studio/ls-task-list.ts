import { FormatError } from '../format-error';
import { integerIds } from '../id-map';
import type { ImportOptions, ImportResult, IrCategory, IrDataset, IrImage, IrObject } from '../ir';
import { createIssueLog, type IssueLog } from '../issue';
import { type JsonRecord, JsonRecordScanner, type JsonScanLimits } from '../json/json-records';
import { isJsonArray, isJsonObject, type JsonValue } from '../json/json-value';
import { type TextSource, textChunks } from '../text-source';
import { formatErrorIssue } from '../xml/xml-import-error';

/** One task of a Label Studio export, as read by its format's reader. */
export interface ListedTask {
  readonly id: string;
  readonly image?: IrImage;
  readonly objects: readonly IrObject[];
  /** The rest of the task, kept so the export can put it back. */
  readonly skeleton: JsonValue;
}

/**
 * Streams a top-level list of tasks (Label Studio JSON and JSON-MIN) through `readTask`: invalid records and
 * repeated task ids are errors at their position, categories are the labels objects use (in order of first
 * use), and `extras(skeletons)` keeps each task's other content. `what` names the format in errors.
 */
export async function importTaskList(
  source: TextSource,
  options: ImportOptions & JsonScanLimits,
  what: string,
  readTask: (record: JsonRecord, log: IssueLog) => ListedTask | undefined,
  extras: (skeletons: JsonValue[]) => Readonly<Record<string, JsonValue>>,
): Promise<ImportResult> {
  const log = createIssueLog();
  const images: IrImage[] = [];
  const objects: IrObject[] = [];
  const categories = new Map<string, IrCategory>();
  const skeletons: JsonValue[] = [];
  const seen = new Set<string>();
  const scanner = new JsonRecordScanner(options);
  const take = (records: JsonRecord[]) => {
    for (const record of records) {
      if (typeof record.path[0] === 'string')
        throw new FormatError('format_invalid', `${what} is a list of tasks`);
      if (record.kind === 'array') continue;
      if (record.kind === 'invalid') {
        log.error(
          'invalid_record',
          record.error?.message ?? 'invalid JSON',
          record.error?.position ?? record.position,
        );
        continue;
      }
      const task = readTask(record, log);
      if (task === undefined) continue;
      if (seen.has(task.id)) {
        log.error('duplicate_id', `task id ${task.id} appears twice`, {
          ...record.position,
          path: `${record.position.path}/id`,
        });
        continue;
      }
      seen.add(task.id);
      if (task.image !== undefined) images.push(task.image);
      for (const o of task.objects) {
        objects.push(o);
        if (!categories.has(o.categoryId))
          categories.set(o.categoryId, { id: o.categoryId, name: o.categoryId });
      }
      skeletons.push(task.skeleton);
    }
  };
  try {
    for await (const chunk of textChunks(source, options.maxTotalChars)) take(scanner.push(chunk));
    take(scanner.end());
  } catch (err) {
    if (!(err instanceof FormatError)) throw err;
    return { ok: false, issues: [...log.issues, formatErrorIssue(err)] };
  }
  if (log.hasErrors() && !options.skipInvalid) return { ok: false, issues: log.issues };
  return {
    ok: true,
    dataset: { images, categories: [...categories.values()], objects, extras: extras(skeletons) },
    issues: log.issues,
  };
}

/**
 * The export side: the tasks an import kept under `extras[key]` (put back as they were), the images no kept
 * task covers (new tasks), and integer task ids for those.
 */
export function keptAndFreshTasks(dataset: IrDataset, key: string, log: IssueLog) {
  const kept = dataset.extras[key];
  const skeletons = (isJsonArray(kept) ? kept : []).filter(isJsonObject);
  const keptIds = new Set(skeletons.map((t) => String(t.id)));
  const fresh = dataset.images.filter((i) => !keptIds.has(i.id));
  const ids = integerIds(
    fresh.map((i) => i.id),
    'image',
    log,
  );
  return { skeletons, fresh, ids };
}
