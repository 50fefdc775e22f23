import { FormatError } from '../format-error';
import type { IrCategory, IrImage, IrObject } from '../ir';
import { createIssueLog, type Issue, type IssueLog, type Position } from '../issue';
import { type JsonRecord, JsonRecordScanner, type JsonScanLimits } from '../json/json-records';
import type { JsonValue } from '../json/json-value';
import { type TextSource, textChunks } from '../text-source';
import { checkAgainstImage } from './coco-image-check';
import { readCocoAnnotation, readCocoCategory, readCocoImage } from './coco-records';

/** What `streamCoco` yields, in file order (objects waiting for their image come when it does). */
export type CocoEvent =
  | { readonly type: 'category'; readonly category: IrCategory }
  | { readonly type: 'image'; readonly image: IrImage }
  | { readonly type: 'object'; readonly object: IrObject }
  | { readonly type: 'extra'; readonly key: string; readonly value: JsonValue }
  | { readonly type: 'issue'; readonly issue: Issue }
  /** Last event. Objects already yielded whose category never appeared are invalid: drop those ids. */
  | { readonly type: 'end'; readonly unknownCategoryIds: readonly string[]; readonly errors: number };

export interface CocoStreamOptions extends JsonScanLimits {
  /** Annotations held while their image has not appeared yet (default 100,000); more is a format_limit. */
  readonly maxPendingObjects?: number;
}

interface Pending {
  readonly object: IrObject;
  readonly position: Position;
}

/**
 * Streams a COCO detection/segmentation/keypoints file (or a results list) from text chunks: memory holds one
 * record, the ids seen (duplicates are errors) and the annotations that precede their image. Every invalid
 * record becomes an error issue (with its JSON Pointer and line) and is not yielded; a document that cannot be
 * read at all ends with one `format_*` error issue. Category references are resolved at the end (COCO files
 * often list categories last).
 */
export async function* streamCoco(
  source: TextSource,
  options: CocoStreamOptions = {},
): AsyncGenerator<CocoEvent> {
  const state = new CocoStreamState(options.maxPendingObjects ?? 100_000);
  const scanner = new JsonRecordScanner(options);
  try {
    for await (const chunk of textChunks(source, options.maxTotalChars)) {
      for (const record of scanner.push(chunk)) yield* state.take(record);
    }
    for (const record of scanner.end()) yield* state.take(record);
    yield* state.finish();
  } catch (err) {
    if (!(err instanceof FormatError)) throw err;
    yield* state.drain();
    yield {
      type: 'issue',
      issue: {
        severity: 'error',
        code: err.code,
        message: err.message,
        ...(err.position ? { position: err.position } : {}),
      },
    };
    yield { type: 'end', unknownCategoryIds: [], errors: state.errors + 1 };
  }
}

class CocoStreamState {
  readonly log: IssueLog = createIssueLog();
  errors = 0;
  private readonly categories = new Set<string>();
  private readonly images = new Map<string, IrImage>();
  private readonly objectIds = new Set<string>();
  private readonly pending = new Map<string, Pending[]>();
  private pendingCount = 0;
  private readonly unresolved = new Map<string, { count: number; position: Position }>();
  private resultsFile = false;
  private readonly extraArrays = new Map<string, JsonValue[]>();

  constructor(private readonly maxPending: number) {}

  *drain(): Generator<CocoEvent> {
    for (const issue of this.log.issues) {
      if (issue.severity === 'error') this.errors++;
      yield { type: 'issue', issue };
    }
    this.log.issues.length = 0;
  }

  *take(record: JsonRecord): Generator<CocoEvent> {
    const [section, index] = record.path;
    if (record.kind === 'array') {
      if (record.path.length === 0) this.resultsFile = true;
      else if (!['images', 'annotations', 'categories'].includes(String(section)))
        this.extraArrays.set(String(section), []);
      return;
    }
    if (record.kind === 'invalid') {
      this.log.error(
        'invalid_record',
        record.error?.message ?? 'invalid JSON',
        record.error?.position ?? record.position,
      );
    } else if (this.resultsFile) this.annotation(record.value, record, Number(section) + 1);
    else if (section === 'images') this.image(record);
    else if (section === 'categories') this.category(record);
    else if (section === 'annotations') this.annotation(record.value, record, undefined);
    else if (index !== undefined) this.extraArrays.get(String(section))?.push(record.value);
    else yield { type: 'extra', key: String(section), value: record.value };
    yield* this.ready;
    this.ready = [];
    yield* this.drain();
  }

  private ready: CocoEvent[] = [];

  private image(record: JsonRecord): void {
    const image = readCocoImage(record.value, record.path, record.position, this.log);
    if (image === undefined) return;
    if (this.images.has(image.id)) {
      this.log.error('duplicate_id', `image id ${image.id} appears twice`, {
        ...record.position,
        path: `${record.position.path}/id`,
      });
      return;
    }
    this.images.set(image.id, image);
    this.ready.push({ type: 'image', image });
    const waiting = this.pending.get(image.id);
    if (waiting === undefined) return;
    this.pending.delete(image.id);
    this.pendingCount -= waiting.length;
    for (const p of waiting) this.placed(p.object, p.position, image);
  }

  private category(record: JsonRecord): void {
    const category = readCocoCategory(record.value, record.path, record.position, this.log);
    if (category === undefined) return;
    if (this.categories.has(category.id)) {
      this.log.error('duplicate_id', `category id ${category.id} appears twice`, {
        ...record.position,
        path: `${record.position.path}/id`,
      });
      return;
    }
    this.categories.add(category.id);
    this.unresolved.delete(category.id);
    this.ready.push({ type: 'category', category });
  }

  private annotation(value: JsonValue, record: JsonRecord, resultId: number | undefined): void {
    const v =
      resultId !== undefined &&
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      !('id' in value)
        ? { ...value, id: resultId }
        : value;
    const object = readCocoAnnotation(v, record.path, record.position, this.log);
    if (object === undefined) return;
    if (this.objectIds.has(object.id)) {
      this.log.error('duplicate_id', `annotation id ${object.id} appears twice`, {
        ...record.position,
        path: `${record.position.path}/id`,
      });
      return;
    }
    this.objectIds.add(object.id);
    if (!this.resultsFile && !this.categories.has(object.categoryId)) {
      const u = this.unresolved.get(object.categoryId);
      if (u === undefined)
        this.unresolved.set(object.categoryId, {
          count: 1,
          position: { ...record.position, path: `${record.position.path}/category_id` },
        });
      else u.count++;
    }
    if (this.resultsFile) {
      this.ready.push({ type: 'object', object });
      return;
    }
    const image = this.images.get(object.imageId);
    if (image !== undefined) {
      this.placed(object, record.position, image);
      return;
    }
    if (this.pendingCount >= this.maxPending)
      throw new FormatError(
        'format_limit',
        `more than ${this.maxPending} annotations precede their images: list images first`,
        record.position,
      );
    this.pendingCount++;
    const list = this.pending.get(object.imageId) ?? [];
    list.push({ object, position: record.position });
    this.pending.set(object.imageId, list);
  }

  private placed(object: IrObject, position: Position, image: IrImage): void {
    const checked = checkAgainstImage(object, image, position, this.log);
    if (checked !== undefined) this.ready.push({ type: 'object', object: checked });
  }

  *finish(): Generator<CocoEvent> {
    for (const list of this.pending.values())
      for (const p of list)
        this.log.error('unknown_image', `image_id ${p.object.imageId} is not in images`, {
          ...p.position,
          path: `${p.position.path}/image_id`,
        });
    for (const [id, u] of this.unresolved)
      this.log.error(
        'unknown_category',
        `category_id ${id} is not in categories (${u.count} annotation${u.count > 1 ? 's' : ''})`,
        u.position,
      );
    for (const [key, value] of this.extraArrays) yield { type: 'extra', key, value };
    if (this.resultsFile)
      this.log.warn(
        'images_unchecked',
        'a results list names no images or categories: their ids and the box extents were not checked',
      );
    yield* this.drain();
    yield { type: 'end', unknownCategoryIds: [...this.unresolved.keys()], errors: this.errors };
  }
}
