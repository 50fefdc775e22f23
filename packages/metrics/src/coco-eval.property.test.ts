import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CocoBboxMetrics, evaluateCocoBboxJson } from './coco-eval';
import { COCO_STAT_KEYS } from './coco-params';

/** mulberry32, so each fast-check seed expands into one reproducible COCO case. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Ann {
  id: number;
  image_id: number;
  category_id: number;
  bbox: number[];
  area: number;
  iscrowd: number;
}
interface Res {
  image_id: number;
  category_id: number;
  bbox: number[];
  score: number;
}
interface Case {
  dataset: { images: { id: number }[]; categories: { id: number }[]; annotations: Ann[] };
  results: Res[];
}

/**
 * Continuous random boxes (so IoU ties have probability ~0), 10% crowd, areas straddling the small/medium/large
 * limits, 60% of detections jittered from a GT, and distinct scores (a permutation of k / (n + 1)).
 */
function randomCase(seed: number): Case {
  const r = prng(seed);
  const int = (n: number) => Math.floor(r() * n);
  const images = Array.from({ length: 1 + int(5) }, (_, i) => ({ id: 1 + i * 5 + int(5) }));
  const categories = [{ id: 1 }, { id: 2 }, { id: 3 }];
  const box = () => {
    const size = r() < 0.3 ? 160 : 45;
    return [r() * 100, r() * 100, 1 + r() * size, 1 + r() * size];
  };
  const annotations = Array.from({ length: int(16) }, (_, i): Ann => {
    const bbox = box();
    const area = (bbox[2] as number) * (bbox[3] as number) * (r() < 0.5 ? 1 : 0.5 + r() / 2);
    const cat = 1 + int(3);
    return {
      id: i + 1,
      image_id: images[int(images.length)]!.id,
      category_id: cat,
      bbox,
      area,
      iscrowd: r() < 0.1 ? 1 : 0,
    };
  });
  const n = int(30);
  const scores = Array.from({ length: n }, (_, k) => (k + 1) / (n + 1)).sort(() => r() - 0.5);
  const results = scores.map((score): Res => {
    const g = annotations.length > 0 && r() < 0.6 ? annotations[int(annotations.length)] : undefined;
    if (g === undefined) {
      return { image_id: images[int(images.length)]!.id, category_id: 1 + int(3), bbox: box(), score };
    }
    const bbox = g.bbox.map((v) => v * (0.9 + r() * 0.2));
    return { image_id: g.image_id, category_id: r() < 0.9 ? g.category_id : 1 + int(3), bbox, score };
  });
  return { dataset: { images, categories, annotations }, results };
}

function evaluate(c: Case): CocoBboxMetrics {
  const out = evaluateCocoBboxJson(c.dataset, c.results);
  if (!out.ok) throw new Error(`${out.issue.path}: ${out.issue.message}`);
  return out.value;
}

function shuffled<T>(items: readonly T[], r: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });

describe('COCO bbox evaluation: properties', () => {
  it('every stat and per-class AP is in [0, 1] or exactly −1', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const m = evaluate(randomCase(seed));
        for (const v of [...COCO_STAT_KEYS.map((k) => m[k]), ...Object.values(m.perClass)]) {
          expect(v === -1 || (v >= 0 && v <= 1)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('adding a true positive with the highest score never lowers a stat', () => {
    fc.assert(
      fc.property(seeds, fc.double({ min: 1, max: 200, noNaN: true }), (seed, side) => {
        const c = randomCase(seed);
        const category = c.dataset.annotations[0]?.category_id ?? 1;
        const image = Math.max(...c.dataset.images.map((i) => i.id)) + 1;
        const bbox = [5, 5, side, side];
        // On a fresh image, so it can neither steal another detection's match nor push one past maxDets.
        const more: Case = {
          dataset: {
            ...c.dataset,
            images: [...c.dataset.images, { id: image }],
            annotations: [
              ...c.dataset.annotations,
              { id: 1000, image_id: image, category_id: category, bbox, area: side * side, iscrowd: 0 },
            ],
          },
          results: [...c.results, { image_id: image, category_id: category, bbox, score: 1 }],
        };
        const before = evaluate(c);
        const after = evaluate(more);
        for (const key of COCO_STAT_KEYS) {
          if (before[key] !== -1) expect(after[key]).toBeGreaterThanOrEqual(before[key] - 1e-12);
        }
        expect(after.perClass[String(category)]).toBeGreaterThanOrEqual(
          before.perClass[String(category)]! - 1e-12,
        );
      }),
      { numRuns: 200 },
    );
  });

  it('is invariant under image order, image id relabelling and annotation/result order (distinct scores)', () => {
    fc.assert(
      fc.property(seeds, seeds, (seed, permutationSeed) => {
        const c = randomCase(seed);
        const r = prng(permutationSeed);
        const ids = c.dataset.images.map((i) => i.id);
        const targets = shuffled(
          ids.map((x) => x * 3 + 1000),
          r,
        );
        const relabel = new Map(ids.map((id, i) => [id, targets[i]!]));
        const moved: Case = {
          dataset: {
            images: shuffled(c.dataset.images, r).map((i) => ({ id: relabel.get(i.id)! })),
            categories: shuffled(c.dataset.categories, r),
            annotations: shuffled(c.dataset.annotations, r).map((a) => ({
              ...a,
              image_id: relabel.get(a.image_id)!,
            })),
          },
          results: shuffled(c.results, r).map((d) => ({ ...d, image_id: relabel.get(d.image_id)! })),
        };
        expect(evaluate(moved)).toEqual(evaluate(c));
      }),
      { numRuns: 300 },
    );
  });
});
