import { randomBytes } from 'node:crypto';
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

/**
 * ULID-style ids (`tsk_01J9…`): 48-bit millisecond time + 80 random bits, monotonic within a millisecond
 * (the random part is incremented), so ids sort by creation and never collide across processes.
 */
export function createIdGenerator(now: () => number = Date.now): IdGenerator {
  let lastMs = -1;
  let lastRandom = new Uint8Array(10);
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
        lastRandom = new Uint8Array(randomBytes(10));
      }
      let bits = 0n;
      for (const byte of lastRandom) bits = (bits << 8n) | BigInt(byte);
      let rand = '';
      for (let i = 0; i < 16; i++) {
        rand = (ALPHABET[Number(bits & 31n)] as string) + rand;
        bits >>= 5n;
      }
      return `${prefix}_${encodeTime(ms)}${rand}`;
    },
  };
}
