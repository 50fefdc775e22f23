/**
 * What an image file's container says before any decoder sees it: its format by magic bytes, and how many
 * frames it holds. Both read chunk headers only, in one linear pass, so a hostile file costs microseconds
 * here (libvips' own WebP header parse is quadratic in the frame count: 100k frames take ~10 s).
 */

/** The formats an upload may be, by their magic bytes. */
export type SniffedFormat = 'png' | 'jpeg' | 'webp';

/** The media type each format is declared and served as. */
export const SNIFFED_CONTENT_TYPES: Readonly<Record<SniffedFormat, string>> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The image format the bytes start with, or null for anything else (HTML, SVG, GIF, text, …). */
export function sniffImageFormat(bytes: Buffer): SniffedFormat | null {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (
    bytes.length >= 12 &&
    bytes.toString('latin1', 0, 4) === 'RIFF' &&
    bytes.toString('latin1', 8, 12) === 'WEBP'
  ) {
    return 'webp';
  }
  return null;
}

/** Counts the chunks named `tag` in a chunk list starting at `offset`; `next` gives each chunk's end. */
function countChunks(
  bytes: Buffer,
  offset: number,
  tag: string,
  next: (at: number) => number,
  tagAt: (at: number) => string,
): number {
  let count = 0;
  while (offset + 8 <= bytes.length) {
    if (tagAt(offset) === tag) count++;
    offset = next(offset);
  }
  return count;
}

/** WebP: one `ANMF` chunk per frame of an animation (RIFF chunks: fourcc, u32 LE size, data, pad). */
function webpFrames(bytes: Buffer): number {
  return countChunks(
    bytes,
    12,
    'ANMF',
    (at) => {
      const size = bytes.readUInt32LE(at + 4);
      return at + 8 + size + (size % 2);
    },
    (at) => bytes.toString('latin1', at, at + 4),
  );
}

/** APNG: one `fcTL` chunk per frame (PNG chunks: u32 BE length, type, data, CRC). */
function pngFrames(bytes: Buffer): number {
  return countChunks(
    bytes,
    8,
    'fcTL',
    (at) => at + 12 + bytes.readUInt32BE(at),
    (at) => bytes.toString('latin1', at + 4, at + 8),
  );
}

/**
 * The frames a browser would decode: the animation frames of an animated WebP or APNG, else 1. libvips
 * reads an APNG as its first frame only, so this count is the only bound on the frames behind it.
 */
export function countFrames(format: SniffedFormat, bytes: Buffer): number {
  if (format === 'webp') return Math.max(1, webpFrames(bytes));
  if (format === 'png') return Math.max(1, pngFrames(bytes));
  return 1;
}
