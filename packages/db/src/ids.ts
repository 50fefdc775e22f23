import { randomFillSync } from 'node:crypto';
import type { IdGenerator } from '@tessera/core';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32

function encodeTime(ms: number): string {
  let out = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    out = (ALPHABET[t % 32] as string) + out;
    t = Math.floor(t / 32);
  }
  return out;
}

/** Bytes `from`..`from + 4` (40 bits, exact in a double) as 8 base32 characters, most significant first. */
function encode40(bytes: Uint8Array, from: number): string {
  let n = 0;
  for (let i = from; i < from + 5; i++) n = n * 256 + (bytes[i] as number);
  let out = '';
  for (let i = 0; i < 8; i++) {
    out = (ALPHABET[n % 32] as string) + out;
    n = Math.floor(n / 32);
  }
  return out;
}

/** 80 random bits as 16 base32 characters (ULID's encoding of the big-endian number). */
export function encodeRandom(bytes: Uint8Array): string {
  return encode40(bytes, 0) + encode40(bytes, 5);
}

/**
 * ULID-style ids (`tsk_01J9…`): 48-bit millisecond time + 80 random bits, monotonic within a millisecond
 * (the random part is incremented), so ids sort by creation and never collide across processes.
 */
export function createIdGenerator(now: () => number = Date.now): IdGenerator {
  let lastMs = -1;
  let lastRandom: Uint8Array = new Uint8Array(10);
  // A new millisecond draws 10 random bytes; they come from the CSPRNG 4,000 at a time (a call per draw was
  // 1.3% of a PostgreSQL serve process's profile).
  const pool = new Uint8Array(4000);
  let used = pool.length;
  const draw = (): Uint8Array => {
    if (used + 10 > pool.length) {
      randomFillSync(pool);
      used = 0;
    }
    used += 10;
    return pool.slice(used - 10, used); // a copy: incremented in place within its millisecond
  };
  return {
    next(prefix: string): string {
      const ms = now();
      if (ms === lastMs) {
        for (let i = 9; i >= 0; i--) {
          lastRandom[i] = ((lastRandom[i] as number) + 1) & 0xff;
          if (lastRandom[i] !== 0) break;
        }
      } else {
        lastMs = ms;
        lastRandom = draw();
      }
      return `${prefix}_${encodeTime(ms)}${encodeRandom(lastRandom)}`;
    },
  };
}
