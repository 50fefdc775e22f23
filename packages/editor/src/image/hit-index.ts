import type { Point } from '@tessera/geometry';
import type { LabeledObject } from '@tessera/schema';
import { geometryHit, type HitRank, hitRankOf, outranks } from './hit-test';
import { geometryBounds } from './object-geometry';

/**
 * A uniform grid over the image: each cell lists the objects whose bounds touch it, so a click tests only
 * the few objects near it instead of all of them (2,000+ boxes stay instant). Built in one pass over the
 * objects; rebuilt when the object list changes (see `hitIndexFor`).
 */
export interface HitIndex {
  readonly objects: readonly LabeledObject[];
  readonly width: number;
  readonly height: number;
  readonly cellSize: number;
  readonly cols: number;
  readonly rows: number;
  /** Object indices per cell (row-major), ascending. */
  readonly cells: readonly (readonly number[])[];
}

/** At most this many cells, however large the image. */
const MAX_CELLS = 1 << 16;

function chooseCellSize(width: number, height: number, count: number): number {
  const area = Math.max(1, width) * Math.max(1, height);
  const perObject = Math.sqrt(area / Math.max(1, count)) * 2;
  return Math.max(16, perObject, Math.sqrt(area / MAX_CELLS));
}

const clampCell = (v: number, n: number): number => Math.min(n - 1, Math.max(0, Math.floor(v)));

export function createHitIndex(objects: readonly LabeledObject[], width: number, height: number): HitIndex {
  const cellSize = chooseCellSize(width, height, objects.length);
  const cols = Math.max(1, Math.ceil(Math.max(1, width) / cellSize));
  const rows = Math.max(1, Math.ceil(Math.max(1, height) / cellSize));
  const cells: number[][] = Array.from({ length: cols * rows }, () => []);
  objects.forEach((o, index) => {
    const b = geometryBounds(o.geometry);
    if (![b.x, b.y, b.w, b.h].every(Number.isFinite)) return;
    const c0 = clampCell(b.x / cellSize, cols);
    const c1 = clampCell((b.x + b.w) / cellSize, cols);
    const r0 = clampCell(b.y / cellSize, rows);
    const r1 = clampCell((b.y + b.h) / cellSize, rows);
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) cells[r * cols + c]!.push(index);
  });
  return { objects, width, height, cellSize, cols, rows, cells };
}

/** The index of the object hit at `p` (same choice as `hitTestAll`), or −1 for none. */
export function hitTestIndex(index: HitIndex, p: Point, tolerance: number): number {
  const { cellSize, cols, rows, cells, objects } = index;
  // A little slack so rounding at a cell border can never hide a candidate (extra ones are only re-checked).
  const reach = tolerance + 1e-9 * (Math.abs(p.x) + Math.abs(p.y) + tolerance + cellSize);
  const c0 = clampCell((p.x - reach) / cellSize, cols);
  const c1 = clampCell((p.x + reach) / cellSize, cols);
  const r0 = clampCell((p.y - reach) / cellSize, rows);
  const r1 = clampCell((p.y + reach) / cellSize, rows);
  let best: HitRank | null = null;
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      for (const i of cells[r * cols + c]!) {
        if (best !== null && best.index === i) continue;
        const o = objects[i]!;
        if (!geometryHit(o.geometry, p, tolerance)) continue;
        const rank = hitRankOf(o, i);
        if (best === null || outranks(rank, best)) best = rank;
      }
    }
  }
  return best === null ? -1 : best.index;
}

const cache = new WeakMap<readonly LabeledObject[], HitIndex>();

/** The index of this exact object list, built on first use and reused until the list changes. */
export function hitIndexFor(objects: readonly LabeledObject[], width: number, height: number): HitIndex {
  const cached = cache.get(objects);
  if (cached !== undefined && cached.width === width && cached.height === height) return cached;
  const index = createHitIndex(objects, width, height);
  cache.set(objects, index);
  return index;
}
