import type { Point } from '@tessera/geometry';
import type { ImportOptions, ImportResult, IrCategory, IrImage, IrObject, IrValue } from '../ir';
import { createIssueLog, type IssueLog, type Position } from '../issue';
import type { JsonValue } from '../json/json-value';
import { readAllText, type TextSource } from '../text-source';
import { formatErrorIssue, isFormatError } from '../xml/xml-import-error';
import { xmlToJson } from '../xml/xml-json';
import { attr, childElements, firstChild, rawTextOf, type XmlElement } from '../xml/xml-node';
import { parseXml, type XmlLimits } from '../xml/xml-reader';
import { findLabels, readLabels, typedValue } from './cvat-labels';

const SHAPES = new Set(['box', 'polygon', 'polyline', 'points']);
const SHAPE_KNOWN = new Set([
  'label',
  'source',
  'occluded',
  'z_order',
  'group_id',
  'xtl',
  'ytl',
  'xbr',
  'ybr',
  'rotation',
  'points',
]);
const IMAGE_KNOWN = new Set(['id', 'name', 'width', 'height']);

function num(e: XmlElement, key: string, at: Position, log: IssueLog): number | undefined {
  const raw = attr(e, key);
  const v = raw === undefined || raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(v)) return void log.error('invalid_number', `${key} must be a finite number`, at);
  return v;
}

function readPoints(raw: string | undefined, at: Position, log: IssueLog): Point[] | undefined {
  const pairs = (raw ?? '').split(';').filter((p) => p.trim() !== '');
  const out: Point[] = [];
  for (const p of pairs) {
    const xy = p.split(',').map((v) => (v.trim() === '' ? Number.NaN : Number(v)));
    if (xy.length !== 2 || !xy.every(Number.isFinite))
      return void log.error('invalid_number', 'points must be "x,y;x,y;…" finite numbers', at);
    out.push({ x: xy[0]!, y: xy[1]! });
  }
  return out;
}

function geometry(e: XmlElement, at: Position, log: IssueLog): Partial<IrObject> | undefined {
  if (e.name === 'box') {
    const [xtl, ytl, xbr, ybr] = ['xtl', 'ytl', 'xbr', 'ybr'].map((k) => num(e, k, at, log));
    if (xtl === undefined || ytl === undefined || xbr === undefined || ybr === undefined) return undefined;
    if (xbr < xtl || ybr < ytl) return void log.error('invalid_box', 'xbr < xtl or ybr < ytl', at);
    const rotation = attr(e, 'rotation') === undefined ? undefined : num(e, 'rotation', at, log);
    return {
      box: { x: xtl, y: ytl, w: xbr - xtl, h: ybr - ytl },
      ...(rotation === undefined ? {} : { rotation }),
    };
  }
  const pts = readPoints(attr(e, 'points'), at, log);
  if (pts === undefined) return undefined;
  const min = e.name === 'polygon' ? 3 : e.name === 'polyline' ? 2 : 1;
  if (pts.length < min)
    return void log.error('invalid_shape', `a ${e.name} needs at least ${min} points`, at);
  return e.name === 'polygon'
    ? { polygons: [pts] }
    : e.name === 'polyline'
      ? { polyline: pts }
      : { points: pts };
}

function readShape(
  e: XmlElement,
  image: IrImage,
  index: number,
  cats: ReadonlyMap<string, IrCategory>,
  file: string | undefined,
  log: IssueLog,
): IrObject | undefined {
  const at = {
    ...(file === undefined ? {} : { file }),
    path: `/annotations/image[@id="${image.id}"]/${e.name}[${index + 1}]`,
    line: e.line,
    column: e.column,
  };
  const label = attr(e, 'label');
  const category = label === undefined ? undefined : cats.get(label);
  if (category === undefined)
    return void log.error(
      'unknown_category',
      `label ${JSON.stringify((label ?? '').slice(0, 64))} is not declared in meta`,
      at,
    );
  const shape = geometry(e, at, log);
  if (shape === undefined) return undefined;
  const properties: Record<string, IrValue> = {};
  const occluded = attr(e, 'occluded');
  if (occluded !== undefined) properties.occluded = occluded === '1';
  const source = attr(e, 'source');
  if (source !== undefined) properties.source = source;
  for (const k of ['z_order', 'group_id']) {
    const v = attr(e, k);
    if (v !== undefined && Number.isInteger(Number(v))) properties[k] = Number(v);
  }
  for (const [k] of e.attributes)
    if (!SHAPE_KNOWN.has(k)) log.warn('field_dropped', `attribute ${k} is not read`, at);
  const attributes: Record<string, IrValue> = {};
  for (const a of childElements(e, 'attribute')) {
    const name = attr(a, 'name') ?? '';
    attributes[name] = typedValue(
      category.attributes?.find((s) => s.name === name),
      rawTextOf(a),
    );
  }
  return {
    id: `${image.id}:${index + 1}`,
    imageId: image.id,
    categoryId: category.id,
    ...shape,
    attributes,
    properties,
  };
}

function readImage(e: XmlElement, file: string | undefined, log: IssueLog): IrImage | undefined {
  const at = {
    ...(file === undefined ? {} : { file }),
    path: '/annotations/image',
    line: e.line,
    column: e.column,
  };
  const id = attr(e, 'id');
  const name = attr(e, 'name');
  const width = Number(attr(e, 'width'));
  const height = Number(attr(e, 'height'));
  if (id === undefined || id === '' || name === undefined)
    return void log.error('missing_field', 'image needs id and name', at);
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0)
    return void log.error('invalid_image', 'image width and height must be positive integers', at);
  const properties: Record<string, IrValue> = {};
  for (const [k, v] of e.attributes) if (!IMAGE_KNOWN.has(k)) properties[k] = v;
  return { id, fileName: name, width, height, properties };
}

/**
 * Reads a "CVAT for images 1.1" XML export with the safe XML reader: labels and their attribute
 * declarations from `<meta>` (categories, id = name), then per `<image>` its boxes (rotation in degrees about
 * the centre, as the IR), polygons, polylines and points with `<attribute>`s (typed by their declaration).
 * Masks, ellipses, cuboids, skeletons, tags and video tracks are not read (warnings). The rest of `<meta>` is
 * kept in `extras['cvat:meta']` for the export.
 */
export async function importCvat(
  source: TextSource,
  options: ImportOptions & XmlLimits & { file?: string } = {},
): Promise<ImportResult> {
  const log = createIssueLog();
  let root: XmlElement;
  try {
    root = parseXml(await readAllText(source, options.maxChars ?? 64 * 1024 * 1024), options);
  } catch (err) {
    if (!isFormatError(err)) throw err;
    return { ok: false, issues: [formatErrorIssue(err, options.file)] };
  }
  if (root.name !== 'annotations')
    return {
      ok: false,
      issues: [{ severity: 'error', code: 'format_invalid', message: 'root element is not <annotations>' }],
    };
  const meta = firstChild(root, 'meta');
  const categories = readLabels(findLabels(meta), log);
  const cats = new Map(categories.map((c) => [c.name, c]));
  const images: IrImage[] = [];
  const objects: IrObject[] = [];
  const ids = new Set<string>();
  for (const e of childElements(root)) {
    if (e.name === 'track')
      log.warn('tracks_not_read', 'video tracks are not read (export "for images" instead)', {
        line: e.line,
      });
    if (e.name !== 'image') continue;
    const image = readImage(e, options.file, log);
    if (image === undefined) continue;
    if (ids.has(image.id)) {
      log.error('duplicate_id', `image id ${image.id} appears twice`, { line: e.line });
      continue;
    }
    ids.add(image.id);
    images.push(image);
    const counts = new Map<string, number>();
    childElements(e).forEach((s, k) => {
      if (!SHAPES.has(s.name)) {
        log.warn('shape_not_read', `<${s.name}> shapes are not read`, { line: s.line });
        return;
      }
      const n = counts.get(s.name) ?? 0;
      counts.set(s.name, n + 1);
      const o = readShape(s, image, n, cats, options.file, log);
      if (o !== undefined) objects.push({ ...o, id: `${image.id}:${k + 1}` });
    });
  }
  if (log.hasErrors() && !options.skipInvalid) return { ok: false, issues: log.issues };
  const extras: Record<string, JsonValue> = meta === undefined ? {} : { 'cvat:meta': xmlToJson(meta) };
  return { ok: true, dataset: { images, categories, objects, extras }, issues: log.issues };
}
