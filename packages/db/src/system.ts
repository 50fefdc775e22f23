import type { Clock, RandomSource } from '@tessera/core';

/** The wall clock (epoch ms). Tests pass a fake clock instead. */
export const systemClock: Clock = { now: () => Date.now() };

/** Math.random as a RandomSource. Tests pass a seeded source instead. */
export const systemRandom: RandomSource = { next: () => Math.random() };

/** A seeded PRNG (mulberry32) for reproducible tests and benchmarks. */
export function seededRandom(seed: number): RandomSource {
  let a = seed >>> 0;
  return {
    next() {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** A clock tests move by hand. */
export function fakeClock(
  start = Date.UTC(2026, 0, 1),
): Clock & { advance(ms: number): void; set(ms: number): void } {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
    set(ms: number) {
      t = ms;
    },
  };
}
