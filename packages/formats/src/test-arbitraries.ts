// Shared fast-check arbitraries and comparisons for the format tests (test-only: not exported by index.ts).
import type { Box, Point } from '@tessera/geometry';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { IrCategory, IrDataset, IrImage, IrKeypoint, IrObject, IrValue } from './ir';

/** F1 sizes (reliability-tests.md): 200 cases per converter in CI, 20,000 under `npm run test:nightly`. */
export const NIGHTLY = process.env.TESSERA_NIGHTLY === '1';
export const F1_RUNS = NIGHTLY ? 20_000 : 200;
/** Fixed seed so CI runs are deterministic; TESSERA_SEED reproduces another run. */
export const SEED =
  Number.isSafeInteger(Number(process.env.TESSERA_SEED)) && process.env.TESSERA_SEED
    ? Number(process.env.TESSERA_SEED)
    : 20_240_611;

export function finite(min: number, max: number): fc.Arbitrary<number> {
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((v) => v + 0);
}

export interface ShapeKinds {
  readonly box?: boolean;
  readonly rotation?: boolean;
  readonly polygon?: boolean;
  readonly polyline?: boolean;
  readonly points?: boolean;
  readonly keypoints?: number;
}

const nameArb = fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/);

export function boxIn(w: number, h: number): fc.Arbitrary<Box> {
  return fc
    .record({ a: finite(0, 1), b: finite(0, 1), c: finite(0, 1), d: finite(0, 1) })
    .map(({ a, b, c, d }) => {
      const x = a * (w - 1);
      const y = b * (h - 1);
      return { x, y, w: Math.max(1, c * (w - x)), h: Math.max(1, d * (h - y)) };
    })
    .filter((bx) => bx.x + bx.w <= w && bx.y + bx.h <= h);
}

export function pointsIn(w: number, h: number, min: number, max: number): fc.Arbitrary<Point[]> {
  return fc.array(fc.record({ x: finite(0, w), y: finite(0, h) }), { minLength: min, maxLength: max });
}

function keypointsIn(w: number, h: number, k: number): fc.Arbitrary<IrKeypoint[]> {
  return fc.array(
    fc.oneof(
      fc.constant<IrKeypoint>({ x: 0, y: 0, v: 0 }),
      fc.record({ x: finite(0, w), y: finite(0, h), v: fc.constantFrom<1 | 2>(1, 2) }),
    ),
    { minLength: k, maxLength: k },
  );
}

function objectArb(
  image: IrImage,
  categories: readonly IrCategory[],
  kinds: ShapeKinds,
  attrs: fc.Arbitrary<Record<string, IrValue>>,
) {
  const { width: w, height: h } = image;
  const shapes: fc.Arbitrary<Partial<IrObject>>[] = [];
  if (kinds.box) shapes.push(boxIn(w, h).map((box) => ({ box })));
  if (kinds.rotation) shapes.push(fc.record({ box: boxIn(w, h), rotation: finite(0.001, 359.9) }));
  if (kinds.polygon) shapes.push(pointsIn(w, h, 3, 12).map((p) => ({ polygons: [p] })));
  if (kinds.polyline) shapes.push(pointsIn(w, h, 2, 8).map((polyline) => ({ polyline })));
  if (kinds.points) shapes.push(pointsIn(w, h, 1, 6).map((points) => ({ points })));
  if (kinds.keypoints) shapes.push(keypointsIn(w, h, kinds.keypoints).map((keypoints) => ({ keypoints })));
  return fc.record({
    shape: fc.oneof(...shapes),
    category: fc.constantFrom(...categories),
    attributes: attrs,
  });
}

/** A random dataset: 1–3 images, 1–4 categories, 0–6 objects per image with the given shape kinds. */
export function datasetArb(
  kinds: ShapeKinds,
  opts: {
    categoryIds?: 'sparse' | 'index' | 'name';
    attrs?: fc.Arbitrary<Record<string, IrValue>>;
    keypointNames?: boolean;
  } = {},
): fc.Arbitrary<IrDataset> {
  const attrs = opts.attrs ?? fc.constant({});
  const cats = fc.uniqueArray(nameArb, { minLength: 1, maxLength: 4 }).chain((names) =>
    fc
      .uniqueArray(fc.integer({ min: 1, max: 90 }), { minLength: names.length, maxLength: names.length })
      .map((ids) =>
        names.map(
          (name, i): IrCategory => ({
            id:
              opts.categoryIds === 'name' ? name : opts.categoryIds === 'index' ? String(i) : String(ids[i]),
            name,
            ...(opts.keypointNames && kinds.keypoints
              ? { keypoints: Array.from({ length: kinds.keypoints }, (_, k) => `kp${k}`) }
              : {}),
          }),
        ),
      ),
  );
  const images = fc
    .uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 3 })
    .chain((ids) =>
      fc.tuple(
        ...ids.map((id) =>
          fc.record({ w: fc.integer({ min: 2, max: 4000 }), h: fc.integer({ min: 2, max: 4000 }) }).map(
            ({ w, h }): IrImage => ({
              id: String(id),
              fileName: `img_${id}.jpg`,
              width: w,
              height: h,
              properties: {},
            }),
          ),
        ),
      ),
    );
  return fc.tuple(cats, images).chain(([categories, imgs]) =>
    fc
      .tuple(
        ...imgs.map((image) =>
          fc
            .array(objectArb(image, categories, kinds, attrs), { maxLength: 6 })
            .map((list) => ({ image, list })),
        ),
      )
      .map((perImage) => {
        let n = 0;
        const objects: IrObject[] = perImage.flatMap(({ image, list }) =>
          list.map((o) => {
            n++;
            return {
              id: String(n),
              imageId: image.id,
              categoryId: o.category.id,
              ...o.shape,
              attributes: o.attributes,
              properties: {},
            } as IrObject;
          }),
        );
        return { images: imgs, categories, objects, extras: {} };
      }),
  );
}

/** |a − b| ≤ tol·max(1, |a|), element-wise over any nested numbers; everything else must be equal. */
export function expectClose(actual: unknown, expected: unknown, tol: number, path = ''): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Math.abs(actual - expected) > tol * Math.max(1, Math.abs(expected)))
      expect.fail(`${path}: ${actual} differs from ${expected} by more than ${tol} (relative)`);
    return;
  }
  if (typeof expected !== 'object' || expected === null || typeof actual !== 'object' || actual === null) {
    expect(actual, path).toEqual(expected);
    return;
  }
  expect(Object.keys(actual).sort(), path).toEqual(Object.keys(expected).sort());
  for (const k of Object.keys(expected))
    expectClose(
      (actual as Record<string, unknown>)[k],
      (expected as Record<string, unknown>)[k],
      tol,
      `${path}/${k}`,
    );
}

export async function* chunked(text: string, sizes: readonly number[]): AsyncGenerator<string> {
  let i = 0;
  let k = 0;
  while (i < text.length) {
    const n = Math.max(1, sizes[k++ % Math.max(1, sizes.length)] ?? 1);
    yield text.slice(i, i + n);
    i += n;
  }
}

export function collect(chunks: Iterable<string>): string {
  return [...chunks].join('');
}
