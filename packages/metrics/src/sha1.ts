import { encodeUtf8 } from './utf8';

/**
 * SHA-1 (FIPS 180-4 §6.1) in pure TypeScript so that metrics needs no Node crypto. Used only as a
 * non-cryptographic token hash (datasketch `sha1_hash32`, SimHash features) — never for security.
 */

function rotl(x: number, n: number): number {
  return (x << n) | (x >>> (32 - n));
}

function padMessage(bytes: Uint8Array): Uint8Array {
  const bitLength = bytes.length * 8;
  const paddedLength = Math.ceil((bytes.length + 9) / 64) * 64;
  const padded = new Uint8Array(paddedLength);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(paddedLength - 8, Math.floor(bitLength / 2 ** 32));
  view.setUint32(paddedLength - 4, bitLength >>> 0);
  return padded;
}

function compressBlock(state: Uint32Array, view: DataView, offset: number, w: Uint32Array): void {
  for (let t = 0; t < 16; t += 1) w[t] = view.getUint32(offset + t * 4);
  for (let t = 16; t < 80; t += 1) {
    w[t] = rotl(
      (w[t - 3] as number) ^ (w[t - 8] as number) ^ (w[t - 14] as number) ^ (w[t - 16] as number),
      1,
    );
  }
  let a = state[0] as number;
  let b = state[1] as number;
  let c = state[2] as number;
  let d = state[3] as number;
  let e = state[4] as number;
  for (let t = 0; t < 80; t += 1) {
    let f: number;
    let k: number;
    if (t < 20) [f, k] = [(b & c) | (~b & d), 0x5a827999];
    else if (t < 40) [f, k] = [b ^ c ^ d, 0x6ed9eba1];
    else if (t < 60) [f, k] = [(b & c) | (b & d) | (c & d), 0x8f1bbcdc];
    else [f, k] = [b ^ c ^ d, 0xca62c1d6];
    const temp = (rotl(a, 5) + f + e + k + (w[t] as number)) | 0;
    [e, d, c, b, a] = [d, c, rotl(b, 30), a, temp];
  }
  state[0] = (state[0] as number) + a;
  state[1] = (state[1] as number) + b;
  state[2] = (state[2] as number) + c;
  state[3] = (state[3] as number) + d;
  state[4] = (state[4] as number) + e;
}

/** The 20-byte SHA-1 digest of `data` (a string is hashed as UTF-8). */
export function sha1(data: Uint8Array | string): Uint8Array {
  const padded = padMessage(typeof data === 'string' ? encodeUtf8(data) : data);
  const view = new DataView(padded.buffer);
  const state = Uint32Array.of(0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0);
  const w = new Uint32Array(80);
  for (let offset = 0; offset < padded.length; offset += 64) compressBlock(state, view, offset, w);
  const digest = new Uint8Array(20);
  const out = new DataView(digest.buffer);
  state.forEach((word, i) => {
    out.setUint32(i * 4, word);
  });
  return digest;
}

/** Lowercase hex of a byte array. */
export function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * datasketch `sha1_hash32`: the first 4 bytes of SHA-1, read little-endian, as an unsigned 32-bit integer
 * (quality-math.md §12: 'hello' → 499578026, '' → 4003674586).
 */
export function sha1Hash32(data: Uint8Array | string): number {
  const digest = sha1(data);
  return new DataView(digest.buffer).getUint32(0, true);
}
