import { join } from 'node:path';
import sharp from 'sharp';

export interface FixtureImage {
  readonly name: string;
  readonly path: string;
  readonly width: number;
  readonly height: number;
}

/**
 * Ten sizes, every width and every height different, so an image is known by its size alone and the image
 * canvas's viewport can be told apart from the previous task's. All are smaller than the label page's canvas,
 * so fit-to-screen scales them up (one screen pixel is at most one image pixel).
 */
export const IMAGE_SIZES: readonly { readonly width: number; readonly height: number }[] = [
  { width: 320, height: 240 },
  { width: 400, height: 300 },
  { width: 256, height: 256 },
  { width: 480, height: 270 },
  { width: 300, height: 420 },
  { width: 512, height: 384 },
  { width: 360, height: 200 },
  { width: 240, height: 330 },
  { width: 448, height: 352 },
  { width: 380, height: 290 },
];

/** A picture with some structure: a colored background per image and a lighter rectangle in its middle. */
function pixels(width: number, height: number, seed: number): Buffer {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inside = x > width / 4 && x < (3 * width) / 4 && y > height / 4 && y < (3 * height) / 4;
      const at = (y * width + x) * 3;
      data[at] = (seed * 37 + (inside ? 120 : 0) + (x >> 3)) & 255;
      data[at + 1] = (seed * 71 + (inside ? 90 : 30) + (y >> 3)) & 255;
      data[at + 2] = (seed * 13 + (inside ? 60 : 120)) & 255;
    }
  }
  return data;
}

/** Writes one PNG per size into `dir` (`image-01.png`…), each with different content. */
export async function writeFixtureImages(dir: string): Promise<FixtureImage[]> {
  return Promise.all(
    IMAGE_SIZES.map(async ({ width, height }, i) => {
      const name = `image-${String(i + 1).padStart(2, '0')}.png`;
      const path = join(dir, name);
      await sharp(pixels(width, height, i + 1), { raw: { width, height, channels: 3 } })
        .png()
        .toFile(path);
      return { name, path, width, height };
    }),
  );
}
