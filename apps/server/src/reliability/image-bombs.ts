import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

/**
 * Hostile image files for the upload tests (U4, U7), built byte by byte in memory: each is small, and each
 * declares far more than it carries. sharp makes none of them (it refuses to write a 50,000² PNG, and merges
 * identical animation frames), so the containers are written here and only real frame bitstreams come from
 * sharp.
 */

const u16le = (n: number) => Buffer.from([n & 255, (n >> 8) & 255]);
const u24le = (n: number) => Buffer.from([n & 255, (n >> 8) & 255, (n >> 16) & 255]);
const u32be = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  return Buffer.concat([u32be(data.length), body, u32be(crc32(body))]);
}

function riffHeader(fourcc: string, size: number): Buffer {
  const header = Buffer.alloc(8);
  header.write(fourcc, 0, 'latin1');
  header.writeUInt32LE(size, 4);
  return header;
}

const riffChunk = (fourcc: string, data: Buffer) =>
  Buffer.concat([riffHeader(fourcc, data.length), data, Buffer.alloc(data.length % 2)]);

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** IHDR of an 8-bit greyscale, non-interlaced PNG. */
const greyHeader = (width: number, height: number) =>
  pngChunk('IHDR', Buffer.concat([u32be(width), u32be(height), Buffer.from([8, 0, 0, 0, 0])]));

/**
 * A PNG whose header declares `width` × `height` (8-bit grey) but whose one IDAT holds only the first
 * `rows` rows of zeros: 50,000 × 50,000 (2.5 gigapixels) in a few KB.
 */
export function hugePng(width: number, height: number, rows: number): Buffer {
  const idat = deflateSync(Buffer.alloc(rows * (width + 1)), { level: 9 });
  return Buffer.concat([
    PNG_SIGNATURE,
    greyHeader(width, height),
    pngChunk('IDAT', idat),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An APNG (8-bit grey, `canvas`²) with `frames` frames: a blank first frame, then 1×1 `fdAT` frames. */
export function manyFrameApng(frames: number, canvas: number): Buffer {
  let sequence = 0;
  const frameControl = (size: number) =>
    pngChunk(
      'fcTL',
      Buffer.concat([
        u32be(sequence++),
        u32be(size),
        u32be(size),
        u32be(0),
        u32be(0),
        Buffer.from([0, 1, 0, 10, 0, 0]),
      ]),
    );
  const parts = [
    PNG_SIGNATURE,
    greyHeader(canvas, canvas),
    pngChunk('acTL', Buffer.concat([u32be(frames), u32be(0)])),
    frameControl(canvas),
    pngChunk('IDAT', deflateSync(Buffer.alloc(canvas * (canvas + 1)))),
  ];
  const onePixel = deflateSync(Buffer.from([0, 255]));
  for (let i = 1; i < frames; i++) {
    parts.push(frameControl(1), pngChunk('fdAT', Buffer.concat([u32be(sequence++), onePixel])));
  }
  parts.push(pngChunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(parts);
}

/**
 * An animated WebP on a `canvas`² canvas with `frames` frames, each a 1×1 lossless frame made by sharp;
 * libvips decodes every frame at the canvas size, so it costs `frames` × `canvas`² pixels.
 */
export async function manyFrameWebp(frames: number, canvas: number): Promise<Buffer> {
  const still = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#c83' } })
    .webp({ lossless: true })
    .toBuffer();
  const bitstream = still.subarray(12); // the simple format's one chunk: VP8L
  if (bitstream.toString('latin1', 0, 4) !== 'VP8L') throw new Error('sharp wrote an unexpected WebP');
  // ANMF: x/2, y/2, width-1, height-1, duration (ms), flags; then the frame's bitstream chunk.
  const frame = riffChunk(
    'ANMF',
    Buffer.concat([u24le(0), u24le(0), u24le(0), u24le(0), u24le(40), Buffer.from([0]), bitstream]),
  );
  const body = Buffer.concat([
    Buffer.from('WEBP', 'latin1'),
    riffChunk('VP8X', Buffer.concat([Buffer.from([0x02, 0, 0, 0]), u24le(canvas - 1), u24le(canvas - 1)])),
    riffChunk('ANIM', Buffer.alloc(6)),
    ...Array.from({ length: frames }, () => frame),
  ]);
  return Buffer.concat([riffHeader('RIFF', body.length), body]);
}

/** One 1×1 GIF image: descriptor at (0, 0), no local palette, LZW data (min code 2: clear, 0, end). */
const GIF_PIXEL = Buffer.from([0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0x02, 0x02, 0x44, 0x01, 0x00]);

/** A GIF89a screen of `width` × `height` with a two-colour palette, before its images. */
const gifHeader = (width: number, height: number) =>
  Buffer.concat([
    Buffer.from('GIF89a', 'latin1'),
    u16le(width),
    u16le(height),
    Buffer.from([0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff]),
  ]);

/** An animated GIF of `frames` 1×1 frames (10 ms each) on a `canvas`² screen. */
export function manyFrameGif(frames: number, canvas: number): Buffer {
  const frame = Buffer.concat([Buffer.from([0x21, 0xf9, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00]), GIF_PIXEL]);
  const loop = Buffer.concat([
    Buffer.from([0x21, 0xff, 0x0b]),
    Buffer.from('NETSCAPE2.0', 'latin1'),
    Buffer.from([0x03, 0x01, 0x00, 0x00, 0x00]),
  ]);
  return Buffer.concat([
    gifHeader(canvas, canvas),
    loop,
    ...Array.from({ length: frames }, () => frame),
    Buffer.from([0x3b]),
  ]);
}

/**
 * A GIF that is also a script: the screen width's bytes are `/*`, so to a JavaScript parser the binary
 * header is a comment, closed inside a GIF comment extension, followed by `=globalThis.pwned=1//`. The
 * trailer byte is `;`. A valid GIF to an image decoder, a valid script to `<script src>`.
 */
export function polyglotGifScript(): Buffer {
  const script = Buffer.from('*/=globalThis.pwned=1//', 'latin1');
  return Buffer.concat([
    gifHeader(0x2a2f, 1),
    Buffer.from([0x21, 0xfe, script.length]),
    script,
    Buffer.from([0x00]),
    GIF_PIXEL,
    Buffer.from([0x3b]),
  ]);
}
