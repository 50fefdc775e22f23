import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { crc32 } from 'node:zlib';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const PREFIX = 'tsr_live_';
const SECRET_LENGTH = 43; // 32 random bytes in base62
const KEY_PATTERN = /^tsr_live_([0-9A-Za-z]{43})_([0-9A-Za-z]{6})$/;

function base62(bytes: Uint8Array, width: number): string {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  let out = '';
  while (n > 0n) {
    out = (BASE62[Number(n % 62n)] as string) + out;
    n /= 62n;
  }
  return out.padStart(width, '0');
}

function checksum(secret: string): string {
  const c = crc32(`${PREFIX}${secret}`) >>> 0;
  return base62(new Uint8Array([c >>> 24, (c >>> 16) & 255, (c >>> 8) & 255, c & 255]), 6);
}

/**
 * A new API key, `tsr_live_<32 random bytes, base62>_<crc32>` (GitHub's token format idea): secret scanners
 * and logs recognise the prefix, and the checksum rejects typos without a database lookup.
 */
export function generateApiKey(): string {
  const secret = base62(randomBytes(32), SECRET_LENGTH);
  return `${PREFIX}${secret}_${checksum(secret)}`;
}

/** True when the string has the key format and its checksum matches. */
export function isWellFormedKey(key: string): boolean {
  const m = KEY_PATTERN.exec(key);
  return m !== null && checksum(m[1] as string) === m[2];
}

/** What is stored: SHA-256 of the whole key, hex. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The part of a key that lists and logs may show. */
export function keyPrefix(key: string): string {
  return key.slice(0, PREFIX.length + 6);
}

/** Constant-time comparison of two hex digests. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
