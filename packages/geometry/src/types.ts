/**
 * Plain immutable shapes shared by every geometry function. Conventions follow formats.md §0 (IR):
 * 2D coordinates are continuous pixel coordinates (origin at the top-left corner of the top-left pixel,
 * x right, y down; pixel (i, j) covers [i, i+1) × [j, j+1)); 3D is right-handed with z up.
 */

/** A 2D point in continuous pixel coordinates. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A 3D point (right-handed, z up). */
export interface Point3 {
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

/** An axis-aligned box: top-left corner (x, y) and size (w, h), continuous pixel coordinates. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/**
 * A polygon as its vertex ring. The closing edge (last → first) is implicit: do not repeat the first vertex.
 * Either orientation is accepted by every function.
 */
export type Polygon = readonly Point[];

/** A half-open interval [start, end) over UTF-16 code units of a text (JavaScript string indices). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * A 3D box: geometric centre (x, y, z), size (l along the heading, w across it, h along z) and yaw about +z
 * in radians, counter-clockwise from +x (formats.md §0).
 */
export interface Cuboid {
  readonly x: number;
  readonly y: number;
  readonly z: number;
  readonly l: number;
  readonly w: number;
  readonly h: number;
  readonly yaw: number;
}

/**
 * A COCO run-length-encoded binary mask (formats.md §1): `size` is [height, width]; `counts` are run lengths
 * over the mask in column-major order, alternating background/foreground and starting with a (possibly empty)
 * background run. Valid when every count is a non-negative integer and they sum to height × width.
 */
export interface Rle {
  readonly size: readonly [number, number];
  readonly counts: readonly number[];
}
