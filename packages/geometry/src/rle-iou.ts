import { rleArea } from './rle';
import type { Box, Rle } from './types';

/** Foreground runs as half-open [start, end) intervals over column-major pixel indices (empty runs skipped). */
function foregroundRuns(rle: Rle): number[] {
  const runs: number[] = [];
  let pos = 0;
  rle.counts.forEach((c, i) => {
    if (i % 2 === 1 && c > 0) {
      const last = runs.length - 1;
      if (last > 0 && runs[last] === pos) runs[last] = pos + c;
      else runs.push(pos, pos + c);
    }
    pos += c;
  });
  return runs;
}

/** Pixels covered by both run lists (flat [start, end, ...] arrays, sorted and disjoint). */
function intersectionRuns(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i]!, b[j]!);
    const end = Math.min(a[i + 1]!, b[j + 1]!);
    if (start < end) out.push(start, end);
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return out;
}

/** Pixels covered by either run list (flat arrays, sorted and disjoint); touching runs are joined. */
function unionRuns(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const takeA = j >= b.length || (i < a.length && a[i]! <= b[j]!);
    const start = takeA ? a[i]! : b[j]!;
    const end = takeA ? a[i + 1]! : b[j + 1]!;
    if (takeA) i += 2;
    else j += 2;
    const last = out.length - 1;
    if (last > 0 && start <= out[last]!) out[last] = Math.max(out[last]!, end);
    else out.push(start, end);
  }
  return out;
}

function runsToRle(runs: readonly number[], h: number, w: number): Rle {
  const counts: number[] = [];
  let pos = 0;
  for (let i = 0; i < runs.length; i += 2) {
    counts.push(runs[i]! - pos, runs[i + 1]! - runs[i]!);
    pos = runs[i + 1]!;
  }
  if (pos < h * w || counts.length === 0) counts.push(h * w - pos);
  return { size: [h, w], counts };
}

function runsLength(runs: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < runs.length; i += 2) total += runs[i + 1]! - runs[i]!;
  return total;
}

function assertSameSize(a: Rle, b: Rle): void {
  if (a.size[0] !== b.size[0] || a.size[1] !== b.size[1]) {
    throw new RangeError(`RLE sizes differ: ${a.size[0]}×${a.size[1]} vs ${b.size[0]}×${b.size[1]}`);
  }
}

/**
 * Mask IoU with pycocotools `rleIou` semantics (quality-math.md §6): `a` is the detection, `b` the ground
 * truth; an empty intersection gives 0; with `iscrowd` (b is a crowd region) the union is area(a).
 * Choice: masks of different sizes throw RangeError where pycocotools returns −1. Its bounding-box
 * pre-check is skipped: it only short-cuts pairs whose intersection is empty, so the values are identical.
 * Assumes valid RLEs (`rleIsValid`).
 */
export function rleIou(a: Rle, b: Rle, iscrowd = false): number {
  assertSameSize(a, b);
  const inter = runsLength(intersectionRuns(foregroundRuns(a), foregroundRuns(b)));
  if (inter === 0) return 0;
  const union = iscrowd ? rleArea(a) : rleArea(a) + rleArea(b) - inter;
  return inter / union;
}

/**
 * Union (default) or intersection of masks of one size (pycocotools `rleMerge`), e.g. to join the parts of a
 * multi-polygon COCO segmentation: `rleMerge(parts.map((p) => rleFromPolygon(p, h, w)))`. The result has no
 * empty runs except a leading one. Throws RangeError for an empty list or differing sizes.
 */
export function rleMerge(rles: readonly Rle[], intersect = false): Rle {
  const first = rles[0];
  if (first === undefined) throw new RangeError('rleMerge needs at least one mask');
  let runs = foregroundRuns(first);
  for (const r of rles.slice(1)) {
    assertSameSize(first, r);
    runs = intersect ? intersectionRuns(runs, foregroundRuns(r)) : unionRuns(runs, foregroundRuns(r));
  }
  return runsToRle(runs, first.size[0], first.size[1]);
}

/**
 * Tight pixel bounding box `{x, y, w, h}` of the foreground (pycocotools `rleToBbox`), including its quirk:
 * a run that wraps from one column to the next makes the box span the full height. Empty mask → zero box.
 */
export function rleToBbox(rle: Rle): Box {
  const h = rle.size[0];
  const runs = foregroundRuns(rle);
  if (runs.length === 0 || h === 0) return { x: 0, y: 0, w: 0, h: 0 };
  let xs = Number.POSITIVE_INFINITY;
  let ys = Number.POSITIVE_INFINITY;
  let xe = 0;
  let ye = 0;
  for (let i = 0; i < runs.length; i += 2) {
    const first = runs[i]!;
    const last = runs[i + 1]! - 1;
    const x0 = Math.floor(first / h);
    const x1 = Math.floor(last / h);
    xs = Math.min(xs, x0);
    xe = Math.max(xe, x1);
    ys = Math.min(ys, x1 > x0 ? 0 : first - x0 * h);
    ye = Math.max(ye, x1 > x0 ? h - 1 : last - x1 * h);
  }
  return { x: xs, y: ys, w: xe - xs + 1, h: ye - ys + 1 };
}
