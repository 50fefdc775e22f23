import type { Clock } from '@tessera/core';

export interface LoginThrottleOptions {
  /** Failed attempts allowed per key within the window (default 10). */
  readonly maxFailures?: number;
  /** Sliding window in ms (default 15 minutes). */
  readonly windowMs?: number;
  /** Keys tracked before the oldest are dropped (memory bound; default 100 000). */
  readonly maxKeys?: number;
}

export interface LoginThrottle {
  /**
   * Records an attempt for `key` before the password is checked (so parallel guesses count too) and returns
   * null, or returns the seconds to wait when the key is locked out (nothing is recorded then).
   */
  attempt(key: string): number | null;
  /** A successful login forgets the key's failures. */
  succeeded(key: string): void;
}

/**
 * Brute-force protection for password checks: at most `maxFailures` attempts per key (account + client IP)
 * in a sliding window, driven by the injected clock. The counters live in this process's memory: several
 * server processes each allow their own `maxFailures`.
 */
export function createLoginThrottle(clock: Clock, options: LoginThrottleOptions = {}): LoginThrottle {
  const max = options.maxFailures ?? 10;
  const windowMs = options.windowMs ?? 15 * 60_000;
  const maxKeys = options.maxKeys ?? 100_000;
  const attempts = new Map<string, number[]>();

  function recent(key: string, now: number): number[] {
    const times = (attempts.get(key) ?? []).filter((t) => t > now - windowMs);
    if (times.length === 0) attempts.delete(key);
    else attempts.set(key, times);
    return times;
  }

  function evict(now: number): void {
    if (attempts.size < maxKeys) return;
    for (const key of [...attempts.keys()]) recent(key, now);
    // Still full: drop the oldest keys (Map iterates in insertion order).
    for (const key of attempts.keys()) {
      if (attempts.size < maxKeys) break;
      attempts.delete(key);
    }
  }

  return {
    attempt(key) {
      const now = clock.now();
      const times = recent(key, now);
      if (times.length >= max) {
        const oldest = times[times.length - max] ?? now;
        return Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
      }
      if (!attempts.has(key)) evict(now);
      attempts.set(key, [...times, now]);
      return null;
    },
    succeeded(key) {
      attempts.delete(key);
    },
  };
}
