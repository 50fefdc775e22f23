import type { Box, Point, Polygon, Rle } from '@tessera/geometry';
import type { AttributeValues } from '@tessera/schema';
import type { Issue } from './issue';
import type { JsonValue } from './json/json-value';

/**
 * The interchange IR every converter reads and writes (formats.md §0): continuous pixel coordinates, origin at
 * the top-left corner of the top-left pixel, x right, y down; boxes `{x, y, w, h}`; rotation in degrees,
 * clockwise on screen, about the box centre; ids are strings (never foreign 64-bit numbers).
 */

/** A value of a user attribute or a format property. */
export type IrValue = string | number | boolean;

/** One image. `width`/`height` are the displayed size (after EXIF orientation). */
export interface IrImage {
  readonly id: string;
  readonly fileName: string;
  readonly width: number;
  readonly height: number;
  /** Format-level fields kept for round trips (COCO `license`, VOC `folder`, CVAT `subset`, ...). */
  readonly properties: Readonly<Record<string, IrValue>>;
}

/** How one attribute of a category is declared (CVAT `<attribute>`). */
export interface IrAttributeSpec {
  readonly name: string;
  readonly inputType: 'select' | 'checkbox' | 'radio' | 'number' | 'text';
  readonly mutable: boolean;
  readonly values: readonly string[];
  readonly defaultValue: string;
}

/** CVAT's label types (`<label><type>`): the shape a label draws; `any` lets it draw every shape. */
export const LABEL_KINDS = [
  'any',
  'rectangle',
  'polygon',
  'polyline',
  'points',
  'ellipse',
  'cuboid',
  'mask',
  'skeleton',
  'tag',
] as const;
export type LabelKind = (typeof LABEL_KINDS)[number];

/**
 * A class. `id` is the source format's own id as a string (the mapping table of formats.md §0): COCO's sparse
 * category id, YOLO's 0-based position, or the name for formats that only have names (VOC, CVAT, Label Studio).
 */
export interface IrCategory {
  readonly id: string;
  readonly name: string;
  readonly supercategory?: string;
  /** Keypoint names (COCO `keypoints`) and 0-based skeleton edges between them. */
  readonly keypoints?: readonly string[];
  readonly skeleton?: readonly (readonly [number, number])[];
  readonly attributes?: readonly IrAttributeSpec[];
  /** Which shapes the class may draw, where the format declares it (CVAT `<type>`). */
  readonly kind?: LabelKind;
  /** Display colour (CVAT `color`, `#rrggbb`). */
  readonly color?: string;
}

/** A keypoint: v = 0 not labelled, 1 labelled but not visible, 2 visible (COCO). */
export interface IrKeypoint {
  readonly x: number;
  readonly y: number;
  readonly v: 0 | 1 | 2;
}

/** The geometry of an object. COCO puts several on one object (a box, its polygons or mask, keypoints). */
export interface IrShapes {
  readonly box?: Box;
  /** Degrees clockwise on screen about the box centre. */
  readonly rotation?: number;
  /** One or more polygon parts (no repeated closing vertex). */
  readonly polygons?: readonly Polygon[];
  readonly polyline?: readonly Point[];
  readonly points?: readonly Point[];
  readonly keypoints?: readonly IrKeypoint[];
  /** A COCO RLE over the whole image (size [height, width]). */
  readonly mask?: Rle;
}

/** One labelled object. */
export interface IrObject extends IrShapes {
  readonly id: string;
  readonly imageId: string;
  readonly categoryId: string;
  /** User attributes (CVAT `<attribute>`, Label Studio choices on a region): the annotation payload's shape. */
  readonly attributes: Readonly<AttributeValues>;
  /** Format-level properties (COCO `iscrowd`/`area`, VOC `difficult`, CVAT `occluded`/`z_order`, ...). */
  readonly properties: Readonly<Record<string, IrValue>>;
  /** Confidence of a prediction, where the format has one. */
  readonly score?: number;
}

/** A whole dataset in the IR. */
export interface IrDataset {
  readonly images: readonly IrImage[];
  readonly categories: readonly IrCategory[];
  readonly objects: readonly IrObject[];
  /** Format-level top-level data kept for round trips (COCO `info`, `licenses`; CVAT `meta`). */
  readonly extras: Readonly<Record<string, JsonValue>>;
}

/** What an import returns: the dataset, or (without `skipInvalid`) only the issues. */
export type ImportResult =
  | { readonly ok: true; readonly dataset: IrDataset; readonly issues: readonly Issue[] }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/** Options common to every importer. */
export interface ImportOptions {
  /** Drop invalid records (each listed as an error issue) and return the rest, instead of nothing. */
  readonly skipInvalid?: boolean;
}

/** What an export returns: text chunks to write in order, and what the format could not carry. */
export interface ExportResult {
  readonly issues: readonly Issue[];
  /** Lazily produced text chunks (one per record or so): stream them to a file or an HTTP response. */
  readonly chunks: () => Iterable<string>;
}

export const EMPTY_DATASET: IrDataset = { images: [], categories: [], objects: [], extras: {} };
