import { SEED_SECRET_KEY } from '../testing/seed-workspace';

/**
 * The environment of a crash-test serve process: no rate limit in the way, and a short in-flight window for
 * Idempotency-Keys, so retries of requests cut by a crash execute after ~1.5 s instead of the shipped 60 s.
 */
export function crashServerEnv(extra: Record<string, string>): Record<string, string> {
  return {
    TESSERA_SECRET_KEY: SEED_SECRET_KEY,
    TESSERA_RATE_PER_SECOND: '1000000',
    TESSERA_RATE_BURST: '1000000',
    TESSERA_IDEMPOTENCY_IN_FLIGHT_MS: '1500',
    ...extra,
  };
}
