import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { uuidV4, uuidV7 } from './uuid';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidV7', () => {
  it('carries the millisecond time in its first 48 bits, with version 7 and the RFC variant', () => {
    const key = uuidV7(0x0190_1234_5678);
    expect(key).toMatch(V7);
    expect(key.slice(0, 13)).toBe('01901234-5678');
  });

  it('sorts as text in the order of its time (what keeps the server index append-only)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 48 - 1 }),
        fc.integer({ min: 0, max: 2 ** 48 - 1 }),
        (a, b) => {
          fc.pre(a !== b);
          const [ka, kb] = [uuidV7(a), uuidV7(b)];
          expect(ka < kb).toBe(a < b);
          expect(ka).toMatch(V7);
        },
      ),
    );
  });

  it('differs between two keys of the same millisecond', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => uuidV7(1_700_000_000_000)));
    expect(keys.size).toBe(1000);
  });

  it('leaves uuidV4 a version 4 UUID', () => {
    expect(uuidV4()).toMatch(V4);
  });

  it('draws random bytes in batches and hands no slice out twice', () => {
    const real = globalThis.crypto;
    let calls = 0;
    // The browser's crypto of an insecure context: the real CSPRNG, counted, and no randomUUID. Restored below.
    vi.stubGlobal('crypto', {
      getRandomValues: (a: Uint8Array) => {
        calls++;
        return real.getRandomValues(a);
      },
    });
    try {
      // Without randomUUID, uuidV4 takes its bytes from the same batches as uuidV7.
      const keys = Array.from({ length: 1500 }, (_, i) =>
        i % 2 === 0 ? uuidV7(1_700_000_000_000) : uuidV4(),
      );
      expect(new Set(keys.map((k) => k.slice(14))).size).toBe(1500);
      expect(keys.filter((_, i) => i % 2 === 1).every((k) => V4.test(k))).toBe(true);
      expect(calls).toBeLessThanOrEqual(7);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
