import {
  type BucketState,
  normalizePolicy,
  type RateDecision,
  type RatePolicy,
  takeToken,
  tokensAt,
} from './token-bucket';

/**
 * Where token buckets live. The in-memory store limits per process; a shared store (a SQL table, or
 * rate-limiter-flexible over PostgreSQL) implements the same call so limits hold across processes.
 */
export interface RateLimitStore {
  /** Takes one token from bucket `key` at `now` under `policy`. */
  take(key: string, policy: RatePolicy, now: number): Promise<RateDecision>;
}

/**
 * Buckets in a Map, most recently used last. Past `maxKeys` (many distinct callers, e.g. per-IP buckets)
 * full buckets are dropped first (a full bucket is the same as none), then the least recently used.
 */
export function createMemoryRateLimitStore(options: { maxKeys?: number } = {}): RateLimitStore {
  const maxKeys = options.maxKeys ?? 100_000;
  const buckets = new Map<string, { state: BucketState; policy: RatePolicy }>();

  function evict(now: number): void {
    for (const [key, b] of buckets) {
      if (tokensAt(b.state, b.policy, now) >= b.policy.burst) buckets.delete(key);
    }
    const target = Math.floor(maxKeys * 0.9);
    for (const key of buckets.keys()) {
      if (buckets.size <= target) break;
      buckets.delete(key);
    }
  }

  return {
    async take(key, rawPolicy, now) {
      const policy = normalizePolicy(rawPolicy);
      const previous = buckets.get(key);
      const { state, decision } = takeToken(previous?.state, policy, now);
      if (previous !== undefined) buckets.delete(key);
      else if (buckets.size >= maxKeys) evict(now);
      buckets.set(key, { state, policy });
      return decision;
    },
  };
}
