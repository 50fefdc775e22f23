import type { ImportOptions, ImportResult, IrCategory, IrImage, IrObject, IrValue } from '../ir';
import { createIssueLog, type IssueLog, type Position } from '../issue';
import { readAllText, type TextSource } from '../text-source';
import { formatErrorIssue, isFormatError } from '../xml/xml-import-error';
import { childElements, childText, firstChild, textOf, type XmlElement } from '../xml/xml-node';
import { parseXml, type XmlLimits } from '../xml/xml-reader';

/** One Pascal VOC annotation file (`Annotations/<name>.xml`). */
export interface VocFileInput {
  readonly name: string;
  readonly text: TextSource;
}

const IMAGE_KEYS = [
  'folder',
  'path',
  'source/database',
  'source/annotation',
  'source/image',
  'segmented',
] as const;
const OBJECT_KNOWN = new Set([
  'name',
  'pose',
  'truncated',
  'difficult',
  'occluded',
  'bndbox',
  'part',
  'attributes',
]);

function flag(v: string | undefined): boolean | undefined {
  if (v === undefined || v === '') return undefined;
  return v === '1' || v.toLowerCase() === 'true';
}

function readBox(e: XmlElement, image: IrImage, at: Position, log: IssueLog): IrObject['box'] | undefined {
  const b = firstChild(e, 'bndbox');
  if (b === undefined) return void log.error('missing_field', 'object has no bndbox', at);
  const v = ['xmin', 'ymin', 'xmax', 'ymax'].map((k) => Number(childText(b, k) ?? 'x'));
  if (v.some((n) => !Number.isFinite(n)))
    return void log.error('invalid_number', 'bndbox needs finite xmin, ymin, xmax, ymax', at);
  const [xmin, ymin, xmax, ymax] = v as [number, number, number, number];
  if (v.some((n) => !Number.isInteger(n)))
    log.warn(
      'voc_float_coordinates',
      'bndbox has fractional values: VOC coordinates are 1-based integers (read as 1-based anyway)',
      at,
    );
  if (xmin === 0 || ymin === 0)
    log.warn(
      'voc_zero_based',
      'bndbox has a 0 coordinate: the file is probably 0-based (read as 1-based)',
      at,
    );
  if (xmax < xmin || ymax < ymin)
    return void log.error('invalid_box', 'bndbox has xmax < xmin or ymax < ymin', at);
  let x0 = xmin - 1;
  let y0 = ymin - 1;
  let x1 = xmax;
  let y1 = ymax;
  if (x0 >= image.width || y0 >= image.height || x1 <= 0 || y1 <= 0)
    return void log.error(
      'box_outside_image',
      `bndbox lies outside the ${image.width}×${image.height} image`,
      at,
    );
  if (x0 < 0 || y0 < 0 || x1 > image.width || y1 > image.height) {
    log.warn('box_clipped', `bndbox clipped to the ${image.width}×${image.height} image`, at);
    [x0, y0, x1, y1] = [
      Math.max(0, x0),
      Math.max(0, y0),
      Math.min(image.width, x1),
      Math.min(image.height, y1),
    ];
  }
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

function readObject(
  e: XmlElement,
  image: IrImage,
  index: number,
  file: string,
  log: IssueLog,
): IrObject | undefined {
  const at = { file, path: `/annotation/object[${index + 1}]`, line: e.line, column: e.column };
  const name = childText(e, 'name');
  if (name === undefined || name === '') return void log.error('missing_field', 'object has no name', at);
  const box = readBox(e, image, at, log);
  if (box === undefined) return undefined;
  const properties: Record<string, IrValue> = {};
  const pose = childText(e, 'pose');
  if (pose !== undefined) properties.pose = pose;
  for (const k of ['truncated', 'difficult', 'occluded']) {
    const f = flag(childText(e, k));
    if (f !== undefined) properties[k] = f;
  }
  const attributes: Record<string, IrValue> = {};
  for (const a of childElements(firstChild(e, 'attributes') ?? e, 'attribute')) {
    const n = childText(a, 'name');
    if (n !== undefined && n !== '') attributes[n] = childText(a, 'value') ?? '';
  }
  if (firstChild(e, 'part') !== undefined)
    log.warn('parts_dropped', 'person-layout <part> boxes are not read', at);
  for (const c of childElements(e))
    if (!OBJECT_KNOWN.has(c.name)) log.warn('field_dropped', `<${c.name}> is not read`, at);
  return { id: `${image.id}:${index + 1}`, imageId: image.id, categoryId: name, box, attributes, properties };
}

function readImage(root: XmlElement, file: string, log: IssueLog): IrImage | undefined {
  const at = { file, path: '/annotation', line: root.line, column: root.column };
  if (root.name !== 'annotation')
    return void log.error('format_invalid', 'root element is not <annotation>', at);
  const fileName = childText(root, 'filename');
  const size = firstChild(root, 'size');
  const width = Number(size === undefined ? 'x' : childText(size, 'width'));
  const height = Number(size === undefined ? 'x' : childText(size, 'height'));
  if (fileName === undefined || fileName === '') return void log.error('missing_field', 'no <filename>', at);
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0)
    return void log.error('invalid_image', '<size> needs positive integer width and height', at);
  const properties: Record<string, IrValue> = {};
  for (const key of IMAGE_KEYS) {
    const [outer, inner] = key.split('/') as [string, string | undefined];
    const e = firstChild(root, outer);
    const v = inner === undefined ? textOf(e) : e === undefined ? undefined : childText(e, inner);
    if (v !== undefined) properties[key] = v;
  }
  const depth = size === undefined ? undefined : childText(size, 'depth');
  if (depth !== undefined) properties.depth = depth;
  return { id: fileName, fileName, width, height, properties };
}

/**
 * Reads Pascal VOC annotation files (one per image) with the safe XML reader: 1-based inclusive integer
 * `bndbox` → IR continuous box (x = xmin − 1, w = xmax − xmin + 1; formats.md §3). Floats and 0-based
 * values are read but warned about; boxes partly outside are clipped (warning), wholly outside are errors.
 * Category ids are the class names. Per-object errors carry file, XML path and line; a file that is not
 * well-formed (or carries a DTD) is one error for that file.
 */
export async function importVoc(
  files: Iterable<VocFileInput> | AsyncIterable<VocFileInput>,
  options: ImportOptions & XmlLimits = {},
): Promise<ImportResult> {
  const log = createIssueLog();
  const images: IrImage[] = [];
  const objects: IrObject[] = [];
  const categories = new Map<string, IrCategory>();
  const ids = new Set<string>();
  for await (const file of files) {
    let root: XmlElement;
    try {
      root = parseXml(await readAllText(file.text, options.maxChars ?? 64 * 1024 * 1024), options);
    } catch (err) {
      if (!isFormatError(err)) throw err;
      log.issues.push(formatErrorIssue(err, file.name));
      continue;
    }
    const image = readImage(root, file.name, log);
    if (image === undefined) continue;
    if (ids.has(image.id)) {
      log.error('duplicate_id', `image ${image.id} is annotated twice`, { file: file.name });
      continue;
    }
    ids.add(image.id);
    images.push(image);
    childElements(root, 'object').forEach((e, i) => {
      const o = readObject(e, image, i, file.name, log);
      if (o === undefined) return;
      objects.push(o);
      if (!categories.has(o.categoryId))
        categories.set(o.categoryId, { id: o.categoryId, name: o.categoryId });
    });
  }
  if (log.issues.some((i) => i.severity === 'error') && !options.skipInvalid)
    return { ok: false, issues: log.issues };
  return {
    ok: true,
    dataset: { images, categories: [...categories.values()], objects, extras: {} },
    issues: log.issues,
  };
}
