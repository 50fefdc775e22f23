import { TesseraError } from '@tessera/core';
import sharp, { type Metadata } from 'sharp';
import { countFrames, type SniffedFormat, sniffImageFormat } from './image-container';

/** The formats an upload may be; each is stored under its own extension. */
export const IMAGE_EXTENSIONS = { png: 'png', jpeg: 'jpg', webp: 'webp' } as const;
export type ImageFormat = keyof typeof IMAGE_EXTENSIONS;

/** The media type each format must be declared as (and is served as). */
const IMAGE_CONTENT_TYPES: Readonly<Record<ImageFormat, string>> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};

const FORMAT_NAMES: Readonly<Record<ImageFormat, string>> = { png: 'PNG', jpeg: 'JPEG', webp: 'WebP' };

export interface ImageLimits {
  /** Largest accepted image in pixels, width × height × frames (422 `image_too_large` above it). */
  readonly maxPixels: number;
  /** Most frames an animated WebP or APNG may hold (422 `image_too_many_frames` above it). */
  readonly maxFrames: number;
}

export interface ProbedImage {
  readonly format: ImageFormat;
  /** Displayed size: EXIF orientation applied (a portrait JPEG stored sideways reports its upright size). */
  readonly width: number;
  readonly height: number;
}

function tooLarge(maxPixels: number): TesseraError {
  return new TesseraError(
    'image_too_large',
    422,
    `the image has more than ${maxPixels} pixels (width × height × frames); downscale it before uploading`,
    { max_pixels: maxPixels },
  );
}

function unsupported(): TesseraError {
  return new TesseraError('unsupported_media_type', 415, 'the body is not a PNG, JPEG or WebP image');
}

function mismatch(declared: string, format: ImageFormat): TesseraError {
  const actual = IMAGE_CONTENT_TYPES[format];
  return new TesseraError(
    'content_type_mismatch',
    415,
    `the body is a ${FORMAT_NAMES[format]} image but was sent as ${declared || '(no Content-Type)'}; send it as ${actual}`,
    { declared_type: declared, detected_type: actual },
  );
}

function corrupt(format: ImageFormat, cause?: unknown): TesseraError {
  return new TesseraError(
    'image_corrupt',
    422,
    `the ${FORMAT_NAMES[format]} image is truncated or corrupt: its pixels cannot be decoded`,
    {},
    cause,
  );
}

/**
 * Decodes every pixel of every frame, each frame shrunk to 1×1 on the way (memory stays small), and fails on
 * truncated or corrupt data, which a header read cannot see. The caller checked the pixel budget first;
 * `limitInputPixels` holds it again. Any failure is `image_corrupt`: libvips' error text is shared by all
 * threads (two concurrent failures can swap or merge their messages), so it never decides the answer.
 */
async function decodeAll(bytes: Buffer, format: ImageFormat, maxPixels: number): Promise<void> {
  try {
    await sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error', pages: -1 })
      .resize(1, 1, { fit: 'fill' })
      .raw()
      .toBuffer();
  } catch (error) {
    throw corrupt(format, error);
  }
}

function sniff(bytes: Buffer, declaredType: string): SniffedFormat {
  const format = sniffImageFormat(bytes);
  if (format === null) throw unsupported();
  if (IMAGE_CONTENT_TYPES[format] !== declaredType) throw mismatch(declaredType, format);
  return format;
}

/**
 * Checks that the bytes are the image `declaredType` says, within `limits`, and returns its format and
 * displayed size. In order, cheapest first: magic bytes (anything but PNG, JPEG or WebP, such as HTML, SVG
 * or GIF, is 415 `unsupported_media_type`; another of the three than declared is 415
 * `content_type_mismatch`), the container's frame count (422 `image_too_many_frames`), the header's
 * width × height × frames (422 `image_too_large`: an image bomb, a tiny file that would decode to
 * gigabytes), then a full bounded decode (422 `image_corrupt` for a truncated or damaged image).
 */
export async function probeImage(
  bytes: Buffer,
  declaredType: string,
  limits: ImageLimits,
): Promise<ProbedImage> {
  const format = sniff(bytes, declaredType);
  const frames = countFrames(format, bytes);
  if (frames > limits.maxFrames) {
    throw new TesseraError(
      'image_too_many_frames',
      422,
      `the animation has ${frames} frames, more than ${limits.maxFrames}`,
      { max_frames: limits.maxFrames },
    );
  }
  let meta: Metadata;
  try {
    // The header only: the size it declares is checked below, whatever it is.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw corrupt(format, error);
  }
  if (meta.format !== format) throw corrupt(format);
  const { width, height } = meta.autoOrient;
  if (!(width > 0 && height > 0)) throw corrupt(format);
  // Every frame decodes (libvips counts WebP frames, the container count also APNG's): one budget for all.
  if (width * height * Math.max(frames, meta.pages ?? 1) > limits.maxPixels) throw tooLarge(limits.maxPixels);
  await decodeAll(bytes, format, limits.maxPixels);
  return { format, width, height };
}
