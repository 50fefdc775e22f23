import { stat } from 'node:fs/promises';
import type { GreyImage } from '@tessera/metrics';
import sharp, { type OutputInfo } from 'sharp';
import { CliInputError } from '../cli-error';

/** Largest image we decode (width × height); sharp checks it from the header before decoding. */
export const MAX_INPUT_PIXELS = 100_000_000;

/**
 * Pillow `convert('L')` from RGB: ITU-R 601-2 luma in 16-bit fixed point, `L24(rgb) >> 16` with
 * L24 = R·19595 + G·38470 + B·7471 + 0x8000 (libImaging/Convert.c), i.e. R·299/1000 + G·587/1000 +
 * B·114/1000 rounded to nearest with halves up. Grey pixels (R = G = B) keep their value.
 */
export function rgbToLuma(r: number, g: number, b: number): number {
  return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >>> 16;
}

function describeSharpError(path: string, error: unknown): CliInputError {
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  if (/pixel limit/i.test(message)) {
    return new CliInputError(
      `${path}: image is too large (limit ${MAX_INPUT_PIXELS} pixels)`,
      'image_too_large',
    );
  }
  return new CliInputError(`${path}: cannot decode image (${message})`, 'bad_image');
}

/**
 * Decodes an image file to an 8-bit grey image at its native size, like Pillow `Image.open(f).convert('L')`.
 * sharp decodes (first frame/page, no EXIF auto-rotation, embedded ICC profile ignored as Pillow ignores
 * it, `failOn: 'error'` so truncated or corrupt data fails) and drops any alpha channel without compositing
 * (Pillow's RGBA→L ignores alpha); the luma is then computed here with Pillow's integer formula, not by
 * sharp. Choice: inputs that are not 8-bit (16-bit PNG/TIFF, CMYK) go through sharp's conversion to 8-bit
 * sRGB, which Pillow does differently — hashes of such files are not guaranteed to match imagehash.
 */
export async function decodeGrey(path: string): Promise<GreyImage> {
  try {
    await stat(path);
  } catch (error) {
    throw new CliInputError(`cannot read ${path}: ${(error as Error).message}`);
  }
  let decoded: { data: Buffer; info: OutputInfo };
  try {
    decoded = await sharp(path, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS, ignoreIcc: true })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw describeSharpError(path, error);
  }
  const { data, info } = decoded;
  const count = info.width * info.height;
  if (info.channels !== 1 && info.channels !== 3) {
    throw new CliInputError(`${path}: unsupported image with ${info.channels} channels`, 'bad_image');
  }
  const pixels = new Uint8Array(count);
  for (let i = 0; i < count; i += 1) {
    const o = i * info.channels;
    pixels[i] =
      info.channels === 1
        ? (data[o] as number)
        : rgbToLuma(data[o] as number, data[o + 1] as number, data[o + 2] as number);
  }
  return { width: info.width, height: info.height, pixels };
}

/**
 * Lanczos resize of a grey image to `width × height` (sharp `kernel: 'lanczos3'`, `fit: 'fill'`, so the
 * aspect ratio is not kept — as Pillow `resize((w, h), LANCZOS)`). When the image already has that size it is
 * returned unchanged, as Pillow returns an unchanged copy. libvips' Lanczos differs from Pillow's by a few
 * grey levels, so resampled hashes can differ from imagehash by a few bits.
 */
export async function resizeGrey(image: GreyImage, width: number, height: number): Promise<GreyImage> {
  if (image.width === width && image.height === height) return image;
  const { data, info } = await sharp(Buffer.from(Uint8Array.from(image.pixels)), {
    raw: { width: image.width, height: image.height, channels: 1 },
  })
    .resize(width, height, { kernel: 'lanczos3', fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const pixels = new Uint8Array(width * height);
  for (let i = 0; i < pixels.length; i += 1) pixels[i] = data[i * info.channels] as number;
  return { width, height, pixels };
}

/** `decodeGrey` then `resizeGrey` to the hash's working size. */
export async function loadGreyImage(path: string, width: number, height: number): Promise<GreyImage> {
  return resizeGrey(await decodeGrey(path), width, height);
}
