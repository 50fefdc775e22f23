import { expect } from 'vitest';
import { type CocoBboxMetrics, evaluateCocoBboxJson } from './coco-eval';
import type { CocoStatKey } from './coco-params';

/** Test-only builders for COCO cases (used by the coco-eval tests; not exported from the package). */

/** `[x, y, w, h]`. */
export type Box = [number, number, number, number];
export interface Gt {
  image: number;
  box: Box;
  category?: number;
  crowd?: boolean;
  area?: number;
}
export interface Det {
  image: number;
  box: Box;
  score: number;
  category?: number;
}

/** A COCO dataset + results pair; GT area defaults to w·h, category to 1 (the §6 hand cases' conventions). */
export function coco(images: number[], gts: Gt[], dets: Det[], categories = [1]) {
  return {
    dataset: {
      images: images.map((id) => ({ id })),
      categories: categories.map((id) => ({ id, name: `c${id}` })),
      annotations: gts.map((g, i) => ({
        id: i + 1,
        image_id: g.image,
        category_id: g.category ?? 1,
        bbox: g.box,
        area: g.area ?? g.box[2] * g.box[3],
        iscrowd: g.crowd ? 1 : 0,
      })),
    },
    results: dets.map((d) => ({
      image_id: d.image,
      category_id: d.category ?? 1,
      bbox: d.box,
      score: d.score,
    })),
  };
}

/** Evaluates a case, failing the test on an input issue. */
export function evaluate(input: { dataset: unknown; results: unknown }): CocoBboxMetrics {
  const out = evaluateCocoBboxJson(input.dataset, input.results);
  if (!out.ok) throw new Error(`${out.input}: ${out.issue.path}: ${out.issue.message}`);
  return out.value;
}

/** Each given stat equals its expected value to 6 decimals (quality-math: compare floats at 1e-6). */
export function expectStats(actual: CocoBboxMetrics, expected: Partial<Record<CocoStatKey, number>>) {
  for (const [key, value] of Object.entries(expected)) {
    expect(actual[key as keyof typeof expected], key).toBeCloseTo(value, 6);
  }
}
