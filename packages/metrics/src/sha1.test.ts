import { describe, expect, it } from 'vitest';
import { bytesToHex, sha1, sha1Hash32 } from './sha1';
import { encodeUtf8 } from './utf8';

describe('SHA-1 (FIPS 180-4) and datasketch sha1_hash32', () => {
  it('FIPS 180 / RFC 3174 test vectors', () => {
    expect(bytesToHex(sha1('abc'))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(bytesToHex(sha1(''))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(bytesToHex(sha1('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '84983e441c3bd26ebaae4aa1f95129e5e54670f1',
    );
    expect(bytesToHex(sha1('a'.repeat(1_000_000)))).toBe('34aa973cd4c4daa4f61eeb2bdbad27316534016f');
  });

  it("first 4 bytes little-endian: 'hello' → 499578026, '' → 4003674586 (quality-math.md §12)", () => {
    expect(sha1Hash32('hello')).toBe(499578026);
    expect(sha1Hash32('')).toBe(4003674586);
    expect(sha1Hash32(encodeUtf8('hello'))).toBe(499578026);
  });

  it('UTF-8 encoding of non-ASCII text', () => {
    expect(Array.from(encodeUtf8('é€😀'))).toEqual([0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80]);
    expect(Array.from(encodeUtf8('\ud800'))).toEqual([0xef, 0xbf, 0xbd]);
  });
});
