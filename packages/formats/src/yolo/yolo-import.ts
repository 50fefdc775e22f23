import type { Point } from '@tessera/geometry';
import { FormatError } from '../format-error';
import type { ImportOptions, ImportResult, IrCategory, IrImage, IrObject } from '../ir';
import { createIssueLog, type IssueLog, type Position } from '../issue';
import { readAllText, type TextSource } from '../text-source';
import { parseDataYaml } from './data-yaml';

/** One image of a YOLO dataset, with its label file's text (undefined: no label file, a background image). */
export interface YoloImageInput {
  /** Image path as in the dataset (`images/train/x.jpg`); also the IR image id unless `id` is given. */
  readonly fileName: string;
  readonly id?: string;
  /** Displayed (EXIF-corrected) size: YOLO coordinates are normalised by it. */
  readonly width: number;
  readonly height: number;
  readonly labels?: TextSource;
}

export interface YoloImportInput {
  readonly dataYaml: TextSource;
  readonly images: Iterable<YoloImageInput> | AsyncIterable<YoloImageInput>;
}

const MAX_LABEL_CHARS = 64 * 1024 * 1024;

/** The label file of an image: `/images/` becomes `/labels/` and the extension `.txt` (Ultralytics rule). */
export function yoloLabelPath(imagePath: string): string {
  const swapped = imagePath.replace(/(^|\/)images\//, '$1labels/');
  const dot = swapped.lastIndexOf('.');
  return `${dot > swapped.lastIndexOf('/') ? swapped.slice(0, dot) : swapped}.txt`;
}

function clip01(v: number): number {
  return Math.min(1, Math.max(0, v));
}

/**
 * One label row → an object. detect: `cls cx cy w h`; segment: `cls x1 y1 … xn yn` (n ≥ 3). Coordinates
 * outside 0–1 are clipped with a warning (Ultralytics would reject the file); a box with nothing inside is an
 * error, as are unknown classes and non-numbers.
 */
function readRow(
  tokens: string[],
  image: IrImage,
  classes: number,
  at: Position,
  log: IssueLog,
): Omit<IrObject, 'id'> | undefined {
  const nums = tokens.map(Number);
  const bad = nums.findIndex(
    (n, i) => !Number.isFinite(n) || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(tokens[i]!),
  );
  if (bad >= 0) return void log.error('invalid_number', `field ${bad + 1} is not a finite number`, at);
  const cls = nums[0]!;
  if (!Number.isInteger(cls) || cls < 0 || cls >= classes)
    return void log.error(
      'unknown_category',
      `class ${tokens[0]} is not in data.yaml names (0..${classes - 1})`,
      at,
    );
  const coords = nums.slice(1);
  if (coords.some((v) => v < 0 || v > 1))
    log.warn('coordinate_clipped', 'coordinates outside 0–1 clipped to the image', at);
  const W = image.width;
  const H = image.height;
  const base = { imageId: image.id, categoryId: String(cls), attributes: {}, properties: {} };
  if (coords.length === 4) {
    const [cx, cy, w, h] = coords as [number, number, number, number];
    if (w < 0 || h < 0) return void log.error('invalid_box', 'box width and height must be ≥ 0', at);
    const x0 = clip01(cx - w / 2);
    const y0 = clip01(cy - h / 2);
    const x1 = clip01(cx + w / 2);
    const y1 = clip01(cy + h / 2);
    if ((x1 <= x0 && w > 0) || (y1 <= y0 && h > 0))
      return void log.error('box_outside_image', 'box lies outside the image', at);
    const e = 1e-9; // float noise of the exporter's own rounding is not "outside"
    const outside =
      coords.some((v) => v < 0 || v > 1) ||
      cx - w / 2 < -e ||
      cy - h / 2 < -e ||
      cx + w / 2 > 1 + e ||
      cy + h / 2 > 1 + e;
    if (outside && !coords.some((v) => v < 0 || v > 1))
      log.warn('coordinate_clipped', 'box edges outside 0–1 clipped to the image', at);
    const box = outside
      ? { x: x0 * W, y: y0 * H, w: (x1 - x0) * W, h: (y1 - y0) * H }
      : { x: (cx - w / 2) * W, y: (cy - h / 2) * H, w: w * W, h: h * H };
    return { ...base, box };
  }
  if (coords.length >= 6 && coords.length % 2 === 0) {
    const ring: Point[] = [];
    for (let k = 0; k < coords.length; k += 2)
      ring.push({ x: clip01(coords[k]!) * W, y: clip01(coords[k + 1]!) * H });
    return { ...base, polygons: [ring] };
  }
  return void log.error(
    'invalid_row',
    `a row has ${tokens.length} fields: expected 5 (detect) or an odd number ≥ 7 (segment)`,
    at,
  );
}

async function readImage(
  input: YoloImageInput,
  classes: number,
  log: IssueLog,
  objects: IrObject[],
  skip: boolean,
): Promise<IrImage | undefined> {
  const file = yoloLabelPath(input.fileName);
  const image: IrImage = {
    id: input.id ?? input.fileName,
    fileName: input.fileName,
    width: input.width,
    height: input.height,
    properties: {},
  };
  if (
    !Number.isInteger(image.width) ||
    !Number.isInteger(image.height) ||
    image.width <= 0 ||
    image.height <= 0
  ) {
    log.error('invalid_image', 'image width and height must be positive integers', { file: input.fileName });
    return undefined;
  }
  if (input.labels === undefined) return image;
  const text = await readAllText(input.labels, MAX_LABEL_CHARS);
  const seen = new Set<string>();
  const lines = text.split(/\r?\n/);
  let errors = 0;
  const mine: IrObject[] = [];
  lines.forEach((line, i) => {
    const tokens = line
      .trim()
      .split(/\s+/)
      .filter((t) => t !== '');
    if (tokens.length === 0) return;
    const at = { file, line: i + 1 };
    const key = tokens.join(' ');
    if (seen.has(key)) {
      log.warn('duplicate_row', 'duplicate row dropped', at);
      return;
    }
    seen.add(key);
    const before = log.issues.length;
    const o = readRow(tokens, image, classes, at, log);
    if (o === undefined) errors += log.issues.length > before ? 1 : 0;
    else mine.push({ id: `${image.id}:${i + 1}`, ...o });
  });
  if (errors === 0 || skip) objects.push(...mine);
  return image;
}

/**
 * Reads an Ultralytics YOLO detect/segment dataset: class names from `data.yaml`, one label file per image
 * (the caller opens the files and gives each image's displayed size). IR category ids are the 0-based class
 * ids; object ids are `<image id>:<line>`. Errors are per row (file and line); nothing is returned when any
 * row is invalid unless `skipInvalid`.
 */
export async function importYolo(input: YoloImportInput, options: ImportOptions = {}): Promise<ImportResult> {
  const log = createIssueLog();
  try {
    const data = parseDataYaml(await readAllText(input.dataYaml, 1024 * 1024));
    const categories: IrCategory[] = data.names.map((name, i) => ({ id: String(i), name }));
    const images: IrImage[] = [];
    const objects: IrObject[] = [];
    const ids = new Set<string>();
    for await (const item of input.images) {
      const image = await readImage(item, categories.length, log, objects, options.skipInvalid === true);
      if (image === undefined) continue;
      if (ids.has(image.id)) {
        log.error('duplicate_id', `image ${image.id} appears twice`, { file: image.fileName });
        continue;
      }
      ids.add(image.id);
      images.push(image);
    }
    if (log.hasErrors() && !options.skipInvalid) return { ok: false, issues: log.issues };
    const { path, train, val, test, ...rest } = data.fields;
    const fields = {
      ...(path === undefined ? {} : { path }),
      ...(train === undefined ? {} : { train }),
      ...(val === undefined ? {} : { val }),
      ...(test === undefined ? {} : { test }),
      ...rest,
    };
    return {
      ok: true,
      dataset: { images, categories, objects, extras: { 'yolo:data': fields } },
      issues: log.issues,
    };
  } catch (err) {
    if (!(err instanceof FormatError)) throw err;
    return {
      ok: false,
      issues: [
        ...log.issues,
        {
          severity: 'error',
          code: err.code,
          message: err.message,
          ...(err.position ? { position: { file: 'data.yaml', ...err.position } } : {}),
        },
      ],
    };
  }
}
