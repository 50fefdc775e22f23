import type { ImportOptions, ImportResult, IrCategory, IrImage, IrObject } from '../ir';
import type { Issue } from '../issue';
import type { JsonValue } from '../json/json-value';
import type { TextSource } from '../text-source';
import { type CocoStreamOptions, streamCoco } from './coco-stream';

/**
 * Reads a whole COCO file into the IR (see `streamCoco` for the checks). With any error the result is
 * `ok: false` and carries only the issues, unless `skipInvalid`: then the valid records are returned and the
 * invalid ones are listed as error issues (a document that cannot be read at all is never ok).
 */
export async function importCoco(
  source: TextSource,
  options: ImportOptions & CocoStreamOptions = {},
): Promise<ImportResult> {
  const images: IrImage[] = [];
  const categories: IrCategory[] = [];
  let objects: IrObject[] = [];
  const extras: Record<string, JsonValue> = {};
  const issues: Issue[] = [];
  let fatal = false;
  for await (const event of streamCoco(source, options)) {
    if (event.type === 'image') images.push(event.image);
    else if (event.type === 'category') categories.push(event.category);
    else if (event.type === 'object') objects.push(event.object);
    else if (event.type === 'extra') extras[event.key] = event.value;
    else if (event.type === 'issue') {
      issues.push(event.issue);
      if (event.issue.code.startsWith('format_')) fatal = true;
    } else if (event.unknownCategoryIds.length > 0) {
      const unknown = new Set(event.unknownCategoryIds);
      objects = objects.filter((o) => !unknown.has(o.categoryId));
    }
  }
  const hasErrors = issues.some((i) => i.severity === 'error');
  if (fatal || (hasErrors && !options.skipInvalid)) return { ok: false, issues };
  return { ok: true, dataset: { images, categories, objects, extras }, issues };
}
