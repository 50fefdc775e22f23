import { TesseraError } from '@tessera/core';
import sharp, { type Metadata } from 'sharp';

/** The formats an upload may be; each is stored under its own extension. */
export const IMAGE_EXTENSIONS = { png: 'png', jpeg: 'jpg', webp: 'webp' } as const;
export type ImageFormat = keyof typeof IMAGE_EXTENSIONS;

export interface ProbedImage {
  readonly format: ImageFormat;
  /** Displayed size: EXIF orientation applied (a portrait JPEG stored sideways reports its upright size). */
  readonly width: number;
  readonly height: number;
}

function isImageFormat(format: string | undefined): format is ImageFormat {
  return format !== undefined && Object.hasOwn(IMAGE_EXTENSIONS, format);
}

function tooLarge(maxPixels: number): TesseraError {
  return new TesseraError(
    'image_too_large',
    422,
    `the image has more than ${maxPixels} pixels (width × height × frames); downscale it before uploading`,
    { max_pixels: maxPixels },
  );
}

function undecodable(cause?: unknown): TesseraError {
  return new TesseraError(
    'unsupported_media_type',
    415,
    'the body is not a readable PNG, JPEG or WebP image',
    {},
    cause,
  );
}

/**
 * Reads an image's header only (nothing is decoded): its format and displayed size. A header that declares
 * more than `maxPixels` pixels (an image bomb: a tiny file that would decode to gigabytes) is 422
 * `image_too_large`; anything but a PNG, JPEG or WebP is 415 `unsupported_media_type`.
 */
export async function probeImage(bytes: Buffer, maxPixels: number): Promise<ProbedImage> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: maxPixels }).metadata();
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) throw tooLarge(maxPixels);
    throw undecodable(error);
  }
  if (!isImageFormat(meta.format)) throw undecodable();
  const { width, height } = meta.autoOrient;
  if (!(width > 0 && height > 0)) throw undecodable();
  // Animated WebP/PNG frames all decode: count them against the same budget.
  if (width * height * Math.max(1, meta.pages ?? 1) > maxPixels) throw tooLarge(maxPixels);
  return { format: meta.format, width, height };
}
