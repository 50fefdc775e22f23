import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createIdGenerator, encodeRandom } from './ids';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The ULID spec's encoding of 80 random bits: 16 Crockford base32 characters of the big-endian number. */
function referenceRandom(bytes: Uint8Array): string {
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let out = '';
  for (let i = 0; i < 16; i++) {
    out = (ALPHABET[Number(bits & 31n)] as string) + out;
    bits >>= 5n;
  }
  return out;
}

describe('createIdGenerator', () => {
  it('encodes 80 random bits exactly as the BigInt reference does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 10, maxLength: 10 }), (bytes) => {
        expect(encodeRandom(bytes)).toBe(referenceRandom(bytes));
      }),
      { numRuns: 2_000 },
    );
    expect(encodeRandom(new Uint8Array(10).fill(255))).toBe('ZZZZZZZZZZZZZZZZ');
  });

  it('makes ids that sort by creation and never repeat within a millisecond', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), fc.integer({ min: 2, max: 300 }), (ms, n) => {
        const ids = createIdGenerator(() => ms);
        const made = Array.from({ length: n }, () => ids.next('tsk'));
        for (const id of made) expect(id).toMatch(/^tsk_[0-9A-HJKMNP-TV-Z]{26}$/);
        expect([...made].sort()).toEqual(made);
        expect(new Set(made).size).toBe(n);
      }),
      { numRuns: 200 },
    );
  });

  it('draws fresh random bits for every millisecond, across refills of its random pool', () => {
    let ms = 1_700_000_000_000;
    const ids = createIdGenerator(() => ms++);
    // 2,000 milliseconds: five refills of the 400-draw pool; no random part may come back.
    const randomParts = Array.from({ length: 2_000 }, () => ids.next('evt').slice(-16));
    expect(new Set(randomParts).size).toBe(2_000);
  });
});
