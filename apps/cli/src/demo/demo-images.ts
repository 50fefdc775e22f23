import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { seededRandom } from '@tessera/db';
import sharp from 'sharp';

export const SCENE_WIDTH = 320;
export const SCENE_HEIGHT = 240;
const HORIZON = 120;

export type SceneClass = 'car' | 'truck' | 'person';
export type TimeOfDay = 'day' | 'dusk' | 'night';

export interface SceneObject {
  readonly class_id: SceneClass;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly rgb: readonly [number, number, number];
}

export interface SceneLayout {
  readonly timeOfDay: TimeOfDay;
  readonly objects: readonly SceneObject[];
}

type Rgb = readonly [number, number, number];

const SKY: Readonly<Record<TimeOfDay, Rgb>> = {
  day: [135, 190, 235],
  dusk: [230, 140, 90],
  night: [20, 24, 48],
};
const PAINT: readonly Rgb[] = [
  [200, 30, 40],
  [30, 60, 200],
  [235, 235, 235],
  [25, 25, 25],
  [120, 120, 60],
];
const SIZES: Readonly<Record<SceneClass, { w: [number, number]; h: [number, number] }>> = {
  car: { w: [40, 80], h: [20, 34] },
  truck: { w: [80, 120], h: [40, 62] },
  person: { w: [9, 16], h: [26, 46] },
};

export function sceneFileName(index: number): string {
  return `scene-${String(index).padStart(4, '0')}.png`;
}

/** Where the objects of scene `index` are: deterministic, so the same index always draws the same scene. */
export function sceneLayout(index: number): SceneLayout {
  const random = seededRandom(10_007 * index + 17);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random.next() * xs.length)] as T;
  const between = ([lo, hi]: [number, number]) => lo + Math.floor(random.next() * (hi - lo + 1));
  const timeOfDay = pick<TimeOfDay>(['day', 'day', 'dusk', 'night']);
  const count = 1 + Math.floor(random.next() * 5);
  const objects: SceneObject[] = [];
  for (let i = 0; i < count; i += 1) {
    const class_id = pick<SceneClass>(['car', 'car', 'car', 'truck', 'person', 'person']);
    const w = between(SIZES[class_id].w);
    const h = between(SIZES[class_id].h);
    const bottom = between([HORIZON + 30, SCENE_HEIGHT - 4]);
    const x = between([0, SCENE_WIDTH - w]);
    const rgb = class_id === 'person' ? ([60, 40, 30] as const) : pick(PAINT);
    objects.push({ class_id, x, y: bottom - h, w, h, rgb });
  }
  // Farther objects (higher on the image) first, so nearer ones are drawn over them.
  return { timeOfDay, objects: objects.sort((a, b) => a.y + a.h - (b.y + b.h)) };
}

function fill(pixels: Uint8Array, x0: number, y0: number, w: number, h: number, rgb: Rgb): void {
  for (let y = Math.max(0, y0); y < Math.min(SCENE_HEIGHT, y0 + h); y += 1) {
    for (let x = Math.max(0, x0); x < Math.min(SCENE_WIDTH, x0 + w); x += 1)
      pixels.set(rgb, (y * SCENE_WIDTH + x) * 3);
  }
}

/** Raw RGB pixels: sky, road with a lane line, then each object as a rectangle with a darker detail. */
export function drawScene(layout: SceneLayout): Uint8Array {
  const pixels = new Uint8Array(SCENE_WIDTH * SCENE_HEIGHT * 3);
  fill(pixels, 0, 0, SCENE_WIDTH, HORIZON, SKY[layout.timeOfDay]);
  fill(
    pixels,
    0,
    HORIZON,
    SCENE_WIDTH,
    SCENE_HEIGHT - HORIZON,
    layout.timeOfDay === 'night' ? [40, 40, 44] : [96, 96, 100],
  );
  for (let x = 0; x < SCENE_WIDTH; x += 40) fill(pixels, x, 180, 22, 3, [230, 210, 80]);
  for (const o of layout.objects) {
    fill(pixels, o.x, o.y, o.w, o.h, o.rgb);
    const shade: Rgb = [o.rgb[0] >> 1, o.rgb[1] >> 1, o.rgb[2] >> 1];
    if (o.class_id === 'person') fill(pixels, o.x + 2, o.y, o.w - 4, Math.round(o.h / 5), [225, 190, 160]);
    else fill(pixels, o.x + Math.round(o.w / 6), o.y + 3, Math.round(o.w / 3), Math.round(o.h / 3), shade);
  }
  return pixels;
}

/** Writes `scene-0001.png` … into `dir`, skipping files that exist (each file appears atomically). */
export async function writeSceneImages(
  dir: string,
  count: number,
): Promise<{ written: number; kept: number }> {
  await mkdir(dir, { recursive: true });
  let written = 0;
  for (let index = 1; index <= count; index += 1) {
    const path = join(dir, sceneFileName(index));
    if (existsSync(path)) continue;
    const raw = drawScene(sceneLayout(index));
    const tmp = `${path}.${process.pid}.tmp`;
    await sharp(raw, { raw: { width: SCENE_WIDTH, height: SCENE_HEIGHT, channels: 3 } })
      .png({ compressionLevel: 6 })
      .toFile(tmp);
    await rename(tmp, path);
    written += 1;
  }
  return { written, kept: count - written };
}
