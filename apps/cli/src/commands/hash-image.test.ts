import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import { hammingDistance, imageHash } from '@tessera/metrics';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { CliInputError } from '../cli-error';
import { decodeGrey, rgbToLuma } from '../io/load-grey';
import { hashImageFile, parseHashSize } from './hash-image';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const bin = join(root, 'apps/cli/bin/tessera.js');
const dir = mkdtempSync(join(tmpdir(), 'tessera-hash-image-'));

function tessera(...args: string[]) {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

// quality-math.md §11 hand image f(x, y) = (37x + 11y) mod 256 (x = column, y = row).
const f = (x: number, y: number) => (37 * x + 11 * y) % 256;

function greyPixels(width: number, height: number, fn: (x: number, y: number) => number): Uint8Array {
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) pixels[y * width + x] = fn(x, y);
  return pixels;
}

async function writePng(
  name: string,
  pixels: Uint8Array,
  width: number,
  height: number,
  channels: 1 | 3 | 4,
) {
  const path = join(dir, name);
  await sharp(Buffer.from(pixels), { raw: { width, height, channels } }).png().toFile(path);
  return path;
}

/** A PNG whose IHDR claims width × height but whose IDAT holds only the first row (header check only). */
function pngHeaderOnly(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grey
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(width + 1))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('grey conversion as Pillow convert("L")', () => {
  it('uses L24 = R·19595 + G·38470 + B·7471 + 0x8000, >> 16', () => {
    expect([rgbToLuma(255, 0, 0), rgbToLuma(0, 255, 0), rgbToLuma(0, 0, 255)]).toEqual([76, 150, 29]);
    expect(rgbToLuma(255, 255, 255)).toBe(255);
    for (let v = 0; v < 256; v += 1) expect(rgbToLuma(v, v, v)).toBe(v);
  });
});

describe('tessera hash image', () => {
  let fPhash: string;
  let fRgb: string;
  let rgbExpected: Uint8Array;

  beforeAll(async () => {
    fPhash = await writePng('f32.png', greyPixels(32, 32, f), 32, 32, 1);
    const rgb = new Uint8Array(32 * 32 * 3);
    rgbExpected = new Uint8Array(32 * 32);
    for (let i = 0; i < 32 * 32; i += 1) {
      const [r, g, b] = [(i * 7) % 256, (i * 13 + 40) % 256, (i * 29 + 90) % 256] as const;
      rgb.set([r, g, b], i * 3);
      rgbExpected[i] = rgbToLuma(r, g, b);
    }
    fRgb = await writePng('rgb32.png', rgb, 32, 32, 3);
  });

  it('subprocess: the §11 f image as a 32×32 grey PNG gives pHash 80ea0055ff28bf4f exactly', () => {
    const run = tessera('hash', 'image', fPhash, '--algorithm', 'phash');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ hash: '80ea0055ff28bf4f' });
  });

  it('native-size aHash and dHash of f (no resampling)', async () => {
    const a = await writePng('f8.png', greyPixels(8, 8, f), 8, 8, 1);
    const d = await writePng('f9x8.png', greyPixels(9, 8, f), 9, 8, 1);
    expect(await hashImageFile(a, 'ahash', 8)).toEqual({ hash: '0e1e1e1e3c3c3c38' });
    expect(await hashImageFile(d, 'dhash', 8)).toEqual({ hash: 'fdfdfdfdfbfbfbf7' });
  });

  it('subprocess: an RGB image is converted with the Pillow luma before hashing', () => {
    const expected = imageHash({ width: 32, height: 32, pixels: rgbExpected }, 'phash');
    const run = tessera('hash', 'image', fRgb, '--algorithm', 'phash');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ hash: expected });
  });

  it('drops alpha without compositing (Pillow RGBA → L ignores alpha)', async () => {
    const rgba = new Uint8Array(32 * 32 * 4);
    for (let i = 0; i < 32 * 32; i += 1) {
      rgba.set([(i * 7) % 256, (i * 13 + 40) % 256, (i * 29 + 90) % 256, (i * 3) % 256], i * 4);
    }
    const path = await writePng('rgba32.png', rgba, 32, 32, 4);
    expect((await decodeGrey(path)).pixels).toEqual(rgbExpected);
  });

  it('resizes with Lanczos when the image is not at the working size', async () => {
    // f drawn at 64×64 by pixel doubling; downsampled back to 32×32 it must be close to f's pHash
    // (libvips' Lanczos is not Pillow's, so only closeness is checked).
    const big = await writePng(
      'f64.png',
      greyPixels(64, 64, (x, y) => f(x >> 1, y >> 1)),
      64,
      64,
      1,
    );
    const { hash } = await hashImageFile(big, 'phash', 8);
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(hammingDistance(hash, '80ea0055ff28bf4f')).toBeLessThanOrEqual(6);
    const { hash: a16 } = await hashImageFile(big, 'ahash', 16);
    expect(a16).toMatch(/^[0-9a-f]{64}$/);
  });

  it('subprocess: a truncated file exits 2 with one line on stderr', () => {
    const whole = readFileSync(fPhash);
    const truncated = join(dir, 'truncated.png');
    writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    const run = tessera('hash', 'image', truncated, '--algorithm', 'phash');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^tessera: .*truncated\.png: cannot decode image/);
  });

  it('subprocess: an image over the pixel limit exits 2', () => {
    const huge = join(dir, 'huge.png');
    writeFileSync(huge, pngHeaderOnly(20_000, 20_000));
    const run = tessera('hash', 'image', huge, '--algorithm', 'ahash');
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(/^tessera: .*too large/);
  });

  it('undecodable and missing files, bad sizes and algorithms are input errors', async () => {
    const text = join(dir, 'not-an-image.png');
    writeFileSync(text, 'hello');
    await expect(hashImageFile(text, 'ahash', 8)).rejects.toBeInstanceOf(CliInputError);
    await expect(hashImageFile(join(dir, 'missing.png'), 'ahash', 8)).rejects.toThrow(/cannot read/);
    expect(() => parseHashSize('1')).toThrow(CliInputError);
    expect(() => parseHashSize('8.5')).toThrow(CliInputError);
    expect(() => parseHashSize('65')).toThrow(CliInputError);
    expect(parseHashSize('16')).toBe(16);
    const run = tessera('hash', 'image', fPhash, '--algorithm', 'whash');
    expect(run.code).toBe(2);
  });
});
